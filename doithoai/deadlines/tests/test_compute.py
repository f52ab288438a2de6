"""Due dates of every kind of step, computed without the database."""

import datetime
from types import SimpleNamespace

import pytest

from doithoai.deadlines.compute import compute, recompute
from doithoai.deadlines.models import DayKind, Deadline, Kind
from doithoai.workdays.calendar import DAY_OFF, Correction, WorkCalendar
from doithoai.workdays.official import OFFICIAL_CORRECTIONS

D = datetime.date
RULES = SimpleNamespace(
    compilation_days_before=5,
    notice_working_days=5,
    resolution_working_days=7,
    resolution_verification_working_days=15,
    semiannual_report_month=6,
    semiannual_report_day=25,
    annual_report_month=12,
    annual_report_day=19,
    publication_working_days=5,
    publication_min_posted_days=20,
    observation_days=15,
    reminder_working_days_before=2,
)
CAL = WorkCalendar(OFFICIAL_CORRECTIONS)


@pytest.mark.parametrize(
    "kind, start, kwargs, due, day_kind",
    [
        (Kind.COMPILATION, D(2018, 6, 20), {}, D(2018, 6, 15), DayKind.CALENDAR),
        (Kind.COMPILATION, D(2026, 2, 26), {}, D(2026, 2, 13), DayKind.CALENDAR),  # Tết
        (Kind.NOTICE, D(2018, 6, 20), {}, D(2018, 6, 27), DayKind.WORKING),
        (Kind.NOTICE, D(2026, 2, 12), {}, D(2026, 2, 26), DayKind.WORKING),  # across Tết
        (Kind.RESOLUTION, D(2018, 6, 27), {}, D(2018, 7, 6), DayKind.WORKING),
        (Kind.RESOLUTION, D(2018, 6, 27), {"verification": True}, D(2018, 7, 18), DayKind.WORKING),
        (Kind.RESOLUTION, D(2026, 1, 5), {}, D(2026, 1, 13), DayKind.WORKING),  # 10/01 worked
        (Kind.PUBLICATION, D(2018, 6, 29), {}, D(2018, 7, 6), DayKind.WORKING),
        (Kind.OBSERVATION, D(2026, 2, 1), {}, D(2026, 2, 23), DayKind.CALENDAR),
        (Kind.COMMITMENT, D(2018, 6, 20), {"fixed_due": D(2018, 7, 15)}, D(2018, 7, 15), DayKind.FIXED),
        (Kind.SEMIANNUAL_REPORT, D(2018, 1, 3), {}, D(2018, 6, 25), DayKind.FIXED),
        (Kind.SEMIANNUAL_REPORT, D(2022, 1, 3), {}, D(2022, 6, 27), DayKind.FIXED),  # Sat → Mon
        (Kind.ANNUAL_REPORT, D(2018, 1, 3), {}, D(2018, 12, 19), DayKind.FIXED),
        (Kind.ANNUAL_REPORT, D(2020, 1, 3), {}, D(2020, 12, 18), DayKind.FIXED),  # Sat → Fri
    ],
)  # fmt: skip
def test_due_dates(kind, start, kwargs, due, day_kind):
    computed = compute(kind, start, RULES, CAL, **kwargs)
    assert computed.due == due
    assert computed.day_kind == day_kind
    assert computed.computation["due"] == due.isoformat()
    assert computed.rule and computed.computation["rule_text"] == computed.rule


def test_notice_across_tet_names_the_skipped_days():
    computed = compute(Kind.NOTICE, D(2026, 2, 12), RULES, CAL)
    assert "17/02/2026 Tết Nguyên Đán" in computed.computation["skipped_text"]
    assert computed.days == 5


def test_recompute_keeps_the_rule_and_follows_the_calendar():
    computed = compute(Kind.NOTICE, D(2027, 2, 1), RULES, CAL)
    stored = Deadline(
        kind=Kind.NOTICE,
        start_date=D(2027, 2, 1),
        due_date=computed.due,
        days=computed.days,
        rule=computed.rule,
        day_kind=computed.day_kind,
        computation=computed.computation,
    )
    assert recompute(stored, CAL).due == computed.due
    extra_off = WorkCalendar(
        [*OFFICIAL_CORRECTIONS, Correction(D(2027, 2, 3), DAY_OFF, "Nghỉ", "X")]
    )
    assert recompute(stored, extra_off).due == CAL.add_working_days(computed.due, 1)
