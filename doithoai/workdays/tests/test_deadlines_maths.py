"""Deadline computations across Tết and across make-up Saturdays (no database)."""

import datetime

import pytest

from doithoai.workdays.calendar import WorkCalendar
from doithoai.workdays.official import OFFICIAL_CORRECTIONS

D = datetime.date


@pytest.fixture(scope="module")
def cal():
    return WorkCalendar(OFFICIAL_CORRECTIONS)


@pytest.mark.parametrize(
    "start, n, due",
    [
        (D(2018, 6, 29), 5, D(2018, 7, 6)),  # the issue's example
        (D(2018, 2, 12), 5, D(2018, 2, 26)),  # across Tết Mậu Tuất (14–20/02/2018)
        (D(2026, 2, 12), 5, D(2026, 2, 26)),  # across Tết Bính Ngọ (16–20/02/2026)
        (D(2026, 2, 13), 1, D(2026, 2, 23)),
        (D(2026, 1, 8), 2, D(2026, 1, 10)),  # make-up Saturday 10/01/2026 counts
        (D(2025, 4, 24), 2, D(2025, 4, 26)),  # make-up Saturday 26/04/2025 counts
        (D(2026, 8, 20), 2, D(2026, 8, 22)),  # make-up Saturday 22/08/2026 counts
        (D(2026, 8, 28), 1, D(2026, 9, 3)),  # 31/08 swap, 01–02/09 National Day
        (D(2018, 12, 28), 1, D(2019, 1, 2)),  # 31/12/2018 swap and New Year
        (D(2018, 12, 28), 3, D(2019, 1, 4)),
        (D(2018, 12, 28), 4, D(2019, 1, 5)),  # make-up Saturday 05/01/2019
        (D(2025, 12, 31), 1, D(2026, 1, 5)),  # 01–02/01/2026 off
        (D(2026, 11, 23), 1, D(2026, 11, 24)),  # Culture Day is worked
    ],
)
def test_add_working_days(cal, start, n, due):
    assert cal.add_working_days(start, n) == due
    assert cal.working_days_between(start, due) == n


def test_between_the_issue_example(cal):
    assert cal.working_days_between(D(2018, 2, 12), D(2018, 2, 26)) == 5
    assert cal.working_days_between(D(2018, 2, 26), D(2018, 2, 12)) == -5  # [12/02, 26/02)
    assert cal.working_days_between(D(2018, 2, 12), D(2018, 2, 12)) == 0


def test_calendar_deadline_rolls_forward_over_tet(cal):
    # 15 days from 01/02/2026 end on 16/02 (Tết eve): the period ends on Monday 23/02.
    assert cal.calendar_deadline(D(2026, 2, 1), 15) == D(2026, 2, 23)
    record = cal.explain_calendar_deadline(D(2026, 2, 1), 15)
    assert record["rolled"]["from"] == "2026-02-16"
    assert "16/02/2026 Giao thừa Tết Nguyên Đán" in record["skipped_text"]
    assert "Điều 148" in record["rolled"]["text"]


def test_calendar_deadline_on_a_make_up_saturday_stays(cal):
    assert cal.calendar_deadline(D(2026, 1, 5), 5) == D(2026, 1, 10)


def test_days_before_moves_back_to_a_working_day(cal):
    # A conference on Thursday 26/02/2026: 5 days before is Saturday 21/02, inside the
    # Tết break, so the compiled list is due on Friday 13/02.
    assert cal.days_before(D(2026, 2, 26), 5) == D(2026, 2, 13)
    record = cal.explain_days_before(D(2026, 2, 26), 5)
    assert record["due"] == "2026-02-13"
    assert record["rolled"]["from"] == "2026-02-21"
    assert cal.days_before(D(2018, 6, 20), 5) == D(2018, 6, 15)


def test_explanation_names_each_skipped_day(cal):
    record = cal.explain_working_days(D(2026, 2, 12), 5)
    assert record["skipped_text"] == [
        "14/02/2026–15/02/2026 Thứ Bảy, Chủ nhật (nghỉ hằng tuần)",
        "16/02/2026 Giao thừa Tết Nguyên Đán",
        "17/02/2026 Tết Nguyên Đán",
        "18/02/2026 Mùng hai Tết Nguyên Đán",
        "19/02/2026 Mùng ba Tết Nguyên Đán",
        "20/02/2026 Mùng bốn Tết Nguyên Đán",
        "21/02/2026–22/02/2026 Thứ Bảy, Chủ nhật (nghỉ hằng tuần)",
    ]
    assert record["start"] == "2026-02-12" and record["days"] == 5
    assert "Điều 147" in record["text"]


def test_explanation_lists_make_up_days(cal):
    record = cal.explain_working_days(D(2026, 1, 8), 2)
    assert record["made_up"] == [
        {"date": "2026-01-10", "name": "Làm việc bù cho ngày nghỉ 02/01/2026"}
    ]
