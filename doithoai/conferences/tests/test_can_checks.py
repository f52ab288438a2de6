"""Each `can_*` check answers exactly what its action decides: for every conference state and
every role, the check says yes if and only if the action (run with valid input) succeeds."""

import pytest
from django.db import transaction

from doithoai.conferences import actions as conf
from doithoai.conferences.models import ConclusionNotice, ConferenceStatus
from doithoai.core.errors import InvalidTransition, PermissionRefused
from doithoai.followups.actions import answer_petition
from doithoai.organizations.models import Delegation, DelegationKind
from doithoai.petitions.actions import record_petition
from doithoai.petitions.models import Channel
from doithoai.testing import factories as f

ROLES = ["head", "deputy", "secretariat", "leader", "staff", "inspector", "admin", "outsider"]
STATES = [s.value for s in ConferenceStatus]


def _delegation(cast, conference):
    return Delegation.objects.filter(
        conference=conference, kind=DelegationKind.CHAIR, revoked_at__isnull=True
    ).first()


CASES = {
    "cancel": (
        lambda cast, c, u: conf.can_cancel_conference(u, c),
        lambda cast, c, u: conf.cancel_conference(conference=c, reason="Bão lũ.", by=u),
    ),
    "delegate": (
        lambda cast, c, u: conf.can_delegate_chair(u, c),
        lambda cast, c, u: conf.delegate_chair(
            conference=c, deputy=cast.deputy, reason="Đi công tác.", by=u
        ),
    ),
    "send_compilation": (
        lambda cast, c, u: conf.can_send_compilation(u, c),
        lambda cast, c, u: conf.send_compilation(conference=c, by=u),
    ),
    "open": (
        lambda cast, c, u: conf.can_open_conference(u, c),
        lambda cast, c, u: conf.open_conference(conference=c, by=u),
    ),
    "statement": (
        lambda cast, c, u: conf.can_record_statement(u, c),
        lambda cast, c, u: conf.record_statement(
            conference=c,
            petition=getattr(c.agenda.first(), "petition", None),
            speaker=cast.staff,
            text="Phát biểu.",
            by=u,
        ),
    ),
    "floor": (
        lambda cast, c, u: conf.can_record_floor_petition(u, c),
        lambda cast, c, u: record_petition(
            agency=cast.agency,
            title="Kiến nghị tại hội nghị",
            content="Nội dung.",
            channel=Channel.FLOOR,
            topic=cast.topic(),
            submitter=cast.staff,
            conference=c,
            by=u,
        ),
    ),
    "close": (
        lambda cast, c, u: conf.can_close_conference(u, c),
        lambda cast, c, u: conf.close_conference(conference=c, conclusion="Kết luận.", by=u),
    ),
    "draft": (
        lambda cast, c, u: conf.can_draft_notice(u, c),
        lambda cast, c, u: conf.draft_notice(conference=c, text="Thông báo.", by=u),
    ),
    "issue": (
        lambda cast, c, u: conf.can_issue_notice(
            u, c, ConclusionNotice.objects.filter(conference=c).first()
        ),
        lambda cast, c, u: conf.issue_notice(conference=c, by=u),
    ),
}


def _succeeds(act) -> bool:
    """Run the action in a savepoint that is always rolled back; tell whether it succeeded."""
    try:
        with transaction.atomic():
            act()
            raise _RolledBack
    except _RolledBack:
        return True
    except (PermissionRefused, InvalidTransition):
        return False


class _RolledBack(Exception):
    pass


@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("case", sorted(CASES))
def test_check_agrees_with_the_action(cast, seed_day, case, state):
    conference = f.conference_in(cast, state)
    if case == "issue" and state == ConferenceStatus.CLOSED:
        conf.draft_notice(conference=conference, text="Dự thảo.", by=cast.secretariat)
    if case == "close" and state == ConferenceStatus.IN_PROGRESS:
        # Valid input: every item decided (the action names the undecided ones otherwise).
        answer_petition(petition=conference.agenda.first().petition, text="Giải đáp.", by=cast.head)
    can, act = CASES[case]
    for role in ROLES:
        user = getattr(cast, role)
        conference.refresh_from_db()
        expected = _succeeds(lambda u=user: act(cast, conference, u))
        assert can(cast, conference, user) is expected, (case, state, role, expected)


@pytest.mark.parametrize("state", [ConferenceStatus.PLANNED, ConferenceStatus.IN_PROGRESS])
def test_revoke_check_agrees_with_the_action(cast, seed_day, state):
    conference = f.conference_in(cast, ConferenceStatus.PLANNED)
    conf.delegate_chair(conference=conference, deputy=cast.deputy, reason="Ốm.", by=cast.head)
    if state == ConferenceStatus.IN_PROGRESS:
        conf.send_compilation(conference=conference, by=cast.secretariat)
        conf.open_conference(conference=conference, by=cast.deputy)
    delegation = _delegation(cast, conference)
    for role in ROLES:
        user = getattr(cast, role)
        expected = _succeeds(
            lambda u=user: conf.revoke_chair_delegation(
                delegation=delegation, reason="Đã về.", by=u
            )
        )
        assert conf.can_revoke_chair_delegation(user, delegation) is expected, (state, role)
