"""The pure calendar against the published schedules 2018–2026, without the database."""

import datetime
import json

import pytest

from doithoai.workdays.calendar import (
    DAY_OFF,
    WORKING_DAY,
    Correction,
    OutOfRange,
    WorkCalendar,
)
from doithoai.workdays.official import OFFICIAL_CORRECTIONS


def D(day, month, year):
    return datetime.date(year, month, day)


def span(first, last):
    return [first + datetime.timedelta(days=i) for i in range((last - first).days + 1)]


# REFERENCE.md: official days off on weekdays and make-up Saturdays for civil servants.
SCHEDULE = {
    2018: (
        [D(1, 1, 2018), *span(D(14, 2, 2018), D(16, 2, 2018)), D(19, 2, 2018), D(20, 2, 2018),
         D(25, 4, 2018), D(30, 4, 2018), D(1, 5, 2018), D(3, 9, 2018), D(31, 12, 2018)],
        [D(5, 1, 2019)],
    ),
    2019: (
        [D(1, 1, 2019), *span(D(4, 2, 2019), D(8, 2, 2019)), D(15, 4, 2019), D(29, 4, 2019),
         D(30, 4, 2019), D(1, 5, 2019), D(2, 9, 2019)],
        [D(5, 1, 2019), D(4, 5, 2019)],
    ),
    2020: (
        [D(1, 1, 2020), D(23, 1, 2020), D(24, 1, 2020), *span(D(27, 1, 2020), D(29, 1, 2020)),
         D(2, 4, 2020), D(30, 4, 2020), D(1, 5, 2020), D(2, 9, 2020)],
        [],
    ),
    2021: (
        [D(1, 1, 2021), *span(D(10, 2, 2021), D(12, 2, 2021)), D(15, 2, 2021), D(16, 2, 2021),
         D(21, 4, 2021), D(30, 4, 2021), D(3, 5, 2021), D(2, 9, 2021), D(3, 9, 2021)],
        [],
    ),
    2022: (
        [D(3, 1, 2022), *span(D(31, 1, 2022), D(4, 2, 2022)), D(11, 4, 2022), D(2, 5, 2022),
         D(3, 5, 2022), D(1, 9, 2022), D(2, 9, 2022)],
        [],
    ),
    2023: (
        [D(2, 1, 2023), D(20, 1, 2023), *span(D(23, 1, 2023), D(26, 1, 2023)),
         *span(D(1, 5, 2023), D(3, 5, 2023)), D(1, 9, 2023), D(4, 9, 2023)],
        [],
    ),
    2024: (
        [D(1, 1, 2024), D(8, 2, 2024), D(9, 2, 2024), *span(D(12, 2, 2024), D(14, 2, 2024)),
         D(18, 4, 2024), D(29, 4, 2024), D(30, 4, 2024), D(1, 5, 2024), D(2, 9, 2024),
         D(3, 9, 2024)],
        [D(4, 5, 2024)],
    ),
    2025: (
        [D(1, 1, 2025), *span(D(27, 1, 2025), D(31, 1, 2025)), D(7, 4, 2025), D(30, 4, 2025),
         D(1, 5, 2025), D(2, 5, 2025), D(1, 9, 2025), D(2, 9, 2025)],
        [D(26, 4, 2025)],
    ),
    2026: (
        [D(1, 1, 2026), D(2, 1, 2026), *span(D(16, 2, 2026), D(20, 2, 2026)), D(27, 4, 2026),
         D(30, 4, 2026), D(1, 5, 2026), D(31, 8, 2026), D(1, 9, 2026), D(2, 9, 2026)],
        [D(10, 1, 2026), D(22, 8, 2026)],
    ),
}  # fmt: skip


@pytest.fixture(scope="module")
def cal():
    return WorkCalendar(OFFICIAL_CORRECTIONS)


@pytest.mark.parametrize("year", sorted(SCHEDULE))
def test_weekdays_off_match_the_published_schedule(cal, year):
    days_off, _makeup = SCHEDULE[year]
    weekdays = [d for d in span(D(1, 1, year), D(31, 12, year)) if d.weekday() < 5]
    assert [d for d in weekdays if not cal.is_working_day(d)] == days_off


@pytest.mark.parametrize("year", sorted(SCHEDULE))
def test_make_up_saturdays_match_the_published_schedule(cal, year):
    _days_off, makeup = SCHEDULE[year]
    weekends = [d for d in span(D(1, 1, year), D(31, 12, year)) if d.weekday() >= 5]
    # The table lists the 2018 swap's make-up day (05/01/2019) under 2018 too.
    expected = [d for d in makeup if d.year == year]
    assert [d for d in weekends if cal.is_working_day(d)] == expected
    for day in makeup:
        assert cal.is_working_day(day)


def test_every_listed_day_has_a_vietnamese_name_and_a_source(cal):
    for year in SCHEDULE:
        for special in cal.special_days(year):
            assert special.name and special.source, special
            json.dumps(special.as_dict(), ensure_ascii=False)
    days = {s.date: s for s in cal.special_days(2026)}
    assert days[D(2, 1, 2026)].source == "CV 12729/VPCP-KGVX"
    assert days[D(10, 1, 2026)].kind == WORKING_DAY
    assert days[D(17, 2, 2026)].name == "Tết Nguyên Đán"


def test_the_package_alone_misses_the_2026_new_year_swap():
    bare = WorkCalendar()
    assert bare.is_working_day(D(2, 1, 2026))
    assert not bare.is_working_day(D(10, 1, 2026))


def test_culture_day_is_an_ordinary_working_day_until_the_law_says_otherwise(cal):
    assert cal.is_working_day(D(24, 11, 2026))
    assert WorkCalendar().is_working_day(D(24, 11, 2027))
    decided = WorkCalendar(
        [Correction(D(24, 11, 2027), DAY_OFF, "Ngày Văn hóa Việt Nam", "Văn bản giả định")]
    )
    assert not decided.is_working_day(D(24, 11, 2027))


def test_corrections_win_over_the_package():
    cal = WorkCalendar(
        [
            Correction(D(17, 2, 2026), WORKING_DAY, "Làm việc", "Thử nghiệm"),
            Correction(D(5, 3, 2026), DAY_OFF, "Nghỉ", "Thử nghiệm"),
        ]
    )
    assert cal.is_working_day(D(17, 2, 2026))
    assert not cal.is_working_day(D(5, 3, 2026))
    assert cal.day_off_name(D(5, 3, 2026)) == "Nghỉ"


@pytest.mark.parametrize("year", [1990, 1995, 2007, 2037, 2038, 2099, 2100])
def test_every_supported_year_answers(cal, year):
    offs = [s for s in cal.special_days(year) if s.kind == DAY_OFF]
    assert any(s.name == "Tết Nguyên Đán" for s in offs)
    assert any(s.date == D(2, 9, year) for s in offs)
    assert cal.working_days_between(D(1, 1, year), D(31, 12, year)) > 240


@pytest.mark.parametrize(
    "day, name",
    [
        (D(2, 2, 2030), "Tết Nguyên Đán"),  # Chinese: 03/02/2030
        (D(17, 2, 2007), "Tết Nguyên Đán"),  # Chinese: 18/02/2007
        (D(24, 4, 2037), "Ngày Giỗ Tổ Hùng Vương"),  # Chinese 10/3: 25/04/2037
        (D(13, 4, 2038), "Ngày Giỗ Tổ Hùng Vương"),  # Chinese 10/3: 14/04/2038
    ],
)
def test_lunar_holidays_follow_the_vietnamese_calendar(cal, day, name):
    assert {s.date: s.name for s in cal.special_days(day.year)}[day] == name


@pytest.mark.parametrize("day", [D(31, 12, 1989), D(1, 1, 2101)])
def test_out_of_range_is_refused(cal, day):
    with pytest.raises(OutOfRange):
        cal.is_working_day(day)
    with pytest.raises(OutOfRange):
        cal.add_working_days(D(30, 12, 2100), 5)
