"""`/api/v1/conferences/{id}/minutes/addenda`: the corrections (đính chính) recorded after the
frozen minutes, read by whoever may read the minutes and added through `correct_minutes`."""

import rules
from ninja import Field, Router

from doithoai.conferences import actions as conf
from doithoai.conferences.models import Conference
from doithoai.core.errors import PermissionRefused

from . import schemas as s
from .common import visible_or_404
from .errors import ERRORS, not_found
from .idempotency import idempotent
from .records import AddendumOut

router = Router(tags=["conferences"])


class AddendumIn(s.In):
    text: str = Field(..., max_length=20000)
    reason: str = Field(..., max_length=5000)


def _addendum_out(a) -> dict:
    return {"number": a.number, "text": a.text, "reason": a.reason, "recorded_at": a.recorded_at}


def _conference(request, pk):
    return visible_or_404(Conference.objects.visible_to(request.auth), pk)


@router.get(
    "/conferences/{conference_id}/minutes/addenda",
    response={200: list[AddendumOut], **ERRORS},
)
def list_addenda(request, conference_id: s.PathId):
    """List the corrections recorded after the minutes, in order (once the conference is held;
    for the leaders, the secretariat, the chair and the inspection board)."""
    conference = _conference(request, conference_id)
    if conference.closed_at is None:
        raise not_found("conference_id")
    if not rules.has_perm("conferences.view_minutes", request.auth, conference):
        raise PermissionRefused()
    return [_addendum_out(a) for a in conference.addenda.order_by("number")]


@router.post(
    "/conferences/{conference_id}/minutes/addenda",
    response={201: AddendumOut, **ERRORS},
)
@idempotent
def add_addendum(request, conference_id: s.PathId, payload: AddendumIn):
    """Record a correction after the frozen minutes (the secretariat or the chair), with its
    reason; the minutes themselves never change."""
    conference = _conference(request, conference_id)
    addendum = conf.correct_minutes(
        conference=conference, text=payload.text, reason=payload.reason, by=request.auth
    )
    return 201, _addendum_out(addendum)
