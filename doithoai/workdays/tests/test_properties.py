"""Properties of the working-day arithmetic (hypothesis), without the database."""

import datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from doithoai.workdays.calendar import WorkCalendar
from doithoai.workdays.official import OFFICIAL_CORRECTIONS

CAL = WorkCalendar(OFFICIAL_CORRECTIONS)
# Far enough from the ends of 1990–2100 that ±60 working days stay inside.
dates = st.dates(datetime.date(1990, 4, 1), datetime.date(2100, 9, 30))
recent = st.dates(datetime.date(2017, 12, 1), datetime.date(2026, 12, 31))
counts = st.integers(min_value=-60, max_value=60)


@given(start=dates, n=counts)
def test_add_and_between_agree(start, n):
    assert CAL.working_days_between(start, CAL.add_working_days(start, n)) == n


@given(start=recent, n=st.integers(min_value=1, max_value=60))
def test_result_is_always_a_working_day(start, n):
    assert CAL.is_working_day(CAL.add_working_days(start, n))
    assert CAL.is_working_day(CAL.add_working_days(start, -n))


@given(start=recent, n=st.integers(min_value=1, max_value=60))
def test_day_one_is_the_next_working_day(start, n):
    due = CAL.add_working_days(start, n)
    assert due > start
    before = CAL.add_working_days(start, n - 1)
    walk = before + datetime.timedelta(days=1)
    while not CAL.is_working_day(walk):
        walk += datetime.timedelta(days=1)
    assert walk == due


@given(start=dates, end=dates)
def test_between_is_antisymmetric_and_counts_day_by_day(start, end):
    forward = CAL.working_days_between(start, end)
    if end >= start and (end - start).days <= 400:
        expected = sum(
            CAL.is_working_day(start + datetime.timedelta(days=i))
            for i in range(1, (end - start).days + 1)
        )
        assert forward == expected
    if end < start:
        assert forward <= 0


@settings(max_examples=200)
@given(start=recent, n=st.integers(min_value=0, max_value=40))
def test_calendar_deadline_is_the_first_working_day_on_or_after_the_limit(start, n):
    due = CAL.calendar_deadline(start, n)
    limit = start + datetime.timedelta(days=n)
    assert CAL.is_working_day(due) and due >= limit
    assert all(
        not CAL.is_working_day(limit + datetime.timedelta(days=i))
        for i in range((due - limit).days)
    )


@given(day=recent, n=st.integers(min_value=0, max_value=40))
def test_days_before_leaves_at_least_n_days(day, n):
    due = CAL.days_before(day, n)
    assert CAL.is_working_day(due)
    assert (day - due).days >= n


@given(start=recent, n=st.integers(min_value=0, max_value=30))
def test_explanations_agree_with_the_arithmetic(start, n):
    record = CAL.explain_working_days(start, n)
    assert record["due"] == CAL.add_working_days(start, n).isoformat()
    walked = (CAL.add_working_days(start, n) - start).days
    assert len(record["skipped"]) == walked - n
