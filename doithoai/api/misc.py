"""`/api/v1/deadlines/`, `/workdays/`, `/reports/summary` and `/audit/verify`."""

import datetime

from django.db.models import Q
from django.utils.translation import gettext as _
from ninja import Field, Query, Router

from doithoai.core.actionkit import today
from doithoai.core.errors import PermissionRefused, ValidationFailed
from doithoai.organizations.access import memberships
from doithoai.organizations.models import AGENCY_WIDE_ROLES, Role

from . import schemas as s
from .common import PageQuery, paginate
from .errors import ERRORS
from .serialize import ref

router = Router()


class DeadlineQuery(PageQuery):
    status: list[str] = Field(
        default_factory=lambda: ["open"],
        description="open (default), met, cancelled; repeat to combine.",
    )
    overdue: bool | None = None
    kind: str | None = Field(None, max_length=40)
    unit: s.Id | None = None


def _statuses(filters) -> list[str]:
    from doithoai.deadlines.models import Status

    wrong = [v for v in filters.status if v not in Status.values]
    if wrong:
        raise ValidationFailed(_("Trạng thái không hợp lệ."), field="status")
    return filters.status or [Status.OPEN]


@router.get("/deadlines/", response={200: s.Page[s.DeadlineOut], **ERRORS}, tags=["deadlines"])
def list_deadlines(request, filters: Query[DeadlineQuery]):
    """List the steps with their due dates (open ones by default; met and cancelled on request)."""
    from doithoai.deadlines.models import Deadline

    day = today()
    rows = (
        Deadline.objects.visible_to(request.auth)
        .filter(status__in=_statuses(filters))
        .select_related("unit")
        .order_by("due_date", "id")
    )
    if filters.overdue is not None:
        late = Q(status="open", due_date__lt=day)
        rows = rows.filter(late) if filters.overdue else rows.exclude(late)
    if filters.kind:
        rows = rows.filter(kind=filters.kind)
    if filters.unit is not None:
        rows = rows.filter(unit_id=filters.unit)
    page, meta = paginate(rows, filters.page, filters.page_size, filters.cursor)
    results = [
        {
            "id": d.pk,
            "kind": d.kind,
            "status": d.status,
            "start_date": getattr(d, "start_date", None),
            "due_date": d.due_date,
            "overdue": d.status == "open" and d.due_date < day,
            "days_overdue": max(0, (day - d.due_date).days) if d.status == "open" else 0,
            "completed_on": d.completed_on,
            "completed_late": d.completed_late,
            "rule": d.rule,
            "petition_id": d.petition_id,
            "conference_id": d.conference_id,
            "unit": ref(d.unit),
        }
        for d in page
    ]
    return {**meta, "results": results}


MAX_DAYS = 3650
# The years the working-day calendar covers.
DATE_MIN = datetime.date(1990, 1, 1)
DATE_MAX = datetime.date(2100, 12, 31)


def _check_date(value: datetime.date, field: str) -> datetime.date:
    if not DATE_MIN <= value <= DATE_MAX:
        raise ValidationFailed(_("Ngày nằm ngoài phạm vi lịch hỗ trợ."), field=field)
    return value


class AddQuery(s.CleanText):
    start: datetime.date
    days: int = Field(..., ge=-MAX_DAYS, le=MAX_DAYS)


class BetweenQuery(s.CleanText):
    start: datetime.date
    end: datetime.date


@router.get("/workdays/add", response={200: s.WorkdayAddOut, **ERRORS}, tags=["workdays"])
def workdays_add(request, query: Query[AddQuery]):
    """Return the date `days` working days after `start` (before it when negative)."""
    from doithoai.workdays.calendar import get_calendar

    start = _check_date(query.start, "start")
    try:
        result = get_calendar().add_working_days(start, query.days)
    except ValueError as exc:  # the calendar does not cover the result
        raise ValidationFailed(str(exc), field="days") from exc
    return {"start": start, "days": query.days, "date": result}


@router.get("/workdays/between", response={200: s.WorkdayBetweenOut, **ERRORS}, tags=["workdays"])
def workdays_between(request, query: Query[BetweenQuery]):
    """Count the working days after `start` up to and including `end`."""
    from doithoai.workdays.calendar import get_calendar

    start, end = _check_date(query.start, "start"), _check_date(query.end, "end")
    if (end - start).days > MAX_DAYS * 2:
        raise ValidationFailed(_("Khoảng thời gian quá dài."), field="end")
    try:
        return {"working_days": get_calendar().working_days_between(start, end)}
    except ValueError as exc:  # outside the calendar's years
        raise ValidationFailed(str(exc), field="end") from exc


class SummaryQuery(s.CleanText):
    year: int = Field(..., ge=2000, le=2100)
    half: int | None = Field(
        None,
        ge=1,
        le=2,
        description="1: January–June (the semi-annual report); 2: July–December; omitted: the whole year.",
    )
    agency_id: s.Id | None = None


def _reporting_agency(user, agency_id, allowed):
    for member in memberships(user).values():
        if agency_id is not None and member.agency_id != agency_id:
            continue
        if member.role_set & allowed:
            return member.agency
    raise PermissionRefused()


@router.get("/reports/summary", response={200: s.SummaryOut, **ERRORS}, tags=["reports"])
def reports_summary(request, query: Query[SummaryQuery]):
    """Return the numbers of the semi-annual (`half=1`) or annual report."""
    from .summary import summary

    agency = _reporting_agency(request.auth, query.agency_id, AGENCY_WIDE_ROLES)
    return summary(agency, query.year, query.half)


@router.get("/audit/verify", response={200: s.VerifyOut, **ERRORS}, tags=["audit"])
def audit_verify(request):
    """Verify the hash chain of the caller's agency (the inspection board, the head)."""
    from doithoai.audit.log import verify

    agency = _reporting_agency(request.auth, None, {Role.INSPECTOR, Role.HEAD})
    reports = verify(agency)
    chains = [
        {
            "chain": r.chain,
            "events": r.events,
            "ok": r.ok,
            "broken_seq": r.broken_seq,
            "problem": r.problem,
        }
        for r in reports
    ]
    return {"ok": all(r.ok for r in reports), "chains": chains}
