"""Every edge of the assignment lifecycle through its action, and every refusal."""

import pytest

from doithoai.audit.models import AuditEvent, Verb
from doithoai.core.errors import InvalidTransition
from doithoai.followups import actions as fu
from doithoai.followups.models import (
    ASSIGNMENT_TRANSITIONS,
    EXTENSION_TRANSITIONS,
    AssignmentStatus,
)
from doithoai.followups.models import ExtensionStatus as E
from doithoai.petitions.models import Status
from doithoai.testing.factories import assigned

pytestmark = pytest.mark.usefixtures("seed_day")

A = AssignmentStatus


def assignment_in(cast, status):
    """Return an assignment brought to `status` by the actions."""
    _petition, assignment = assigned(cast)
    if status != A.ASSIGNED:
        fu.report_resolution(assignment=assignment, text="Báo cáo lần 1.", by=cast.leader)
    if status == A.ACCEPTED:
        fu.accept_resolution(assignment=assignment, answer_text="Trả lời.", by=cast.head)
    if status == A.RETURNED:
        fu.return_resolution(assignment=assignment, note="Làm rõ thêm.", by=cast.head)
    assignment.refresh_from_db()
    assert assignment.status == status
    return assignment


def do_report(cast, a):
    fu.report_resolution(assignment=a, text="Đã xử lý, đề nghị trả lời.", by=cast.leader)


def do_accept(cast, a):
    fu.accept_resolution(assignment=a, answer_text="Trả lời người kiến nghị.", by=cast.head)


def do_return(cast, a):
    fu.return_resolution(assignment=a, note="Bổ sung căn cứ pháp lý.", by=cast.head)


def do_extend(cast, a):
    request = fu.request_extension(assignment=a, reason="Cần xác minh hồ sơ gốc.", by=cast.leader)
    fu.approve_extension(extension=request, by=cast.head)


ACTIONS = {
    "report": (do_report, {A.ASSIGNED, A.RETURNED}, A.REPORTED, Verb.RESOLUTION_REPORTED),
    "accept": (do_accept, {A.REPORTED}, A.ACCEPTED, Verb.RESOLUTION_ACCEPTED),
    "return": (do_return, {A.REPORTED}, A.RETURNED, Verb.RESOLUTION_RETURNED),
    "extend": (do_extend, {A.ASSIGNED, A.RETURNED}, None, Verb.ASSIGNMENT_EXTENDED),
}
# The petition's state that goes with each assignment state.
PETITION_STATE = {
    A.ASSIGNED: Status.ASSIGNED,
    A.RETURNED: Status.ASSIGNED,
    A.REPORTED: Status.RESOLUTION_REPORTED,
    A.ACCEPTED: Status.ANSWERED,
}
ALLOWED = [(n, s) for n, (_f, sources, _t, _v) in ACTIONS.items() for s in sorted(sources)]
REFUSED = [
    (n, s) for n, (_f, sources, _t, _v) in ACTIONS.items() for s in A.values if s not in sources
]


def test_actions_cover_the_assignment_table_exactly():
    edges = {(s, t) for s, targets in ASSIGNMENT_TRANSITIONS.items() for t in targets}
    taken = {(s, t) for _f, sources, t, _v in ACTIONS.values() if t for s in sources}
    assert taken == edges


@pytest.mark.parametrize(("action", "source"), ALLOWED)
def test_allowed(cast, action, source):
    fn, _sources, target, verb = ACTIONS[action]
    assignment = assignment_in(cast, source)
    fn(cast, assignment)
    assignment.refresh_from_db()
    target = target or source
    assert assignment.status == target
    assert assignment.petition.status == PETITION_STATE[target]
    assert AuditEvent.objects.filter(verb=verb, object_id=str(assignment.pk)).exists()


@pytest.mark.parametrize(("action", "state"), REFUSED)
def test_refused_names_current_state(cast, action, state):
    fn = ACTIONS[action][0]
    assignment = assignment_in(cast, state)
    with pytest.raises(InvalidTransition) as info:
        fn(cast, assignment)
    assert str(A(state).label) in str(info.value.message)
    assignment.refresh_from_db()
    assert assignment.status == state


def test_a_returned_assignment_keeps_the_first_report_and_takes_a_second(cast):
    assignment = assignment_in(cast, A.RETURNED)
    assert assignment.decision_note == "Làm rõ thêm."
    do_report(cast, assignment)
    do_accept(cast, assignment)
    assignment.refresh_from_db()
    assert assignment.status == A.ACCEPTED
    assert assignment.petition.answers.count() == 1


def test_extension_is_granted_once(cast):
    assignment = assignment_in(cast, A.ASSIGNED)
    do_extend(cast, assignment)
    assignment.refresh_from_db()
    assert assignment.needs_verification
    assert assignment.verification_reason == "Cần xác minh hồ sơ gốc."
    with pytest.raises(InvalidTransition):
        do_extend(cast, assignment)


EXTENSION_ACTIONS = {
    "approve": lambda cast, e: fu.approve_extension(extension=e, by=cast.head),
    "refuse": lambda cast, e: fu.refuse_extension(extension=e, reason="Không cần.", by=cast.head),
}


def test_extension_actions_cover_the_extension_table_exactly(cast):
    edges = {(s, t) for s, targets in EXTENSION_TRANSITIONS.items() for t in targets}
    assert edges == {(E.PENDING, E.APPROVED), (E.PENDING, E.REFUSED)}
    for name, target in (("approve", E.APPROVED), ("refuse", E.REFUSED)):
        assignment = assignment_in(cast, A.ASSIGNED)
        request = fu.request_extension(assignment=assignment, reason="Xác minh.", by=cast.leader)
        EXTENSION_ACTIONS[name](cast, request)
        request.refresh_from_db()
        assert request.status == target
        for other in EXTENSION_ACTIONS.values():
            with pytest.raises(InvalidTransition):
                other(cast, request)
