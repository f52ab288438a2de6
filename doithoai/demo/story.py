"""The demo world: the Office of the Hà Giang Provincial People's Committee (seed plan
09/KH-VPUBND of 2018) and a live 2026 cycle, built only through the actions.

Each step runs at the date it would have happened (time-machine), so codes, audit events
and deadlines carry their real dates and the audit chain stays in order.
"""

from django.contrib.auth import get_user_model
from django.db import transaction

from doithoai.conferences import actions as conf
from doithoai.followups import actions as fu
from doithoai.organizations import actions as org
from doithoai.organizations.models import StaffCategory
from doithoai.petitions import actions as pet
from doithoai.petitions.models import Topic
from doithoai.reports.actions import submit_report

from .cast import LOGINS, PASSWORD, PEOPLE, UNITS, at
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
        self.year_2026()
        return self.agency


@transaction.atomic
def load_demo():
    """Build the whole demo world in one transaction and return (agency, receipt code)."""
    demo = Demo()
    agency = demo.build()
    return agency, demo.receipt_code
