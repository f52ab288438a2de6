"""The deadline actions: opened by the process, completed, cancelled, recomputed with a reason."""

import datetime

import pytest

from doithoai.audit.models import AuditEvent, Verb
from doithoai.conferences.models import ConferenceStatus
from doithoai.core.errors import InvalidTransition, PermissionRefused, ValidationFailed
from doithoai.deadlines import actions
from doithoai.deadlines.models import Deadline, DeadlineRules, Kind, Status
from doithoai.testing import factories as f
from doithoai.workdays.models import OfficialScheduleEntry

D = datetime.date
pytestmark = pytest.mark.django_db


SEED = D(2018, 6, 20)


def open_notice(cast, start=SEED, **kwargs):
    conference = f.ad_hoc_conference(cast)
    return actions.open_deadline(
        kind=Kind.NOTICE,
        subject=conference,
        agency=cast.agency,
        start=start,
        by=cast.head,
        conference=conference,
        **kwargs,
    )


def test_planning_a_conference_opens_its_compilation_deadline(cast, seed_day):
    conference = f.ad_hoc_conference(cast)
    deadline = Deadline.objects.get(conference=conference, kind=Kind.COMPILATION)
    assert deadline.start_date == D(2018, 6, 20)
    assert deadline.due_date == D(2018, 6, 15)
    assert deadline.subject == conference
    assert deadline.computation["rule"] == "days_before"
    event = AuditEvent.objects.get(verb=Verb.DEADLINE_OPENED, object_id=str(deadline.pk))
    assert event.after["due_date"] == "2018-06-15" and event.conference_id == conference.pk


def test_the_process_opens_and_closes_its_deadlines(cast, seed_day):
    conference = f.conference_in(cast, ConferenceStatus.CONCLUDED)
    rows = {d.kind: d for d in Deadline.objects.filter(conference=conference)}
    assert rows[Kind.COMPILATION].status == Status.MET
    assert rows[Kind.COMPILATION].completed_late  # sent on the conference day
    assert rows[Kind.NOTICE].status == Status.MET and not rows[Kind.NOTICE].completed_late
    assert rows[Kind.NOTICE].due_date == D(2018, 6, 27)


def test_rules_are_created_with_the_seed_defaults(cast):
    rules = actions.rules_for(cast.agency)
    assert (rules.compilation_days_before, rules.notice_working_days) == (5, 5)
    assert (rules.resolution_working_days, rules.resolution_verification_working_days) == (7, 15)
    assert (rules.semiannual_report_month, rules.semiannual_report_day) == (6, 25)
    assert (rules.annual_report_month, rules.annual_report_day) == (12, 19)
    assert rules.observation_days == 15 and rules.reminder_working_days_before == 2
    assert DeadlineRules.objects.filter(agency=cast.agency).count() == 1


def test_agency_rules_apply(cast, seed_day):
    actions.update_rules(agency=cast.agency, changes={"notice_working_days": 3}, by=cast.admin)
    assert open_notice(cast).due_date == D(2018, 6, 25)
    event = AuditEvent.objects.filter(verb=Verb.RULES_CHANGED).latest("id")
    assert event.before == {"notice_working_days": 5} and event.after == {"notice_working_days": 3}


def test_only_the_agency_admin_changes_rules(cast):
    for user in (cast.head, cast.secretariat, cast.inspector, cast.outsider):
        with pytest.raises(PermissionRefused):
            actions.update_rules(agency=cast.agency, changes={"observation_days": 10}, by=user)
    with pytest.raises(ValidationFailed):
        actions.update_rules(agency=cast.agency, changes={"observation_days": 0}, by=cast.admin)
    with pytest.raises(ValidationFailed):
        actions.update_rules(
            agency=cast.agency,
            changes={"annual_report_month": 2, "annual_report_day": 31},
            by=cast.admin,
        )


def test_opening_twice_returns_the_open_deadline(cast, seed_day):
    first = open_notice(cast)
    again = actions.open_deadline(
        kind=Kind.NOTICE,
        subject=first.subject,
        agency=cast.agency,
        start=D(2018, 7, 1),
        by=cast.head,
    )
    assert again.pk == first.pk and again.due_date == first.due_date
    assert (
        AuditEvent.objects.filter(verb=Verb.DEADLINE_OPENED, object_id=str(first.pk)).count() == 1
    )


def test_bad_input_is_refused(cast, seed_day):
    conference = f.ad_hoc_conference(cast)
    with pytest.raises(ValidationFailed):
        actions.open_deadline(
            kind="nope", subject=conference, agency=cast.agency, start=D(2018, 6, 20), by=cast.head
        )
    with pytest.raises(ValidationFailed):
        actions.open_deadline(
            kind=Kind.COMMITMENT,
            subject=conference,
            agency=cast.agency,
            start=D(2018, 6, 20),
            by=cast.head,
        )
    elsewhere = f.Elsewhere()
    with pytest.raises(ValidationFailed):
        actions.open_deadline(
            kind=Kind.RESOLUTION,
            subject=conference,
            agency=cast.agency,
            start=D(2018, 6, 20),
            by=cast.head,
            unit=elsewhere.unit,
        )
    with pytest.raises(ValidationFailed):
        actions.open_deadline(
            kind=Kind.NOTICE,
            subject=conference,
            agency=cast.agency,
            start=D(2100, 12, 30),
            by=cast.head,
        )


def test_complete_marks_late_after_the_due_date(cast, seed_day):
    deadline = open_notice(cast)
    actions.complete_deadlines(
        subject=deadline.subject, kind=Kind.NOTICE, by=cast.head, on=D(2018, 6, 28)
    )
    deadline.refresh_from_db()
    assert deadline.status == Status.MET and deadline.completed_late
    assert deadline.completed_on == D(2018, 6, 28)
    event = AuditEvent.objects.filter(verb=Verb.DEADLINE_CLOSED).latest("id")
    assert event.before["status"] == "open" and event.after["completed_late"] is True


def test_complete_on_the_due_date_is_on_time(cast, seed_day):
    deadline = open_notice(cast)
    actions.complete_deadlines(subject=deadline.subject, by=cast.head, on=deadline.due_date)
    deadline.refresh_from_db()
    assert deadline.status == Status.MET and not deadline.completed_late


def test_cancel_needs_a_reason_and_is_audited(cast, seed_day):
    deadline = open_notice(cast)
    with pytest.raises(ValidationFailed):
        actions.cancel_deadlines(subject=deadline.subject, by=cast.head, reason="  ")
    actions.cancel_deadlines(
        subject=deadline.subject, by=cast.head, reason="Hoãn hội nghị.", kind=Kind.NOTICE
    )
    deadline.refresh_from_db()
    assert deadline.status == Status.CANCELLED
    assert AuditEvent.objects.filter(verb=Verb.DEADLINE_CLOSED, reason="Hoãn hội nghị.").exists()
    # A new one may open once the old one is closed.
    assert (
        actions.open_deadline(
            kind=Kind.NOTICE,
            subject=deadline.subject,
            agency=cast.agency,
            start=D(2018, 7, 2),
            by=cast.head,
        ).pk
        != deadline.pk
    )


def test_calendar_change_never_moves_stored_deadlines(cast, seed_day):
    deadline = open_notice(cast)
    assert deadline.due_date == D(2018, 6, 27)
    OfficialScheduleEntry.objects.create(
        date=D(2018, 6, 22), kind="day_off", name="Nghỉ", source="Thử"
    )
    deadline.refresh_from_db()
    assert deadline.due_date == D(2018, 6, 27)
    moves = actions.preview_recompute(Deadline.objects.filter(agency=cast.agency))
    assert [(d.pk, old, new) for d, old, new in moves] == [
        (deadline.pk, D(2018, 6, 27), D(2018, 6, 28))
    ]
    deadline.refresh_from_db()
    assert deadline.due_date == D(2018, 6, 27)


def test_recompute_is_explicit_audited_and_restricted(cast, seed_day):
    deadline = open_notice(cast)
    OfficialScheduleEntry.objects.create(
        date=D(2018, 6, 22), kind="day_off", name="Nghỉ bão", source="Thử"
    )
    for user in (cast.head, cast.staff, cast.inspector, cast.leader, cast.outsider):
        with pytest.raises(PermissionRefused):
            actions.recompute_deadline(deadline, by=user, reason="Lịch đổi.")
    with pytest.raises(ValidationFailed):
        actions.recompute_deadline(deadline, by=cast.secretariat, reason="")
    moved = actions.recompute_deadline(deadline, by=cast.secretariat, reason="Nghỉ bão 22/06.")
    assert moved.due_date == D(2018, 6, 28)
    assert "22/06/2018 Nghỉ bão" in moved.computation["skipped_text"]
    event = AuditEvent.objects.get(verb=Verb.DEADLINE_RECOMPUTED)
    assert event.before["due_date"] == "2018-06-27" and event.after["due_date"] == "2018-06-28"
    assert event.reason == "Nghỉ bão 22/06."
    actions.complete_deadlines(subject=deadline.subject, by=cast.head)
    with pytest.raises(InvalidTransition):
        actions.recompute_deadline(deadline, by=cast.admin, reason="Lại.")


def test_recompute_updates_the_assignment_copy_of_the_due_date(cast, seed_day):
    _petition, assignment = f.assigned(cast)
    deadline = Deadline.objects.get(object_id=assignment.pk, kind=Kind.RESOLUTION, status="open")
    assert assignment.due_date == deadline.due_date == D(2018, 6, 29)
    OfficialScheduleEntry.objects.create(
        date=D(2018, 6, 25), kind="day_off", name="Nghỉ", source="Thử"
    )
    actions.recompute_deadline(deadline, by=cast.admin, reason="Lịch đổi.")
    assignment.refresh_from_db()
    assert assignment.due_date == D(2018, 7, 2)
    # The follow-up app moved its copy itself, with an audit event on the assignment.
    event = AuditEvent.objects.get(verb=Verb.ASSIGNMENT_DUE_MOVED)
    assert event.object_id == str(assignment.pk) or int(event.object_id) == assignment.pk
    assert event.before["due_date"] == "2018-06-29" and event.after["due_date"] == "2018-07-02"
    assert event.reason == "Lịch đổi."
