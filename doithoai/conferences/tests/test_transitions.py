"""Every edge of the conference lifecycle through its action, and every refusal."""

import pytest

from doithoai.audit.models import AuditEvent, Verb
from doithoai.conferences import actions as conf
from doithoai.conferences.models import CONFERENCE_TRANSITIONS, ConferenceStatus
from doithoai.core.errors import InvalidTransition
from doithoai.followups.actions import answer_petition
from doithoai.petitions.actions import schedule_petitions
from doithoai.testing.factories import conference_in, received

pytestmark = pytest.mark.usefixtures("seed_day")

C = ConferenceStatus


def do_compile(cast, c):
    conf.send_compilation(conference=c, by=cast.secretariat)


def do_cancel(cast, c):
    conf.cancel_conference(conference=c, reason="Trùng lịch họp của UBND tỉnh.", by=cast.head)


def do_open(cast, c):
    conf.open_conference(conference=c, by=cast.head)


def do_close(cast, c):
    conf.close_conference(conference=c, conclusion="Kết luận của Chánh Văn phòng.", by=cast.head)


def do_issue(cast, c):
    if not hasattr(c, "notice"):
        conf.draft_notice(conference=c, text="Dự thảo.", by=cast.secretariat)
    conf.issue_notice(conference=c, by=cast.head)


def do_draft(cast, c):
    conf.draft_notice(conference=c, text="Dự thảo thông báo kết luận.", by=cast.secretariat)


def do_statement(cast, c):
    conf.record_statement(conference=c, text="Ý kiến.", speaker=cast.staff, by=cast.secretariat)


def do_delegate(cast, c):
    conf.delegate_chair(conference=c, deputy=cast.deputy, reason="Đi công tác.", by=cast.head)


def do_schedule(cast, c):
    schedule_petitions(conference=c, petitions=[received(cast)], by=cast.secretariat)


# action -> (states it may start from, the state it leads to or None, audit verb)
ACTIONS = {
    "compile": (do_compile, {C.PLANNED, C.COMPILED}, C.COMPILED, Verb.COMPILATION_SENT),
    "cancel": (do_cancel, {C.PLANNED, C.COMPILED}, C.CANCELLED, Verb.CONFERENCE_CANCELLED),
    "open": (do_open, {C.COMPILED}, C.IN_PROGRESS, Verb.CONFERENCE_OPENED),
    "close": (do_close, {C.IN_PROGRESS}, C.CLOSED, Verb.CONFERENCE_CLOSED),
    "issue_notice": (do_issue, {C.CLOSED}, C.CONCLUDED, Verb.NOTICE_ISSUED),
    # Actions that need a state without changing it.
    "draft_notice": (do_draft, {C.CLOSED}, None, Verb.NOTICE_DRAFTED),
    "record_statement": (do_statement, {C.IN_PROGRESS}, None, Verb.STATEMENT_RECORDED),
    "delegate_chair": (do_delegate, {C.PLANNED, C.COMPILED}, None, Verb.DELEGATION_GRANTED),
    "schedule": (do_schedule, {C.PLANNED, C.COMPILED}, None, Verb.PETITION_SCHEDULED),
}


def test_actions_cover_the_conference_table_exactly():
    edges = {(s, t) for s, targets in CONFERENCE_TRANSITIONS.items() for t in targets}
    taken = {(s, t) for _f, sources, t, _v in ACTIONS.values() if t for s in sources}
    assert taken == edges


@pytest.mark.parametrize("action", sorted(ACTIONS))
def test_allowed(cast, action):
    fn, sources, target, verb = ACTIONS[action]
    for source in sorted(sources):
        conference = conference_in(cast, source)
        if action == "close":  # every agenda item must be decided first (rule 5)
            answer_petition(petition=conference.petitions.get(), text="Giải đáp.", by=cast.head)
        fn(cast, conference)
        conference.refresh_from_db()
        assert conference.status == (target or source), (action, source)
        assert AuditEvent.objects.filter(verb=verb, conference_id=conference.pk).exists()


@pytest.mark.parametrize("state", C.values)
def test_refused_names_current_state(cast, state):
    label = str(C(state).label)
    for action, (fn, sources, _t, _v) in ACTIONS.items():
        if state in sources:
            continue
        conference = conference_in(cast, state)
        with pytest.raises(InvalidTransition) as info:
            fn(cast, conference)
        assert label in str(info.value.message), (action, str(info.value.message))
        conference.refresh_from_db()
        assert conference.status == state, action


def test_cancelling_returns_scheduled_petitions_to_the_received_list(cast):
    conference = conference_in(cast, C.COMPILED)
    petition = conference.petitions.get()
    do_cancel(cast, conference)
    petition.refresh_from_db()
    assert (petition.status, petition.conference) == ("received", None)
    assert not conference.agenda.exists()


def test_compilation_may_be_sent_again_with_a_corrected_list(cast):
    conference = conference_in(cast, C.COMPILED)
    do_schedule(cast, conference)
    do_compile(cast, conference)
    event = AuditEvent.objects.filter(verb=Verb.COMPILATION_SENT).order_by("-seq").first()
    assert event.after == {"status": C.COMPILED, "items": 2}
