"""Factories for tests: agencies with units, members with roles, petitions, conferences.

Domain rows are created through the actions wherever a test depends on what an action
guarantees; plain factories serve for setting up the world around them.
"""

import datetime
import functools
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from doithoai.organizations.models import (
    Agency,
    Membership,
    MembershipRole,
    Role,
    StaffCategory,
    Unit,
)
from doithoai.petitions.models import DEFAULT_TOPICS, Topic

PASSWORD = "matkhau-demo-2018"


@functools.cache
def _password_hash() -> str:
    return make_password(PASSWORD)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = "Nguyễn Văn"
    last_name = factory.Sequence(lambda n: f"Người {n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.vn")
    # Hashing once per run keeps a 12-user cast cheap (PBKDF2 per user would cost seconds).
    password = factory.LazyFunction(_password_hash)


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agency
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Văn phòng UBND tỉnh {n}")
    code = factory.Sequence(lambda n: f"VP{n}")
    locality = "Hà Giang"
    parent_body_name = "UBND TỈNH HÀ GIANG"

    @factory.post_generation
    def topics(obj, create, extracted, **kwargs):
        if create:
            Topic.objects.bulk_create(
                Topic(
                    agency=obj,
                    group=group,
                    code=slug,
                    name=name,
                    confidential_by_default=conf,
                    position=i,
                )
                for i, (group, slug, name, conf) in enumerate(DEFAULT_TOPICS)
            )


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit

    agency = factory.SubFactory(AgencyFactory)
    name = factory.Sequence(lambda n: f"Phòng {n}")
    code = factory.Sequence(lambda n: f"P{n}")


def member(agency, *roles, unit=None, username=None, full_name=None, **extra):
    """Create a user holding `roles` in `agency` (and in `unit`)."""
    user = UserFactory(username=username) if username else UserFactory()
    if full_name:
        first, _sep, last = full_name.rpartition(" ")
        user.first_name, user.last_name = first, last
        user.save(update_fields=["first_name", "last_name"])
    membership = Membership.objects.create(
        agency=agency,
        user=user,
        unit=unit,
        staff_category=extra.get("staff_category", StaffCategory.CIVIL_SERVANT),
        position_title=extra.get("position_title", ""),
    )
    for role in roles or (Role.STAFF,):
        MembershipRole.objects.create(agency=agency, membership=membership, role=role)
    return user


def topic(agency, code="che-do-tien-luong"):
    """Return one of the agency's default topics."""
    return Topic.objects.get(agency=agency, code=code)


def aware(year, month, day, hour=8, minute=0):
    """Return an aware datetime in the agency's time zone."""
    return timezone.make_aware(datetime.datetime(year, month, day, hour, minute))


class Cast:
    """One fixed user per role in one agency, with two units (HC-TC and another)."""

    def __init__(self, agency=None):
        self.agency = agency or AgencyFactory(code="VPUBND", name="Văn phòng UBND tỉnh Hà Giang")
        self.hctc = UnitFactory(agency=self.agency, name="Phòng Hành chính - Tổ chức", code="HCTC")
        self.unit = UnitFactory(agency=self.agency, name="Phòng Tổng hợp", code="TH")
        self.other_unit = UnitFactory(agency=self.agency, name="Phòng Kinh tế", code="KT")
        self.head = member(self.agency, Role.HEAD, username="head")
        self.deputy = member(self.agency, Role.DEPUTY, username="deputy")
        self.deputy2 = member(self.agency, Role.DEPUTY, username="deputy2")
        self.secretariat = member(self.agency, Role.SECRETARIAT, unit=self.hctc, username="sec")
        self.leader = member(self.agency, Role.UNIT_LEADER, unit=self.unit, username="leader")
        self.other_leader = member(
            self.agency, Role.UNIT_LEADER, unit=self.other_unit, username="leader2"
        )
        self.staff = member(self.agency, Role.STAFF, unit=self.unit, username="staff")
        self.staff2 = member(self.agency, Role.STAFF, unit=self.unit, username="staff2")
        self.inspector = member(self.agency, Role.INSPECTOR, username="inspector")
        self.admin = member(self.agency, Role.ADMIN, username="admin")
        self.outsider = UserFactory(username="outsider")

    def topic(self, code="che-do-tien-luong"):
        return topic(self.agency, code)


# --- Time -------------------------------------------------------------------------------

# The seed's mid-year conference day; most tests live on it (see `seed_day`).
MEETING_AT = aware(2018, 6, 20, 8)
SEED_DAY = aware(2018, 6, 20, 9)


def freeze(time_machine, moment=SEED_DAY) -> None:
    """Stop the clock at `moment` (aware datetime) for the rest of the test."""
    time_machine.move_to(moment, tick=False)


def seed_day(time_machine):
    """Fixture body: freeze time on the morning of 20/06/2018 (re-exported by conftests)."""
    freeze(time_machine)
    return SEED_DAY


# --- Other agencies ---------------------------------------------------------------------


class Elsewhere:
    """A second agency with its own head, secretariat, staff, unit and topics."""

    def __init__(self):
        self.agency = AgencyFactory(name="Sở Nội vụ tỉnh Hà Giang")
        self.unit = UnitFactory(agency=self.agency, name="Phòng Công chức", code="CC")
        self.head = member(self.agency, Role.HEAD)
        self.secretariat = member(self.agency, Role.SECRETARIAT, unit=self.unit)
        self.staff = member(self.agency, Role.STAFF, unit=self.unit)

    def topic(self, code="che-do-tien-luong"):
        return topic(self.agency, code)


# --- Domain rows through the actions ----------------------------------------------------


def upload(name="don-kien-nghi.pdf", size=64, content=None):
    """Return an uploaded file of `size` bytes (or with `content`)."""
    return SimpleUploadedFile(name, content if content is not None else b"%PDF" + b"x" * (size - 4))


def submitted(cast, *, by=None, title=None, content=None, **kwargs):
    """Submit a petition through the action (by staff unless told otherwise)."""
    from doithoai.petitions.actions import submit_petition

    return submit_petition(
        agency=cast.agency,
        title=title or "Đề nghị nâng bậc lương trước thời hạn",
        content=content or "Đề nghị xem xét nâng bậc lương trước thời hạn cho công chức.",
        by=by or cast.staff,
        **kwargs,
    )


def received(cast, *, concerned_unit=None, topic_code="che-do-tien-luong", **kwargs):
    """Submit, then receive and classify, a petition."""
    from doithoai.petitions.actions import receive_petition

    petition = submitted(cast, **kwargs)
    return receive_petition(
        petition=petition,
        topic=cast.topic(topic_code),
        concerned_unit=concerned_unit,
        by=cast.secretariat,
    )


def ad_hoc_conference(cast, *, starts_at=None, title="Hội nghị đối thoại đột xuất"):
    """Plan an ad hoc conference chaired by the head (on the seed day by default)."""
    from doithoai.conferences.actions import plan_conference
    from doithoai.conferences.models import Kind

    return plan_conference(
        agency=cast.agency,
        kind=Kind.AD_HOC,
        title=title,
        starts_at=starts_at or MEETING_AT,
        place="Phòng họp tầng 3, Văn phòng UBND tỉnh",
        by=cast.secretariat,
    )


def scheduled(cast, conference=None, **kwargs):
    """Return a received petition put on a conference's agenda (a new one by default)."""
    from doithoai.petitions.actions import schedule_petitions

    conference = conference or ad_hoc_conference(cast)
    petition = received(cast, **kwargs)
    return schedule_petitions(conference=conference, petitions=[petition], by=cast.secretariat)[0]


def open_conference_with(cast, conference, *, chair=None):
    """Send a conference's compiled list and open it; return the fresh conference."""
    from doithoai.conferences.actions import open_conference, send_compilation

    send_compilation(conference=conference, by=cast.secretariat)
    return open_conference(
        conference=conference, by=chair or cast.head, attendance="Toàn thể CCVC và NLĐ"
    )


def in_conference(cast, **kwargs):
    """Return a petition on the agenda of a conference that is in progress."""
    petition = scheduled(cast, **kwargs)
    open_conference_with(cast, petition.conference)
    petition.refresh_from_db()
    return petition


def assigned(cast, *, unit=None, **kwargs):
    """Return a received petition assigned in writing by the head, and its assignment."""
    from doithoai.followups.actions import assign_petition

    petition = received(cast, **kwargs)
    assignment = assign_petition(
        petition=petition,
        unit=unit or cast.unit,
        by=cast.head,
        instructions="Rà soát, báo cáo kết quả.",
    )
    petition.refresh_from_db()
    return petition, assignment


def reach(cast, status: str):
    """Return a petition brought to `status` by the real actions."""
    from doithoai.followups import actions as fu
    from doithoai.petitions import actions as pet
    from doithoai.petitions.models import Status

    if status == Status.SUBMITTED:
        return submitted(cast)
    if status == Status.RECEIVED:
        return received(cast)
    if status == Status.SCHEDULED:
        return scheduled(cast)
    if status == Status.COMMITTED:
        petition = in_conference(cast)
        fu.commit_answer(
            petition=petition,
            promised_on=datetime.date(2018, 7, 15),
            form="written",
            by=cast.head,
        )
    elif status == Status.ASSIGNED:
        petition, _assignment = assigned(cast)
    elif status == Status.RESOLUTION_REPORTED:
        petition, assignment = assigned(cast)
        fu.report_resolution(assignment=assignment, text="Đã rà soát xong.", by=cast.leader)
    elif status in (Status.ANSWERED, Status.CLOSED):
        petition = received(cast)
        fu.answer_petition(petition=petition, text="Trả lời bằng văn bản.", by=cast.head)
        if status == Status.CLOSED:
            pet.give_feedback(petition=petition, satisfied=True, by=cast.staff)
    elif status == Status.MERGED:
        lead = received(cast, title="Kiến nghị chính về tiền lương")
        petition = received(cast)
        pet.merge_petitions(lead=lead, duplicates=[petition], by=cast.secretariat)
    elif status == Status.WITHDRAWN:
        petition = pet.withdraw_petition(petition=submitted(cast), by=cast.staff)
    elif status == Status.REJECTED:
        petition = pet.reject_petition(
            petition=submitted(cast), reason="Không thuộc thẩm quyền.", by=cast.secretariat
        )
    elif status == Status.TRANSFERRED:
        petition = pet.transfer_petition(
            petition=submitted(cast),
            to="Sở Nội vụ",
            reason="Thuộc thẩm quyền Sở Nội vụ.",
            by=cast.secretariat,
        )
    else:
        raise ValueError(status)
    petition.refresh_from_db()
    assert petition.status == status, (petition.status, status)
    return petition


def conference_in(cast, status: str):
    """Return a conference (with one petition on its agenda) brought to `status`."""
    from doithoai.conferences import actions as conf
    from doithoai.conferences.models import ConferenceStatus as C
    from doithoai.followups.actions import answer_petition

    conference = ad_hoc_conference(cast)
    petition = scheduled(cast, conference)
    if status == C.CANCELLED:
        conf.cancel_conference(conference=conference, reason="Bão lũ.", by=cast.head)
    elif status != C.PLANNED:
        conf.send_compilation(conference=conference, by=cast.secretariat)
    if status in (C.IN_PROGRESS, C.CLOSED, C.CONCLUDED):
        conf.open_conference(conference=conference, by=cast.head)
    if status in (C.CLOSED, C.CONCLUDED):
        answer_petition(petition=petition, text="Giải đáp tại hội nghị.", by=cast.head)
        conf.close_conference(conference=conference, conclusion="Kết luận.", by=cast.head)
    if status == C.CONCLUDED:
        conf.draft_notice(conference=conference, text="Thông báo kết luận.", by=cast.secretariat)
        conf.issue_notice(conference=conference, by=cast.head)
    conference.refresh_from_db()
    assert conference.status == status, (conference.status, status)
    return conference


# --- Assertions -------------------------------------------------------------------------


DOMAIN_APPS = ("organizations", "petitions", "conferences", "followups", "audit")


def db_state() -> dict[str, list]:
    """Return every row of every domain model (to show a refused action changed nothing)."""
    from django.apps import apps

    return {
        model._meta.label: list(model.objects.order_by("pk").values_list())
        for label in DOMAIN_APPS
        for model in apps.get_app_config(label).get_models()
    }


@contextmanager
def refused(error=None, *, field=None, code=None):
    """Expect the block to raise `error` (an ActionError) and leave every row as it was.

    Yields a list that holds the raised error afterwards.
    """
    from doithoai.core.errors import ActionError

    error = error or ActionError
    before = db_state()
    caught = []
    try:
        yield caught
    except error as exc:
        caught.append(exc)
    else:
        raise AssertionError(f"{error.__name__} was not raised")
    exc = caught[0]
    assert str(exc.message), "the error carries no message"
    if field is not None:
        assert exc.field == field, f"field {exc.field!r} != {field!r}: {exc.message}"
    if code is not None:
        assert exc.code == code, (exc.code, code)
    after = db_state()
    changed = [label for label in before if before[label] != after[label]]
    assert not changed, f"a refused action changed {changed}"


@dataclass
class PermissionCase:
    """A named permission: who may, who may not, the object to ask about, the action itself.

    `setup(cast)` returns fresh objects; `act(cast, obj, user)` runs the real action on
    them; `subject(obj)` is what the permission is asked about (the object itself by default).
    The inspection board and an outsider are always among those refused.
    """

    setup: Callable
    act: Callable
    may: tuple[str, ...]
    may_not: tuple[str, ...]
    subject: Callable = lambda obj: obj


def check_permission(cast, permission: str, case: PermissionCase) -> None:
    """Check a permission both ways: `rules.has_perm` and the action refusing or succeeding."""
    import rules

    from doithoai.core.errors import PermissionRefused

    obj = case.setup(cast)
    for role in (*case.may_not, "inspector", "outsider"):
        user = getattr(cast, role)
        assert not rules.has_perm(permission, user, case.subject(obj)), f"{role} may {permission}"
        with refused(PermissionRefused):
            case.act(cast, obj, user)
    for i, role in enumerate(case.may):
        user = getattr(cast, role)
        obj = obj if i == 0 else case.setup(cast)
        assert rules.has_perm(permission, user, case.subject(obj)), f"{role} may not {permission}"
        case.act(cast, obj, user)
