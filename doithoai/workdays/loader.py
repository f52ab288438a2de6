"""Build the installation's calendar from the package and the stored official schedule.

The calendar is cached per process. It is rebuilt when the stored table changes: saving
or deleting a row in this process drops the cache at once, and the table's version (row
count and last change) is checked again at the start of each request and at most once a
minute in long-running processes (the task worker, commands), so other processes catch up.
"""

import threading
import time

from django.db.models import Count, Max

from .calendar import WorkCalendar

RECHECK_SECONDS = 60.0

_lock = threading.Lock()
_cached: dict = {"calendar": None, "version": None, "checked": float("-inf")}


def _version() -> str:
    from .models import OfficialScheduleEntry

    row = OfficialScheduleEntry.objects.aggregate(n=Count("id"), last=Max("updated_at"))
    return f"{row['n']}:{row['last'].isoformat() if row['last'] else ''}"


def get_calendar() -> WorkCalendar:
    """Return the cached calendar, rebuilding it when the official schedule has changed."""
    now = time.monotonic()
    calendar = _cached["calendar"]
    if calendar is not None and now - _cached["checked"] < RECHECK_SECONDS:
        return calendar
    version = _version()
    with _lock:
        if _cached["calendar"] is None or _cached["version"] != version:
            from .models import OfficialScheduleEntry

            corrections = [e.as_correction() for e in OfficialScheduleEntry.objects.all()]
            _cached["calendar"] = WorkCalendar(corrections, version=_label(version))
            _cached["version"] = version
        _cached["checked"] = now
        return _cached["calendar"]


def _label(version: str) -> str:
    import holidays

    return f"holidays {holidays.__version__} + lịch chính thức ({version})"


def recheck(**_kwargs) -> None:
    """Check the table's version on the next call (connected to request_started)."""
    _cached["checked"] = float("-inf")


def clear(**_kwargs) -> None:
    """Drop the cached calendar (connected to the schedule's post_save and post_delete)."""
    with _lock:
        _cached.update(calendar=None, version=None, checked=float("-inf"))
