"""The deadline board: open steps with working days left, and each unit's on-time rate."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Q

from doithoai.core.actionkit import today as local_today
from doithoai.core.errors import PermissionRefused
from doithoai.organizations.access import has_role
from doithoai.organizations.models import Role
from doithoai.workdays.loader import get_calendar

from .models import Deadline, Status

BOARD_ROLES = (Role.HEAD, Role.DEPUTY, Role.SECRETARIAT, Role.INSPECTOR)


@dataclass
class BoardRow:
    """One open deadline as the board shows it."""

    deadline: Deadline
    overdue: bool
    working_days_left: int  # negative once overdue: working days since the due date
    days_overdue: int  # calendar days past the due date


@dataclass
class UnitRate:
    """One unit's record: open, overdue, completed and completed on time."""

    unit_id: int
    name: str
    open: int
    overdue: int
    completed: int
    on_time: int

    @property
    def rate(self) -> float | None:
        """Return the share completed on time, in percent (None before any completion)."""
        return round(100 * self.on_time / self.completed, 1) if self.completed else None


def may_see_board(user, agency) -> bool:
    """Tell whether the user sees the agency's board (head, deputy, secretariat, inspectors)."""
    return has_role(user, agency, *BOARD_ROLES)


# The most urgent rows shown at once (a unit filter narrows the list; counts cover them all).
BOARD_LIMIT = 50


def board(
    user, agency, *, unit=None, today: datetime.date | None = None, limit: int = BOARD_LIMIT
) -> dict:
    """Return the agency's most urgent open deadlines (overdue first, then by due date), the
    counts of all open and overdue ones, and unit rates.

    Three queries whatever the number of deadlines: the counts, the first `limit` rows (with
    their unit, petition and conference joined) and one aggregate per unit; a national
    agency with thousands of open steps never loads them all.
    """
    if not may_see_board(user, agency):
        raise PermissionRefused()
    day = today or local_today()
    cal = get_calendar()
    rows = (
        Deadline.objects.visible_to(user)
        .filter(agency=agency, status=Status.OPEN)
        .select_related("unit", "petition", "conference", "responsible_user")
        # "How computed" loads on demand, one deadline at a time; petitions only show their code.
        .defer("computation", "rule", "petition__content", "petition__search_text")
        .order_by("due_date", "id")
    )
    if unit is not None:
        rows = rows.filter(unit=unit)
    counts = rows.aggregate(total=Count("id"), overdue=Count("id", filter=Q(due_date__lt=day)))
    out = []
    for deadline in rows[:limit]:
        overdue = deadline.due_date < day
        out.append(
            BoardRow(
                deadline=deadline,
                overdue=overdue,
                working_days_left=cal.working_days_between(day, deadline.due_date),
                days_overdue=max(0, (day - deadline.due_date).days),
            )
        )
    return {
        "rows": out,
        "total": counts["total"],
        "overdue": counts["overdue"],
        "units": unit_rates(agency, today=day),
        "today": day,
    }


def unit_rates(agency, *, today: datetime.date) -> list[UnitRate]:
    """Return each unit's open, overdue and completed deadlines and its on-time rate."""
    rows = (
        Deadline.objects.filter(agency=agency, unit__isnull=False)
        .exclude(status=Status.CANCELLED)
        .values("unit_id", "unit__name")
        .annotate(
            open=Count("id", filter=Q(status=Status.OPEN)),
            overdue=Count("id", filter=Q(status=Status.OPEN, due_date__lt=today)),
            completed=Count("id", filter=Q(status=Status.MET)),
            on_time=Count("id", filter=Q(status=Status.MET, completed_late=False)),
        )
        .order_by("unit__name", "unit_id")
    )
    return [
        UnitRate(
            r["unit_id"], r["unit__name"], r["open"], r["overdue"], r["completed"], r["on_time"]
        )
        for r in rows
    ]
