"""The demo world: the Office of the Hà Giang Provincial People's Committee (seed plan
09/KH-VPUBND of 2018), its merger of 01/07/2025 into the Office of the Tuyên Quang PPC
(Resolution No. 202/2025/QH15), and a live 2026 cycle under that successor, built only
through the actions.

Each step runs at the date it would have happened (time-machine), so codes, audit events
and deadlines carry their real dates and the audit chain stays in order.
"""

from django.contrib.auth import get_user_model
from django.db import transaction

from doithoai.conferences import actions as conf
from doithoai.followups import actions as fu
from doithoai.organizations import actions as org
from doithoai.organizations import reorganise
from doithoai.organizations.models import Role, StaffCategory, Unit
from doithoai.petitions import actions as pet
from doithoai.petitions.models import Topic
from doithoai.reports.actions import submit_report

from .cast import LOGINS, PASSWORD, PEOPLE, UNITS, at, at_day
from .year2018 import Year2018
from .year2026 import Year2026

__all__ = ["LOGINS", "PASSWORD", "load_demo"]


class Demo(Year2018, Year2026):
    """Build the demo world step by step."""

    def __init__(self):
        self.u = {}
        self.units = {}

    def topic(self, code):
        return Topic.objects.get(agency=self.agency, code=code)

    def submit(self, who, title, content, code, **kw):
        return pet.submit_petition(
            agency=self.agency,
            title=title,
            content=content,
            topic=self.topic(code),
            by=self.u[who],
            **kw,
        )

    def publish_all(self):
        """Post every answer and issued notice not yet published, as the secretariat does."""
        from doithoai.conferences.models import ConclusionNotice, NoticeStatus
        from doithoai.followups.models import Answer

        for answer in Answer.objects.filter(agency=self.agency, published_at__isnull=True):
            fu.publish_answer(answer=answer, by=self.u["hctc"])
        for notice in ConclusionNotice.objects.filter(
            agency=self.agency, status=NoticeStatus.ISSUED, published_at__isnull=True
        ):
            conf.publish_notice(notice=notice, by=self.u["hctc"])

    def report(self, year, half, symbol):
        submit_report(agency=self.agency, year=year, half=half, by=self.u["hctc"], symbol=symbol)

    def receive(self, petition, code, unit=None):
        return pet.receive_petition(
            petition=petition,
            topic=self.topic(code),
            by=self.u["hctc"],
            concerned_unit=self.units.get(unit),
        )

    def build(self):
        user_model = get_user_model()
        root = user_model.objects.filter(username="admin").first()
        if root is None:
            root = user_model.objects.create_superuser("admin", "admin@example.vn", PASSWORD)
        with at(2018, 1, 2, 8):
            province = org.create_agency(
                name="Ủy ban nhân dân tỉnh Hà Giang",
                code="UBNDHG",
                locality="Hà Giang",
                short_name="UBND tỉnh",
                by=root,
            )
            self.agency = org.create_agency(
                name="Văn phòng UBND tỉnh Hà Giang",
                short_name="Văn phòng UBND tỉnh",
                code="VPUBND",
                locality="Hà Giang",
                parent=province,
                parent_body_name="UBND TỈNH HÀ GIANG",
                by=root,
            )
            # The first admin is set up by the superuser; everyone else by that admin.
            username, name, roles, unit, title, cat = PEOPLE[-1]
            self.u[username] = org.add_member(
                agency=self.agency,
                username=username,
                full_name=name,
                roles=roles,
                by=None,
                position_title=title,
                staff_category=cat,
                password=PASSWORD,
                email=f"{username}@hagiang.gov.vn",
            ).user
            admin = self.u["quantri"]
            for code, uname in UNITS:
                self.units[code] = org.add_unit(agency=self.agency, name=uname, code=code, by=admin)
            org.set_roles(
                membership=self.agency.memberships.get(user=admin),
                roles=roles,
                unit=self.units[unit],
                by=admin,
            )
            for username, name, roles, unit, title, cat in PEOPLE[:-1]:
                self.u[username] = org.add_member(
                    agency=self.agency,
                    username=username,
                    full_name=name,
                    roles=roles,
                    unit=self.units.get(unit),
                    position_title=title,
                    staff_category=StaffCategory(cat),
                    password=PASSWORD,
                    email=f"{username}@hagiang.gov.vn",
                    by=admin,
                ).user
        self.year_2018()
        hagiang = self.agency
        self.merger_2025(root, province)
        self.year_2026()
        hagiang.refresh_from_db()
        return hagiang

    def merger_2025(self, root, province):
        """Record the merger of 01/07/2025: Hà Giang into Tuyên Quang, the offices likewise.

        Resolution No. 202/2025/QH15 of the National Assembly arranged the provinces (63 into
        34); the new provinces' authorities work from 01/07/2025. The successor office's open
        work and people come from the Hà Giang office; 2026 runs under its names.
        """
        basis = "Nghị quyết số 202/2025/QH15"
        with at(2025, 7, 1, 8):
            tuyen_quang = org.create_agency(
                name="Ủy ban nhân dân tỉnh Tuyên Quang",
                code="UBNDTQ",
                locality="Tuyên Quang",
                short_name="UBND tỉnh",
                by=root,
            )
            office = org.create_agency(
                name="Văn phòng UBND tỉnh Tuyên Quang",
                short_name="Văn phòng UBND tỉnh",
                code="VPUBNDTQ",
                locality="Tuyên Quang",
                parent=tuyen_quang,
                parent_body_name="UBND TỈNH TUYÊN QUANG",
                by=root,
            )
            for old, new in ((province, tuyen_quang), (self.agency, office)):
                reorganise.merge_agency(
                    agency=old,
                    successor=new,
                    by=root,
                    effective_on=at_day(2025, 7, 1),
                    legal_basis=basis,
                )
            # The province office that receives the reports of the agencies below it.
            self.u["tinh"] = org.add_member(
                agency=tuyen_quang,
                username="tinh",
                full_name="Hoàng Thị Tỉnh",
                roles=[Role.SUPERVISOR],
                by=None,
                position_title="Chuyên viên Văn phòng UBND tỉnh",
                password=PASSWORD,
                email="tinh@tuyenquang.gov.vn",
            ).user
        self.agency = office
        self.units = {code: Unit.objects.get(pk=u.pk) for code, u in self.units.items()}
        # Fresh user objects: the ones in hand remember their old memberships.
        users = get_user_model().objects.in_bulk([u.pk for u in self.u.values()])
        self.u = {name: users[u.pk] for name, u in self.u.items()}


@transaction.atomic
def load_demo():
    """Build the whole demo world in one transaction and return (agency, receipt code)."""
    demo = Demo()
    agency = demo.build()
    return agency, demo.receipt_code
