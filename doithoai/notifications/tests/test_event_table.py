"""The event table: for each event, who is told, who is not, and what the notice never says."""

import datetime

import pytest

from doithoai.conferences import actions as conf
from doithoai.conferences.models import ConferenceStatus
from doithoai.followups import actions as fu
from doithoai.notifications.events import EVENTS
from doithoai.notifications.models import Notification
from doithoai.petitions.models import Privacy, Status
from doithoai.testing import factories as f

pytestmark = pytest.mark.django_db

SECRET_NAME = "Bí Mật"


@pytest.fixture
def named(cast):
    """The submitting staff member has a name that must never leak."""
    cast.staff.first_name, cast.staff.last_name = "Nguyễn Văn", SECRET_NAME
    cast.staff.save()
    return cast


def _received(cast, **kw):
    return f.received(cast, privacy=Privacy.CONFIDENTIAL, **kw)


def _assigned(cast):
    petition = _received(cast)
    assignment = fu.assign_petition(
        petition=petition, unit=cast.unit, by=cast.head, instructions="Rà soát."
    )
    return petition, assignment


def _reported(cast):
    petition, assignment = _assigned(cast)
    fu.report_resolution(assignment=assignment, text="Đã xong.", by=cast.leader)
    return petition, assignment


def _delegated_then_sent(cast):
    conference = f.ad_hoc_conference(cast)
    f.scheduled(cast, conference, privacy=Privacy.CONFIDENTIAL)
    conf.delegate_chair(
        conference=conference, deputy=cast.deputy, reason="Đi công tác.", by=cast.head
    )
    conf.send_compilation(conference=conference, by=cast.secretariat)


def _rescheduled(cast):
    """Rescheduling is another branch's action; it publishes this event with the conference."""
    from django.db import transaction

    from doithoai.core import events

    conference = f.ad_hoc_conference(cast)
    with transaction.atomic():
        conference.starts_at = f.aware(2018, 6, 22, 14)
        conference.save(update_fields=["starts_at"])
        events.publish(
            "conference_rescheduled", agency=cast.agency, by=cast.secretariat, conference=conference
        )


def _answer(cast):
    petition = _received(cast)
    return fu.answer_petition(petition=petition, text="Trả lời bằng văn bản.", by=cast.head)


def _observation(cast, answered=False):
    from doithoai.oversight.actions import answer_observation, record_observation

    obs = record_observation(
        agency=cast.agency, kind="recommendation", text="Chậm công khai.", by=cast.inspector
    )
    if answered:
        answer_observation(observation=obs, text="Đã chấn chỉnh.", by=cast.head)


def _report(cast):
    from doithoai.reports.actions import submit_report

    plan = conf.create_plan(agency=cast.agency, year=2018, by=cast.secretariat)
    conf.issue_plan(plan=plan, issued_on=datetime.date(2018, 1, 3), by=cast.secretariat)
    submit_report(agency=cast.agency, year=2018, half=1, by=cast.secretariat)


def _reviewed(cast, accept: bool):
    """Send the report up to a province office, which returns or accepts it."""
    from doithoai.organizations.models import Role
    from doithoai.reports.actions import accept_report, latest_submission, return_report

    province = f.AgencyFactory(code="UBNDHG")
    cast.agency.parent = province
    cast.agency.save(update_fields=["parent"])
    supervisor = f.member(province, Role.SUPERVISOR)
    _report(cast)
    sent = latest_submission(cast.agency, 2018, 1)
    if accept:
        accept_report(submission=sent, by=supervisor)
    else:
        return_report(submission=sent, reason="Bổ sung số liệu.", by=supervisor)


def _assigned_then_notice(cast):
    """A unit assigned at the conference; its clock starts when the notice is issued."""
    petition = f.in_conference(cast)
    fu.assign_petition(petition=petition, unit=cast.unit, by=cast.head, instructions="Rà soát.")
    conference = petition.conference
    conf.close_conference(conference=conference, conclusion="Kết luận.", by=cast.head)
    conf.draft_notice(conference=conference, text="Thông báo kết luận.", by=cast.secretariat)
    conf.issue_notice(conference=conference, by=cast.head)


# (event, what makes it happen, who is told, who is not)
CASES = [
    ("petition_received", lambda c: _received(c), ["staff"], ["head", "staff2", "leader"]),
    ("petition_rejected", lambda c: f.reach(c, Status.REJECTED), ["staff"], ["head", "staff2"]),
    ("petition_transferred", lambda c: f.reach(c, Status.TRANSFERRED), ["staff"], ["staff2"]),
    ("petition_merged", lambda c: f.reach(c, Status.MERGED), ["staff"], ["staff2", "head"]),
    (
        "compilation_sent",
        lambda c: f.conference_in(c, ConferenceStatus.COMPILED),
        ["head"],
        ["staff", "deputy", "inspector"],
    ),
    ("compilation_sent", _delegated_then_sent, ["deputy", "head"], ["deputy2", "staff"]),
    (
        "conference_scheduled",
        lambda c: f.ad_hoc_conference(c),
        ["staff", "staff2", "head", "leader", "inspector"],
        ["outsider"],
    ),
    ("conference_rescheduled", _rescheduled, ["staff", "head"], ["outsider", "secretariat"]),
    (
        "conference_cancelled",
        lambda c: f.conference_in(c, ConferenceStatus.CANCELLED),
        ["staff", "staff2", "secretariat"],
        ["outsider"],
    ),
    ("answer_given", _answer, ["staff"], ["staff2", "leader", "inspector"]),
    (
        "answer_published",
        lambda c: fu.publish_answer(answer=_answer(c), by=c.secretariat),
        ["staff"],
        ["staff2", "leader"],
    ),
    ("commitment_made", lambda c: f.reach(c, Status.COMMITTED), ["staff"], ["staff2", "leader"]),
    ("assignment_made", _assigned, ["leader"], ["other_leader", "staff2"]),
    ("resolution_clock_started", _assigned_then_notice, ["leader"], ["other_leader", "staff2"]),
    (
        "extension_requested",
        lambda c: fu.request_extension(
            assignment=_assigned(c)[1], reason="Cần xác minh.", by=c.leader
        ),
        ["head"],
        ["secretariat", "other_leader", "staff", "staff2"],
    ),
    (
        "extension_applied",
        lambda c: fu.approve_extension(
            extension=fu.request_extension(
                assignment=_assigned(c)[1], reason="Cần xác minh.", by=c.leader
            ),
            by=c.head,
        ),
        ["leader", "secretariat"],
        ["other_leader", "staff", "staff2"],
    ),
    (
        "extension_refused",
        lambda c: fu.refuse_extension(
            extension=fu.request_extension(
                assignment=_assigned(c)[1], reason="Cần xác minh.", by=c.leader
            ),
            reason="Không cần xác minh.",
            by=c.head,
        ),
        ["leader"],
        ["other_leader", "secretariat", "staff", "staff2"],
    ),
    ("resolution_reported", _reported, ["head", "secretariat"], ["other_leader", "staff2"]),
    (
        "resolution_accepted",
        lambda c: fu.accept_resolution(
            assignment=_reported(c)[1], answer_text="Đồng ý.", by=c.head
        ),
        ["leader"],
        ["other_leader", "staff2"],
    ),
    (
        "resolution_returned",
        lambda c: fu.return_resolution(assignment=_reported(c)[1], note="Bổ sung.", by=c.head),
        ["leader"],
        ["other_leader", "staff2"],
    ),
    (
        "notice_issued",
        lambda c: f.conference_in(c, ConferenceStatus.CONCLUDED),
        ["staff", "staff2", "leader", "inspector"],
        ["outsider"],
    ),
    ("observation_recorded", _observation, ["head"], ["deputy", "staff", "secretariat"]),
    (
        "observation_answered",
        lambda c: _observation(c, answered=True),
        ["inspector"],
        ["staff", "secretariat"],
    ),
    ("report_submitted", _report, ["head"], ["staff", "inspector"]),
    (
        "report_returned",
        lambda c: _reviewed(c, accept=False),
        ["head", "secretariat"],
        ["staff", "inspector"],
    ),
    (
        "report_accepted",
        lambda c: _reviewed(c, accept=True),
        ["head", "secretariat"],
        ["staff", "inspector"],
    ),
]


def _told(user, name):
    return Notification.objects.filter(recipient=user, event=name)


@pytest.mark.parametrize(("name", "happen", "told", "not_told"), CASES, ids=[c[0] for c in CASES])
def test_event_tells_who_must_act_and_nobody_else(named, seed_day, name, happen, told, not_told):
    happen(named)
    for role in told:
        rows = list(_told(getattr(named, role), name))
        assert rows, f"{role} is not told of {name}"
        assert all(row.link.startswith("/") for row in rows)
    for role in not_told:
        assert not _told(getattr(named, role), name).exists(), f"{role} is told of {name}"
    for row in Notification.objects.exclude(recipient=named.staff):
        assert SECRET_NAME not in row.text + row.body, (name, row.recipient, row.text)


def test_every_event_of_the_table_is_tested():
    assert {c[0] for c in CASES} == set(EVENTS)


def test_an_anonymous_petitioner_is_never_told(cast, seed_day):
    petition = f.received(cast, privacy=Privacy.ANONYMOUS)
    fu.answer_petition(petition=petition, text="Trả lời.", by=cast.head)
    assert not Notification.objects.filter(event__in=["petition_received", "answer_given"]).exists()


def test_unit_petition_tells_its_members_who_may_see_it(cast, seed_day):
    petition = f.received(cast, as_unit=True, by=cast.leader)
    fu.answer_petition(petition=petition, text="Trả lời.", by=cast.head)
    told = set(
        Notification.objects.filter(event="answer_given").values_list("recipient", flat=True)
    )
    assert cast.leader.pk in told
    assert cast.other_leader.pk not in told and cast.secretariat.pk not in told


def test_a_rolled_back_action_tells_nobody(cast, seed_day):
    from django.db import transaction

    with pytest.raises(RuntimeError), transaction.atomic():
        _received(cast)
        raise RuntimeError
    assert not Notification.objects.exists()


def test_commitment_text_carries_the_promised_date(cast, seed_day):
    f.reach(cast, Status.COMMITTED)
    row = Notification.objects.get(recipient=cast.staff, event="commitment_made")
    assert datetime.date(2018, 7, 15).strftime("%d/%m/%Y") in row.text


def test_a_sent_report_tells_the_province_office(cast, seed_day):
    from doithoai.organizations.models import Agency, Role

    province = f.AgencyFactory(code="UBNDT", name="UBND tỉnh")
    Agency.objects.filter(pk=cast.agency.pk).update(parent=province)
    cast.agency.refresh_from_db()
    supervisor = f.member(province, Role.SUPERVISOR)
    sibling_supervisor = f.member(f.AgencyFactory(code="KHAC"), Role.SUPERVISOR)
    _report(cast)
    assert _told(supervisor, "report_submitted").exists()
    assert not _told(sibling_supervisor, "report_submitted").exists()
