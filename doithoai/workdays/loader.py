"""Build the installation's calendar from the package and the stored official schedule.

The package's days of a year are kept in the shared cache (`shared_package_year`).

The calendar is cached per process. It is rebuilt when the stored table changes: saving
or deleting a row in this process drops the cache at once, and the table's version (row
count and last change) is checked again at the start of each request and at most once a
minute in long-running processes (the task worker, commands), so other processes catch up.
"""

import threading
import time

from django.core.cache import cache
from django.db.models import Count, Max

from .calendar import WorkCalendar, package_year

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
            _cached["calendar"] = WorkCalendar(
                corrections, version=_label(version), package=shared_package_year
            )
            _cached["version"] = version
        _cached["checked"] = now
        return _cached["calendar"]


def shared_package_year(year: int) -> tuple[list, list]:
    """Return `calendar.package_year(year)` from the shared cache once any process read it.

    Reading the package's country data imports all of its ~280 countries (about 9 MB in
    each web worker) for a few dozen dates; the first process to need a year stores them.
    """
    import holidays

    key = f"doithoai:holidays:{holidays.__version__}:{year}"
    found = cache.get(key)
    if found is None:
        found = package_year(year)
        cache.set(key, found, None)
    return found


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
