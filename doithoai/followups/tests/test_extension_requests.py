"""The unit's request for the 15-working-day limit: only the head's approval moves the due date."""

import datetime

import pytest

from doithoai.audit.models import AuditEvent, Verb
from doithoai.conferences import actions as conf
from doithoai.core.errors import Conflict, InvalidTransition, PermissionRefused, ValidationFailed
from doithoai.deadlines.display import stored
from doithoai.followups import actions as fu
from doithoai.followups.models import ExtensionRequest, ExtensionStatus
from doithoai.notifications.models import Notification
from doithoai.testing.factories import ad_hoc_conference, assigned, refused, scheduled

pytestmark = pytest.mark.usefixtures("seed_day")

REASON = "Cần xác minh hồ sơ gốc tại Sở Nội vụ."


def _requested(cast):
    _petition, assignment = assigned(cast)
    request = fu.request_extension(assignment=assignment, reason=REASON, by=cast.leader)
    assignment.refresh_from_db()
    return assignment, request


def test_the_request_alone_does_not_move_the_due_date(cast):
    _petition, assignment = assigned(cast)
    due = assignment.due_date
    deadline = stored(assignment, "resolution")
    request = fu.request_extension(assignment=assignment, reason=REASON, by=cast.leader)
    assignment.refresh_from_db()
    assert isinstance(request, ExtensionRequest)
    assert request.status == ExtensionStatus.PENDING
    assert (assignment.due_date, assignment.needs_verification) == (due, False)
    assert stored(assignment, "resolution") == deadline
    assert stored(assignment, "resolution").due_date == due
    assert AuditEvent.objects.filter(verb=Verb.EXTENSION_REQUESTED).count() == 1
    assert not AuditEvent.objects.filter(verb=Verb.ASSIGNMENT_EXTENDED).exists()


def test_approval_moves_the_due_date_through_the_stored_deadline(cast):
    assignment, request = _requested(cast)
    old = stored(assignment, "resolution")
    fu.approve_extension(extension=request, by=cast.head)
    assignment.refresh_from_db()
    request.refresh_from_db()
    new = stored(assignment, "resolution")
    assert request.status == ExtensionStatus.APPROVED
    assert (request.decided_by, request.decided_at is not None) == (cast.head, True)
    assert new.pk != old.pk and new.start_date == old.start_date
    assert assignment.due_date == new.due_date > old.due_date
    # At most 15 working days from the start of the unit's clock.
    assert new.days == 15 and new.computation["days"] == 15
    assert assignment.needs_verification and assignment.verification_reason == REASON
    event = AuditEvent.objects.get(verb=Verb.EXTENSION_APPROVED)
    assert event.after["status"] == "approved"
    moved = AuditEvent.objects.get(verb=Verb.ASSIGNMENT_EXTENDED)
    assert moved.after["due_date"] == new.due_date.isoformat()


def test_refusal_keeps_the_due_date_and_records_the_reason(cast):
    assignment, request = _requested(cast)
    due = assignment.due_date
    with refused(ValidationFailed, field="reason"):
        fu.refuse_extension(extension=request, reason="  ", by=cast.head)
    fu.refuse_extension(extension=request, reason="Hồ sơ đã đủ, không cần xác minh.", by=cast.head)
    assignment.refresh_from_db()
    request.refresh_from_db()
    assert request.status == ExtensionStatus.REFUSED
    assert request.decision_reason == "Hồ sơ đã đủ, không cần xác minh."
    assert (assignment.due_date, assignment.needs_verification) == (due, False)
    assert stored(assignment, "resolution").due_date == due
    event = AuditEvent.objects.get(verb=Verb.EXTENSION_REFUSED)
    assert event.reason == "Hồ sơ đã đủ, không cần xác minh."


@pytest.mark.parametrize("role", ["staff", "leader", "other_leader", "inspector", "secretariat"])
def test_roles_that_may_not_decide_are_refused(cast, role):
    _assignment, request = _requested(cast)
    with refused(PermissionRefused):
        fu.approve_extension(extension=request, by=getattr(cast, role))
    with refused(PermissionRefused):
        fu.refuse_extension(extension=request, reason="Không đồng ý.", by=getattr(cast, role))


def test_a_deputy_decides_only_under_the_chair_delegation(cast):
    conference = ad_hoc_conference(cast)
    petition = scheduled(cast, conference)
    conf.delegate_chair(
        conference=conference, deputy=cast.deputy, reason="Đi công tác.", by=cast.head
    )
    conf.send_compilation(conference=conference, by=cast.secretariat)
    conf.open_conference(conference=conference, by=cast.deputy)
    assignment = fu.assign_petition(petition=petition, unit=cast.unit, by=cast.deputy)
    conf.close_conference(conference=conference, conclusion="Kết luận.", by=cast.deputy)
    conf.draft_notice(conference=conference, text="Thông báo.", by=cast.secretariat)
    conf.issue_notice(conference=conference, by=cast.deputy)
    request = fu.request_extension(assignment=assignment, reason=REASON, by=cast.leader)
    with refused(PermissionRefused):
        fu.approve_extension(extension=request, by=cast.deputy2)
    fu.approve_extension(extension=request, by=cast.deputy)
    assignment.refresh_from_db()
    assert assignment.needs_verification


def test_a_deputy_without_delegation_may_not_decide(cast):
    _assignment, request = _requested(cast)
    with refused(PermissionRefused):
        fu.approve_extension(extension=request, by=cast.deputy)


def test_a_second_decision_is_refused(cast):
    _assignment, request = _requested(cast)
    fu.approve_extension(extension=request, by=cast.head)
    with refused(InvalidTransition, field="status"):
        fu.approve_extension(extension=request, by=cast.head)
    with refused(InvalidTransition, field="status"):
        fu.refuse_extension(extension=request, reason="Đổi ý.", by=cast.head)
    _assignment, other = _requested(cast)
    fu.refuse_extension(extension=other, reason="Không cần.", by=cast.head)
    with refused(InvalidTransition, field="status"):
        fu.approve_extension(extension=other, by=cast.head)


def test_a_double_request_is_refused_clearly(cast):
    assignment, _request = _requested(cast)
    with refused(Conflict, field="reason") as caught:
        fu.request_extension(assignment=assignment, reason=REASON, by=cast.leader)
    assert "chờ" in str(caught[0].message)


def test_a_request_after_the_limit_was_approved_is_refused(cast):
    assignment, request = _requested(cast)
    fu.approve_extension(extension=request, by=cast.head)
    with refused(InvalidTransition, field="needs_verification"):
        fu.request_extension(assignment=assignment, reason=REASON, by=cast.leader)


def test_a_refused_request_may_be_asked_again(cast):
    assignment, request = _requested(cast)
    fu.refuse_extension(extension=request, reason="Chưa rõ lý do.", by=cast.head)
    again = fu.request_extension(
        assignment=assignment, reason=REASON + " Đã bổ sung.", by=cast.leader
    )
    assert again.status == ExtensionStatus.PENDING


def test_a_request_on_a_reported_assignment_cannot_be_approved(cast):
    assignment, request = _requested(cast)
    fu.report_resolution(assignment=assignment, text="Đã xử lý.", by=cast.leader)
    with refused(InvalidTransition):
        fu.approve_extension(extension=request, by=cast.head)


def test_request_and_decision_notify(cast):
    _assignment, request = _requested(cast)
    assert Notification.objects.filter(recipient=cast.head, text__contains="đề nghị").exists()
    fu.refuse_extension(extension=request, reason="Không cần.", by=cast.head)
    assert Notification.objects.filter(
        recipient=cast.leader, text__contains="không đồng ý"
    ).exists()
    assignment, request = _requested(cast)
    fu.approve_extension(extension=request, by=cast.head)
    assert Notification.objects.filter(
        recipient=cast.leader, text__contains=assignment.due_date.strftime("%d/%m/%Y")
    ).exists()


def test_the_pending_list_holds_only_pending_requests(cast):
    _a, first = _requested(cast)
    _b, second = _requested(cast)
    fu.approve_extension(extension=second, by=cast.head)
    assert list(ExtensionRequest.objects.filter(status=ExtensionStatus.PENDING)) == [first]
    assert isinstance(first.requested_at, datetime.datetime)
