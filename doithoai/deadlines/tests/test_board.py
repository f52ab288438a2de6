"""The deadline board: who sees it, order, working days left, unit rates, query count."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from doithoai.core.errors import PermissionRefused
from doithoai.deadlines import actions
from doithoai.deadlines.board import board
from doithoai.deadlines.models import Kind
from doithoai.testing import factories as f

D = datetime.date
pytestmark = pytest.mark.django_db


def resolution(cast, unit, start):
    _petition, assignment = f.assigned(cast, unit=unit)
    actions.cancel_deadlines(subject=assignment, by=cast.head, reason="Thử lại ngày bắt đầu.")
    return actions.open_deadline(
        kind=Kind.RESOLUTION,
        subject=assignment,
        agency=cast.agency,
        start=start,
        by=cast.head,
        petition=assignment.petition,
        unit=unit,
    )


@pytest.fixture
def world(cast, seed_day):
    late = resolution(cast, cast.unit, D(2018, 6, 1))  # due 12/06: overdue on 20/06
    soon = resolution(cast, cast.unit, D(2018, 6, 19))  # due 28/06
    other = resolution(cast, cast.other_unit, D(2018, 6, 15))  # due 26/06
    done = resolution(cast, cast.other_unit, D(2018, 6, 1))
    actions.complete_deadlines(subject=done.subject, by=cast.head, on=D(2018, 6, 11))
    done_late = resolution(cast, cast.other_unit, D(2018, 6, 1))
    actions.complete_deadlines(subject=done_late.subject, by=cast.head, on=D(2018, 6, 14))
    return {"late": late, "soon": soon, "other": other}


@pytest.mark.parametrize("role", ["head", "deputy", "secretariat", "inspector"])
def test_board_roles_see_it(cast, world, role):
    data = board(getattr(cast, role), cast.agency, today=D(2018, 6, 20))
    assert [r.deadline.pk for r in data["rows"]][:3] == [
        world["late"].pk,
        world["other"].pk,
        world["soon"].pk,
    ]


@pytest.mark.parametrize("role", ["staff", "leader", "admin", "outsider"])
def test_others_are_refused(cast, role):
    with pytest.raises(PermissionRefused):
        board(getattr(cast, role), cast.agency)


def test_working_days_left_and_overdue(cast, world):
    rows = {r.deadline.pk: r for r in board(cast.head, cast.agency, today=D(2018, 6, 20))["rows"]}
    late, soon = rows[world["late"].pk], rows[world["soon"].pk]
    assert late.overdue and late.days_overdue == 8 and late.working_days_left == -6
    assert not soon.overdue and soon.working_days_left == 6


def test_unit_filter(cast, world):
    data = board(cast.head, cast.agency, unit=cast.other_unit, today=D(2018, 6, 20))
    assert {r.deadline.unit_id for r in data["rows"]} == {cast.other_unit.pk}


def test_unit_on_time_rates(cast, world):
    rates = {u.unit_id: u for u in board(cast.head, cast.agency, today=D(2018, 6, 20))["units"]}
    other = rates[cast.other_unit.pk]
    assert (other.open, other.completed, other.on_time, other.rate) == (1, 2, 1, 50.0)
    mine = rates[cast.unit.pk]
    assert (mine.open, mine.overdue, mine.rate) == (2, 1, None)


def test_board_queries_do_not_grow_with_rows(cast, world):
    from doithoai.organizations.access import forget

    forget(cast.head)
    board(cast.head, cast.agency, today=D(2018, 6, 20))  # warm the membership cache
    with CaptureQueriesContext(connection) as few:
        board(cast.head, cast.agency, today=D(2018, 6, 20))
    for _ in range(5):
        resolution(cast, cast.unit, D(2018, 6, 18))
    with CaptureQueriesContext(connection) as many:
        data = board(cast.head, cast.agency, today=D(2018, 6, 20))
    assert len(data["rows"]) >= 8
    assert len(many) == len(few) <= 3
