"""Every edge of the petition lifecycle, through the action that takes it, and every refusal.

Each petition action has the set of states it may start from; together these sets must
cover `TRANSITIONS` exactly, so a new edge without an action (or an action that sneaks
through an edge the table does not have) fails here.
"""

import datetime

import pytest

from doithoai.audit.models import AuditEvent, Verb
from doithoai.core.errors import InvalidTransition
from doithoai.followups import actions as fu
from doithoai.followups.models import AssignmentStatus
from doithoai.petitions import actions as pet
from doithoai.petitions.models import TRANSITIONS, Status
from doithoai.testing.factories import ad_hoc_conference, open_conference_with, reach, received

pytestmark = pytest.mark.usefixtures("seed_day")

S = Status


def _open_if_scheduled(cast, petition):
    if petition.status == S.SCHEDULED:
        open_conference_with(cast, petition.conference)
        petition.refresh_from_db()
    return petition


def do_receive(cast, p):
    pet.receive_petition(petition=p, topic=cast.topic(), by=cast.secretariat)


def do_merge(cast, p):
    lead = received(cast, title="Kiến nghị chính")
    pet.merge_petitions(lead=lead, duplicates=[p], by=cast.secretariat, reason="Trùng nội dung")


def do_withdraw(cast, p):
    pet.withdraw_petition(petition=p, by=cast.staff, reason="Đã được giải quyết")


def do_reject(cast, p):
    pet.reject_petition(petition=p, reason="Không thuộc thẩm quyền.", by=cast.secretariat)


def do_transfer(cast, p):
    pet.transfer_petition(petition=p, to="Sở Nội vụ", reason="Thẩm quyền.", by=cast.secretariat)


def do_schedule(cast, p):
    pet.schedule_petitions(conference=ad_hoc_conference(cast), petitions=[p], by=cast.secretariat)


def do_unschedule(cast, p):
    pet.unschedule_petition(petition=p, by=cast.secretariat, reason="Chuyển kỳ sau")


def do_answer(cast, p):
    p = _open_if_scheduled(cast, p)
    fu.answer_petition(petition=p, text="Trả lời: đã xem xét.", by=cast.head)


def do_commit(cast, p):
    p = _open_if_scheduled(cast, p)
    fu.commit_answer(
        petition=p, promised_on=datetime.date(2018, 7, 20), form="written", by=cast.head
    )


def do_assign(cast, p):
    p = _open_if_scheduled(cast, p)
    fu.assign_petition(petition=p, unit=cast.unit, by=cast.head, instructions="Xử lý")


def _assignment(p):
    return p.assignments.exclude(status=AssignmentStatus.ACCEPTED).get()


def do_report(cast, p):
    fu.report_resolution(assignment=_assignment(p), text="Đã xử lý xong.", by=cast.leader)


def do_accept(cast, p):
    fu.accept_resolution(assignment=_assignment(p), answer_text="Trả lời.", by=cast.head)


def do_return(cast, p):
    fu.return_resolution(assignment=_assignment(p), note="Bổ sung hồ sơ.", by=cast.head)


def do_feedback_satisfied(cast, p):
    pet.give_feedback(petition=p, satisfied=True, by=cast.staff)


def do_feedback_unsatisfied(cast, p):
    pet.give_feedback(petition=p, satisfied=False, reason="Chưa thỏa đáng.", by=cast.staff)


# action -> (the states it may start from, the state it leads to, its audit verb)
ACTIONS = {
    "receive": (do_receive, {S.SUBMITTED}, S.RECEIVED, Verb.PETITION_RECEIVED),
    "merge": (do_merge, {S.SUBMITTED, S.RECEIVED, S.SCHEDULED}, S.MERGED, Verb.PETITION_MERGED),
    "withdraw": (do_withdraw, {S.SUBMITTED, S.RECEIVED}, S.WITHDRAWN, Verb.PETITION_WITHDRAWN),
    "reject": (do_reject, {S.SUBMITTED, S.RECEIVED}, S.REJECTED, Verb.PETITION_REJECTED),
    "transfer": (do_transfer, {S.SUBMITTED, S.RECEIVED}, S.TRANSFERRED, Verb.PETITION_TRANSFERRED),
    "schedule": (do_schedule, {S.RECEIVED}, S.SCHEDULED, Verb.PETITION_SCHEDULED),
    "unschedule": (do_unschedule, {S.SCHEDULED}, S.RECEIVED, Verb.PETITION_UNSCHEDULED),
    "answer": (do_answer, {S.RECEIVED, S.SCHEDULED, S.COMMITTED}, S.ANSWERED, Verb.ANSWER_GIVEN),
    "commit": (do_commit, {S.SCHEDULED}, S.COMMITTED, Verb.COMMITMENT_MADE),
    "assign": (
        do_assign,
        {S.RECEIVED, S.SCHEDULED, S.COMMITTED},
        S.ASSIGNED,
        Verb.ASSIGNMENT_MADE,
    ),
    "report": (do_report, {S.ASSIGNED}, S.RESOLUTION_REPORTED, Verb.RESOLUTION_REPORTED),
    "accept": (do_accept, {S.RESOLUTION_REPORTED}, S.ANSWERED, Verb.RESOLUTION_ACCEPTED),
    "return": (do_return, {S.RESOLUTION_REPORTED}, S.ASSIGNED, Verb.RESOLUTION_RETURNED),
    "feedback_satisfied": (do_feedback_satisfied, {S.ANSWERED}, S.CLOSED, Verb.PETITION_CLOSED),
    "feedback_unsatisfied": (
        do_feedback_unsatisfied,
        {S.ANSWERED},
        S.RECEIVED,
        Verb.PETITION_REOPENED,
    ),
}
# These act on an assignment, which exists only while the petition is assigned or reported.
ASSIGNMENT_ACTIONS = {"report", "accept", "return"}


def _refused_actions(state):
    return [
        name
        for name, (_fn, sources, _t, _v) in ACTIONS.items()
        if name not in ASSIGNMENT_ACTIONS and state not in sources
    ]


def test_actions_cover_the_transition_table_exactly():
    edges = {(s, t) for s, targets in TRANSITIONS.items() for t in targets}
    taken = {(s, target) for _fn, sources, target, _v in ACTIONS.values() for s in sources}
    assert taken == edges
    assert set(TRANSITIONS) == set(Status.values)


@pytest.mark.parametrize("action", sorted(ACTIONS))
def test_allowed_transitions(cast, action):
    """Take the action from every state it may start from (one cast for all of them)."""
    fn, sources, target, verb = ACTIONS[action]
    for source in sorted(sources):
        petition = reach(cast, source)
        events = AuditEvent.objects.count()
        fn(cast, petition)
        petition.refresh_from_db()
        assert petition.status == target, (action, source)
        assert AuditEvent.objects.count() > events
        assert AuditEvent.objects.filter(verb=verb, petition_id=petition.pk).exists()


@pytest.mark.parametrize("state", Status.values)
def test_refused_transitions_name_the_current_state(cast, state):
    """Every action the state does not allow is refused, naming the state."""
    label = str(Status(state).label)
    for action in _refused_actions(state):
        petition = reach(cast, state)
        with pytest.raises(InvalidTransition) as info:
            ACTIONS[action][0](cast, petition)
        assert label in str(info.value.message), (action, str(info.value.message))
        petition.refresh_from_db()
        assert petition.status == state, action


@pytest.mark.parametrize("action", sorted(ASSIGNMENT_ACTIONS))
def test_assignment_actions_refuse_other_petition_states_through_the_assignment(cast, action):
    # An accepted assignment leaves its petition answered; acting on it again is refused.
    petition = reach(cast, S.RESOLUTION_REPORTED)
    assignment = petition.assignments.get()
    fu.accept_resolution(assignment=assignment, answer_text="Trả lời.", by=cast.head)
    fn = {
        "report": lambda: fu.report_resolution(assignment=assignment, text="x", by=cast.leader),
        "accept": lambda: fu.accept_resolution(
            assignment=assignment, answer_text="x", by=cast.head
        ),
        "return": lambda: fu.return_resolution(assignment=assignment, note="x", by=cast.head),
    }[action]
    with pytest.raises(InvalidTransition) as info:
        fn()
    assert str(AssignmentStatus.ACCEPTED.label) in str(info.value.message)


def test_second_unsatisfied_feedback_closes_instead_of_reopening(cast):
    petition = reach(cast, S.ANSWERED)
    do_feedback_unsatisfied(cast, petition)
    petition.refresh_from_db()
    assert (petition.status, petition.reopen_count) == (S.RECEIVED, 1)
    fu.answer_petition(petition=petition, text="Trả lời lần hai.", by=cast.head)
    do_feedback_unsatisfied(cast, petition)
    petition.refresh_from_db()
    assert (petition.status, petition.satisfied) == (S.CLOSED, False)
    assert petition.reopen_count == 1
