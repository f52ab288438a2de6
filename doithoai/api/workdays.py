"""Working-day arithmetic for the API, through the project's calendar.

Uses `doithoai.workdays.calendar.get_calendar()` (official days off and make-up days included).
Until that module exists, falls back to Monday–Friday minus the statutory holidays of the
`holidays` package, so the endpoints keep answering.
"""

import datetime
from importlib import import_module


def _calendar():
    try:
        module = import_module("doithoai.workdays.calendar")
    except ImportError:
        return None
    getter = getattr(module, "get_calendar", None)
    return getter() if getter else module


def _fallback_is_working(day: datetime.date) -> bool:
    import holidays

    return day.weekday() < 5 and day not in holidays.country_holidays("VN", years=day.year)


def _is_working(day: datetime.date) -> bool:
    calendar = _calendar()
    check = getattr(calendar, "is_working_day", None) if calendar is not None else None
    return check(day) if check else _fallback_is_working(day)


def add_working_days(start: datetime.date, days: int) -> datetime.date:
    """Return the day `days` working days after `start` (before it when negative)."""
    calendar = _calendar()
    add = getattr(calendar, "add_working_days", None) if calendar is not None else None
    if add is not None:
        return add(start, days)
    step = 1 if days >= 0 else -1
    day, left = start, abs(days)
    while left:
        day += datetime.timedelta(days=step)
        if _is_working(day):
            left -= 1
    return day


def working_days_between(start: datetime.date, end: datetime.date) -> int:
    """Count the working days after `start` up to and including `end` (negative if reversed)."""
    calendar = _calendar()
    count = getattr(calendar, "working_days_between", None) if calendar is not None else None
    if count is not None:
        return count(start, end)
    if end < start:
        return -working_days_between(end, start)
    total, day = 0, start
    while day < end:
        day += datetime.timedelta(days=1)
        total += _is_working(day)
    return total
