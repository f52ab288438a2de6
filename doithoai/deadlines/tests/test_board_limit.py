"""The board shows the most urgent deadlines and counts all of them, in a fixed number of queries."""

import datetime

from doithoai.conferences import actions as conf
from doithoai.deadlines.board import board
from doithoai.testing.factories import aware, freeze


def test_board_limits_rows_but_counts_everything(cast, time_machine, django_assert_max_num_queries):
    freeze(time_machine, aware(2018, 3, 1, 9))
    for day in range(10, 16):
        conf.plan_conference(
            agency=cast.agency,
            kind="ad_hoc",
            title=f"Hội nghị {day}",
            starts_at=aware(2018, 3, day, 8),
            by=cast.secretariat,
        )
    with django_assert_max_num_queries(8):
        data = board(cast.head, cast.agency, limit=4, today=datetime.date(2018, 3, 8))
    assert data["total"] == 6
    assert len(data["rows"]) == 4
    # Compilation deadlines fall 5 days before each conference: 05/03 … 10/03; on 08/03 the
    # first three are overdue, and the most urgent come first.
    assert data["overdue"] == 3
    dues = [r.deadline.due_date for r in data["rows"]]
    assert dues == sorted(dues) and dues[0] == datetime.date(2018, 3, 5)
