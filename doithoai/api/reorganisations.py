"""`/api/v1/reorganisations/`: rename, move or merge an agency (an installation administrator),
with a preview of what would move; the same actions as the page and `doithoai reorganise`."""

import datetime
from typing import Literal

from ninja import Field, Router

from doithoai.organizations import reorganise as reorg

from . import schemas as s
from .errors import ERRORS
from .idempotency import idempotent

router = Router()


class ReorganisationIn(s.In):
    kind: Literal["rename", "move", "merge"]
    agency_code: str = Field(..., min_length=1, max_length=20)
    target_code: str = Field(
        "",
        max_length=20,
        description="merge: the successor's code; move: the new parent's code (empty: none).",
    )
    effective_on: datetime.date
    legal_basis: str = Field(..., min_length=1, max_length=200)
    legal_basis_date: datetime.date | None = None
    name: str = Field("", max_length=200, description="rename: the new name")
    short_name: str = Field("", max_length=100)
    parent_body_name: str = Field("", max_length=200)
    locality: str = Field("", max_length=100)
    report_recipient: str = Field("", max_length=200)


class PreviewOut(s.Schema):
    kind: str
    agency_code: str
    carried: dict[str, int] = Field(
        description="What would move: for a merge units, memberships, delegations, "
        "petitions, conferences, assignments, deadlines; for a move agencies_below."
    )


class ReorganisationOut(s.Schema):
    id: int
    kind: str
    agency_code: str
    effective_on: datetime.date
    legal_basis: str
    carried: dict[str, int]


def _arguments(request, payload: ReorganisationIn) -> dict:
    return {
        "kind": payload.kind,
        "agency": reorg.agency_by_code(payload.agency_code, "agency_code"),
        "target": reorg.agency_by_code(payload.target_code, "target_code"),
        "by": request.auth,
        "effective_on": payload.effective_on,
        "legal_basis": payload.legal_basis,
        "legal_basis_date": payload.legal_basis_date,
        "name": payload.name,
        "short_name": payload.short_name,
        "parent_body_name": payload.parent_body_name,
        "locality": payload.locality,
        "report_recipient": payload.report_recipient,
    }


def _refuse_unless_installer(request) -> None:
    if not reorg.can_reorganise(request.auth):
        from doithoai.core.errors import PermissionRefused

        raise PermissionRefused()


@router.post(
    "/reorganisations/preview", response={200: PreviewOut, **ERRORS}, tags=["reorganisation"]
)
def reorganisation_preview(request, payload: ReorganisationIn):
    """Show what a rename, move or merge would move, changing nothing (a superuser)."""
    _refuse_unless_installer(request)
    carried = reorg.preview(**_arguments(request, payload))
    return 200, {
        "kind": payload.kind,
        "agency_code": payload.agency_code.upper(),
        "carried": carried,
    }


@router.post(
    "/reorganisations", response={200: ReorganisationOut, **ERRORS}, tags=["reorganisation"]
)
@idempotent
def reorganisation_record(request, payload: ReorganisationIn):
    """Record a rename, a move or a merge with its effective date and legal basis (a superuser)."""
    _refuse_unless_installer(request)
    args = _arguments(request, payload)
    result = reorg.reorganise(**args)
    event = (
        result
        if payload.kind != "rename"
        else args["agency"].reorganisations.order_by("-pk").first()
    )
    carried = {k: v for k, v in (event.carried or {}).items() if isinstance(v, int)}
    return 200, {
        "id": event.pk,
        "kind": event.kind,
        "agency_code": args["agency"].code,
        "effective_on": event.effective_on,
        "legal_basis": event.legal_basis,
        "carried": carried,
    }
