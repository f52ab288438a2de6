"""Each permission of followups/rules.py: a role that may, roles that may not."""

import datetime

import pytest

from doithoai.core.errors import PermissionRefused
from doithoai.followups import actions as fu
from doithoai.testing.factories import (
    PermissionCase,
    assigned,
    check_permission,
    in_conference,
    received,
    refused,
)

pytestmark = pytest.mark.usefixtures("seed_day")


def _reported(cast):
    _petition, assignment = assigned(cast)
    fu.report_resolution(assignment=assignment, text="Đã xử lý.", by=cast.leader)
    return assignment


CASES = {
    "followups.answer_petition": PermissionCase(
        setup=received,
        act=lambda cast, p, user: fu.answer_petition(
            petition=p, text="Trả lời bằng văn bản.", by=user
        ),
        may=("head",),
        may_not=("deputy", "secretariat", "leader", "staff"),
    ),
    "followups.assign_petition": PermissionCase(
        setup=received,
        act=lambda cast, p, user: fu.assign_petition(petition=p, unit=cast.unit, by=user),
        may=("head",),
        may_not=("deputy", "secretariat", "leader"),
    ),
    "followups.report_assignment": PermissionCase(
        setup=lambda cast: assigned(cast)[1],
        act=lambda cast, a, user: fu.report_resolution(
            assignment=a, text="Kết quả xử lý.", by=user
        ),
        may=("leader",),  # the leader of the assigned unit
        may_not=("other_leader", "staff", "head", "secretariat"),
    ),
    "followups.extend_assignment": PermissionCase(
        setup=lambda cast: assigned(cast)[1],
        act=lambda cast, a, user: fu.request_extension(
            assignment=a, reason="Cần xác minh tại cơ sở.", by=user
        ),
        may=("leader",),
        may_not=("other_leader", "staff", "head"),
    ),
    "followups.decide_extension": PermissionCase(
        setup=lambda cast: fu.request_extension(
            assignment=assigned(cast)[1], reason="Cần xác minh.", by=cast.leader
        ),
        act=lambda cast, e, user: fu.approve_extension(extension=e, by=user),
        may=("head",),
        may_not=("deputy", "secretariat", "leader", "other_leader", "staff"),
    ),
    "followups.decide_assignment": PermissionCase(
        setup=_reported,
        act=lambda cast, a, user: fu.accept_resolution(
            assignment=a, answer_text="Trả lời người kiến nghị.", by=user
        ),
        may=("head",),
        may_not=("secretariat", "deputy", "leader"),
    ),
}


@pytest.mark.parametrize("permission", sorted(CASES))
def test_permission(cast, permission):
    check_permission(cast, permission, CASES[permission])


def test_returning_a_resolution_needs_the_decide_permission(cast):
    check_permission(
        cast,
        "followups.decide_assignment",
        PermissionCase(
            setup=_reported,
            act=lambda cast, a, user: fu.return_resolution(assignment=a, note="Bổ sung.", by=user),
            may=("head",),
            may_not=("secretariat", "leader"),
        ),
    )


@pytest.mark.parametrize("role", ["deputy", "secretariat", "inspector", "staff"])
def test_only_the_chair_answers_commits_and_assigns_at_the_conference(cast, role):
    petition = in_conference(cast)
    user = getattr(cast, role)
    with refused(PermissionRefused):
        fu.answer_petition(petition=petition, text="Giải đáp.", by=user)
    with refused(PermissionRefused):
        fu.commit_answer(
            petition=petition, promised_on=datetime.date(2018, 7, 1), form="written", by=user
        )
    with refused(PermissionRefused):
        fu.assign_petition(petition=petition, unit=cast.unit, by=user)
    fu.commit_answer(
        petition=petition, promised_on=datetime.date(2018, 7, 1), form="written", by=cast.head
    )
