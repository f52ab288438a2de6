"""Conferences as they really happen: rescheduled, opened on another day, cancelled (issue 10)."""

import datetime

import pytest

from doithoai.audit.models import AuditEvent, Verb
from doithoai.conferences import actions as conf
from doithoai.conferences.models import ConferenceStatus
from doithoai.core import events
from doithoai.core.errors import InvalidTransition, PermissionRefused, ValidationFailed
from doithoai.deadlines import compute
from doithoai.deadlines.actions import rules_for
from doithoai.deadlines.models import Deadline, Status
from doithoai.followups import actions as fu
from doithoai.petitions.models import Status as PetitionStatus
from doithoai.testing.factories import ad_hoc_conference, aware, freeze, scheduled
from doithoai.workdays.loader import get_calendar


def _deadlines(subject, kind):
    from django.contrib.contenttypes.models import ContentType

    return Deadline.objects.filter(
        content_type=ContentType.objects.get_for_model(subject), object_id=subject.pk, kind=kind
    ).order_by("pk")


def _expected_due(cast, kind, start, **kwargs):
    return compute.compute(kind, start, rules_for(cast.agency), get_calendar(), **kwargs).due


@pytest.fixture
def told():
    """Collect the "conference_rescheduled" events published during the test."""
    seen = []

    def receiver(sender, **kwargs):
        if sender == "conference_rescheduled":
            seen.append(kwargs)

    events.action_done.connect(receiver, weak=False, dispatch_uid="test_as_held.told")
    yield seen
    events.action_done.disconnect(dispatch_uid="test_as_held.told")


def test_reschedule_moves_day_place_and_compilation_deadline(cast, time_machine, told):
    freeze(time_machine, aware(2026, 11, 20, 9))
    conference = ad_hoc_conference(cast, starts_at=aware(2026, 12, 11, 8))
    [old] = _deadlines(conference, "compilation")
    conference = conf.reschedule_conference(
        conference=conference,
        starts_at=aware(2026, 12, 18, 14),
        place="Hội trường tầng 5",
        reason="Chánh Văn phòng dự họp UBND tỉnh ngày 11/12.",
        by=cast.secretariat,
    )
    conference.refresh_from_db()
    assert conference.date == datetime.date(2026, 12, 18)
    assert conference.place == "Hội trường tầng 5"
    old.refresh_from_db()
    assert old.status == Status.CANCELLED
    new = _deadlines(conference, "compilation").get(status=Status.OPEN)
    assert new.start_date == datetime.date(2026, 12, 18)
    assert new.due_date == _expected_due(cast, "compilation", datetime.date(2026, 12, 18))
    assert new.due_date != old.due_date
    event = AuditEvent.objects.get(verb=Verb.CONFERENCE_RESCHEDULED)
    assert event.reason.startswith("Chánh Văn phòng dự họp")
    assert told and told[0]["conference"].pk == conference.pk


def test_reschedule_refused_to_staff_and_after_opening(cast, time_machine):
    freeze(time_machine, aware(2026, 11, 20, 9))
    conference = ad_hoc_conference(cast, starts_at=aware(2026, 12, 11, 8))
    with pytest.raises(PermissionRefused):
        conf.reschedule_conference(
            conference=conference,
            starts_at=aware(2026, 12, 18, 8),
            reason="Lý do.",
            by=cast.staff,
        )
    assert conf.can_reschedule_conference(cast.head, conference)
    assert not conf.can_reschedule_conference(cast.staff, conference)
    with pytest.raises(ValidationFailed) as exc:
        conf.reschedule_conference(
            conference=conference, starts_at=aware(2026, 11, 1, 8), reason="x", by=cast.head
        )
    assert exc.value.field == "starts_at"
    scheduled(cast, conference)
    conf.send_compilation(conference=conference, by=cast.secretariat)
    conf.open_conference(conference=conference, by=cast.head, confirm_other_day=True)
    with pytest.raises(InvalidTransition):
        conf.reschedule_conference(
            conference=conference, starts_at=aware(2026, 12, 18, 8), reason="x", by=cast.head
        )


def test_opening_on_another_day_needs_confirmation_and_records_the_day(cast, time_machine):
    freeze(time_machine, aware(2026, 11, 20, 9))
    conference = ad_hoc_conference(cast, starts_at=aware(2026, 12, 11, 8))
    scheduled(cast, conference)
    conf.send_compilation(conference=conference, by=cast.secretariat)
    freeze(time_machine, aware(2026, 11, 30, 8, 30))
    with pytest.raises(ValidationFailed) as exc:
        conf.open_conference(conference=conference, by=cast.head)
    assert exc.value.field == "confirm_other_day"
    conference.refresh_from_db()
    assert conference.status == ConferenceStatus.COMPILED and conference.held_on is None
    conf.open_conference(conference=conference, by=cast.head, confirm_other_day=True)
    conference.refresh_from_db()
    assert conference.held_on == datetime.date(2026, 11, 30)
    assert conference.opened_at == aware(2026, 11, 30, 8, 30)
    event = AuditEvent.objects.get(verb=Verb.CONFERENCE_OPENED)
    assert event.after["held_on"] == "2026-11-30"


def _held_and_closed(cast, time_machine, conference, petition, day):
    freeze(time_machine, aware(day.year, day.month, day.day, 8, 30))
    conf.open_conference(
        conference=conference, by=cast.head, confirm_other_day=conference.date != day
    )
    assignment = fu.assign_petition(petition=petition, unit=cast.unit, by=cast.head)
    freeze(time_machine, aware(day.year, day.month, day.day, 11, 15))
    conf.close_conference(conference=conference, conclusion="Kết luận.", by=cast.head)
    conference.refresh_from_db()
    assert conference.closed_at == aware(day.year, day.month, day.day, 11, 15)
    return assignment


def _notice_same_day_and_deadlines(cast, conference, assignment, day):
    [notice_deadline] = _deadlines(conference, "notice")
    assert notice_deadline.start_date == day
    assert notice_deadline.due_date == _expected_due(cast, "notice", day)
    conf.draft_notice(conference=conference, text="Thông báo kết luận.", by=cast.secretariat)
    notice = conf.issue_notice(conference=conference, by=cast.head, issued_on=day)
    assert notice.issued_on == day
    notice_deadline.refresh_from_db()
    assert notice_deadline.status == Status.MET and not notice_deadline.completed_late
    [resolution] = _deadlines(assignment, "resolution")
    assert resolution.start_date == day
    assert resolution.due_date == _expected_due(cast, "resolution", day)
    assignment.refresh_from_db()
    assert assignment.due_date == resolution.due_date
    request = fu.request_extension(assignment=assignment, reason="Cần xác minh.", by=cast.leader)
    fu.approve_extension(extension=request, by=cast.head)
    assignment.refresh_from_db()
    assert assignment.due_date == _expected_due(cast, "resolution", day, verification=True)


def test_conference_opened_early_goes_end_to_end(cast, time_machine):
    freeze(time_machine, aware(2026, 11, 20, 9))
    conference = ad_hoc_conference(cast, starts_at=aware(2026, 12, 11, 8))
    petition = scheduled(cast, conference)
    conf.send_compilation(conference=conference, by=cast.secretariat)
    day = datetime.date(2026, 11, 30)
    assignment = _held_and_closed(cast, time_machine, conference, petition, day)
    # The notice may be dated the day held, though it is before the scheduled day.
    _notice_same_day_and_deadlines(cast, conference, assignment, day)


def test_rescheduled_conference_goes_end_to_end(cast, time_machine):
    freeze(time_machine, aware(2026, 11, 20, 9))
    conference = ad_hoc_conference(cast, starts_at=aware(2026, 12, 11, 8))
    petition = scheduled(cast, conference)
    day = datetime.date(2026, 12, 3)
    conf.reschedule_conference(
        conference=conference,
        starts_at=aware(2026, 12, 3, 8),
        reason="Lãnh đạo bận ngày 11/12.",
        by=cast.head,
    )
    conf.send_compilation(conference=conference, by=cast.secretariat)
    [compilation] = _deadlines(conference, "compilation").filter(status=Status.MET)
    assert compilation.start_date == day
    assignment = _held_and_closed(cast, time_machine, conference, petition, day)
    assert AuditEvent.objects.filter(verb=Verb.CONFERENCE_OPENED).get().after["held_on"] == str(day)
    _notice_same_day_and_deadlines(cast, conference, assignment, day)


def test_notice_date_before_the_day_held_is_refused(cast, time_machine):
    freeze(time_machine, aware(2026, 11, 20, 9))
    conference = ad_hoc_conference(cast, starts_at=aware(2026, 12, 11, 8))
    petition = scheduled(cast, conference)
    conf.send_compilation(conference=conference, by=cast.secretariat)
    _held_and_closed(cast, time_machine, conference, petition, datetime.date(2026, 11, 30))
    conf.draft_notice(conference=conference, text="Thông báo.", by=cast.secretariat)
    with pytest.raises(ValidationFailed) as exc:
        conf.issue_notice(
            conference=conference, by=cast.head, issued_on=datetime.date(2026, 11, 27)
        )
    assert exc.value.field == "issued_on"


def test_cancelling_writes_an_audit_event_per_petition(cast, seed_day):
    conference = ad_hoc_conference(cast)
    petitions = [scheduled(cast, conference, title=f"Kiến nghị số {i}") for i in range(3)]
    conf.cancel_conference(conference=conference, reason="Bão lũ.", by=cast.head)
    for petition in petitions:
        petition.refresh_from_db()
        assert petition.status == PetitionStatus.RECEIVED and petition.conference is None
        event = AuditEvent.objects.get(verb=Verb.PETITION_UNSCHEDULED, petition_id=petition.pk)
        assert "Bão lũ" in event.reason
    assert not conference.agenda.exists()
