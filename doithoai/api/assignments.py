"""`/api/v1/assignments/`: what units must resolve, and their resolution reports."""

import datetime

from django.db.models import Q
from ninja import Query, Router

from doithoai.core.actionkit import today
from doithoai.followups import actions
from doithoai.followups.models import Assignment, AssignmentStatus
from doithoai.petitions.models import Petition

from . import schemas as s
from .common import PageQuery, nulls_last_key, paginate, visible_or_404
from .errors import ERRORS
from .idempotency import idempotent
from .serialize import assignment_out, dump

router = Router(tags=["assignments"])

PENDING = [AssignmentStatus.ASSIGNED, AssignmentStatus.RETURNED]


class AssignmentQuery(PageQuery):
    unit: s.Id | None = None
    status: str | None = None
    overdue: bool | None = None


def _visible(request):
    return Assignment.objects.visible_to(request.auth).select_related(
        "unit",
        "petition__topic",
        "petition__submitter",
        "petition__submitter_unit",
        "petition__concerned_unit",
    )


def _serialize(request, rows) -> list[dict]:
    ids = {a.petition_id for a in rows}
    visible = set(
        Petition.objects.visible_to(request.auth).filter(pk__in=ids).values_list("pk", flat=True)
    )
    day = today()
    return [assignment_out(a, request.auth, day, visible) for a in rows]


@router.get("/", response={200: s.Page[s.AssignmentOut], **ERRORS})
def list_assignments(request, filters: Query[AssignmentQuery]):
    """List the assignments the caller may see, soonest due first; filter by unit, overdue."""
    rows = _visible(request)
    if filters.unit is not None:
        rows = rows.filter(unit_id=filters.unit)
    if filters.status:
        rows = rows.filter(status=filters.status)
    if filters.overdue is not None:
        late = Q(status__in=PENDING, due_date__lt=today())
        rows = rows.filter(late) if filters.overdue else rows.exclude(late)
    # Assignments whose clock has not started have no due date: they come last.
    rows = rows.annotate(due_key=nulls_last_key("due_date", datetime.date.max))
    page, meta = paginate(
        rows.order_by("due_key", "id"), filters.page, filters.page_size, filters.cursor
    )
    return {**meta, "results": _serialize(request, page)}


@router.post("/{assignment_id}/report", response={200: s.AssignmentOut, **ERRORS})
@idempotent
def report(request, assignment_id: s.PathId, payload: s.ReportIn):
    """Report the unit's resolution (the leader of the assigned unit)."""
    assignment = visible_or_404(_visible(request), assignment_id)
    actions.report_resolution(assignment=assignment, text=payload.text, by=request.auth)
    fresh = _visible(request).get(pk=assignment.pk)
    return 200, dump(s.AssignmentOut, _serialize(request, [fresh])[0])
