"""`/api/v1/extension-requests/`: the units' requests for the 15-working-day limit and the
head's decision on them, each one call into the action the pages use."""

import datetime

from ninja import Field, Query, Router

from doithoai.followups import actions as fu
from doithoai.followups.models import Assignment, ExtensionRequest

from . import schemas as s
from .common import PageQuery, paginate, visible_or_404
from .errors import ERRORS
from .idempotency import idempotent
from .serialize import dump, person

router = Router(tags=["assignments"])


class ExtensionOut(s.Schema):
    id: int
    assignment_id: int
    status: str = Field(description="pending, approved or refused.")
    status_label: str
    reason: str
    requested_by: s.PersonRef | None
    requested_at: datetime.datetime
    decided_by: s.PersonRef | None
    decided_at: datetime.datetime | None
    decision_reason: str
    due_date: datetime.date | None = Field(
        description="The assignment's due date now, read from its stored deadline."
    )


EXTENSION = {200: ExtensionOut, **ERRORS}


class ExtensionQuery(PageQuery):
    status: str | None = Field(None, pattern="^(pending|approved|refused)$")
    assignment: s.Id | None = None


def _visible(request):
    assignments = Assignment.objects.visible_to(request.auth)
    return ExtensionRequest.objects.filter(assignment__in=assignments).select_related(
        "assignment", "requested_by", "decided_by"
    )


def extension_out(extension: ExtensionRequest) -> dict:
    """Return one request as the API shows it."""
    return {
        "id": extension.pk,
        "assignment_id": extension.assignment_id,
        "status": extension.status,
        "status_label": str(extension.get_status_display()),
        "reason": extension.reason,
        "requested_by": person(extension.requested_by),
        "requested_at": extension.requested_at,
        "decided_by": person(extension.decided_by) if extension.decided_by_id else None,
        "decided_at": extension.decided_at,
        "decision_reason": extension.decision_reason,
        "due_date": extension.assignment.due_date,
    }


def fresh_out(request, pk) -> dict:
    """Return the stored request `pk` as the caller sees it after an action."""
    return dump(ExtensionOut, extension_out(_visible(request).get(pk=pk)))


@router.get("/extension-requests/", response={200: s.Page[ExtensionOut], **ERRORS})
def list_extension_requests(request, filters: Query[ExtensionQuery]):
    """List the 15-day requests on the assignments the caller may see, oldest first."""
    rows = _visible(request)
    if filters.status:
        rows = rows.filter(status=filters.status)
    if filters.assignment is not None:
        rows = rows.filter(assignment_id=filters.assignment)
    rows = rows.order_by("requested_at", "id")
    page, meta = paginate(rows, filters.page, filters.page_size, filters.cursor)
    return {**meta, "results": [extension_out(e) for e in page]}


class ApproveIn(s.In):
    note: str = Field("", max_length=5000)


@router.post("/extension-requests/{extension_id}/approve", response=EXTENSION)
@idempotent
def approve_extension(request, extension_id: s.PathId, payload: ApproveIn):
    """Approve the 15-working-day limit (the head, or the deputy chairing under delegation):
    the assignment's deadline is reopened with it and its due date moves."""
    extension = visible_or_404(_visible(request), extension_id)
    fu.approve_extension(extension=extension, note=payload.note, by=request.auth)
    return 200, fresh_out(request, extension.pk)


class RefuseIn(s.In):
    reason: str = Field(..., max_length=5000)


@router.post("/extension-requests/{extension_id}/refuse", response=EXTENSION)
@idempotent
def refuse_extension(request, extension_id: s.PathId, payload: RefuseIn):
    """Refuse the 15-working-day limit with the reason: the due date stays."""
    extension = visible_or_404(_visible(request), extension_id)
    fu.refuse_extension(extension=extension, reason=payload.reason, by=request.auth)
    return 200, fresh_out(request, extension.pk)
