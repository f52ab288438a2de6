"""`/api/v1/topics/`, `/units/`, `/people/`, `/plans/` and `/delegations/`: who and what an
agency's dialogue is made of, and the yearly plan and delegations as operations."""

import datetime

from django.db.models import Q
from ninja import Field, Query, Router

from doithoai.conferences import actions as conf
from doithoai.conferences.models import Conference, DialoguePlan
from doithoai.organizations import actions as org
from doithoai.organizations.access import memberships
from doithoai.organizations.models import (
    AGENCY_WIDE_ROLES,
    Delegation,
    DelegationKind,
    Membership,
    Unit,
)
from doithoai.petitions.models import Topic

from . import schemas as s
from .common import PageQuery, in_agency, member_user, paginate, visible_or_404
from .errors import ERRORS
from .idempotency import idempotent
from .petitions import _agency_for
from .serialize import dump, person, ref

router = Router()


def _agencies(user) -> list[int]:
    return list(memberships(user))


class TopicOut(s.Schema):
    id: int
    code: str
    name: str
    group: str
    confidential_by_default: bool


@router.get("/topics/", response={200: list[TopicOut], **ERRORS}, tags=["directory"])
def list_topics(request):
    """List the petition topics of the caller's agencies."""
    rows = Topic.objects.filter(agency_id__in=_agencies(request.auth)).order_by(
        "agency_id", "position", "id"
    )
    return [
        {
            "id": t.pk,
            "code": t.code,
            "name": t.name,
            "group": t.group,
            "confidential_by_default": t.confidential_by_default,
        }
        for t in rows
    ]


class UnitOut(s.Ref):
    parent_id: int | None
    is_active: bool


@router.get("/units/", response={200: list[UnitOut], **ERRORS}, tags=["directory"])
def list_units(request):
    """List the units of the caller's agencies."""
    rows = Unit.objects.filter(agency_id__in=_agencies(request.auth)).order_by("agency_id", "id")
    return [{**ref(u), "parent_id": u.parent_id, "is_active": u.is_active} for u in rows]


class PersonOut(s.PersonRef):
    unit: s.Ref | None
    position_title: str
    roles: list[str] | None = Field(
        None, description="Shown to the agency-wide roles only; absent otherwise."
    )


class PeopleQuery(PageQuery):
    unit: s.Id | None = None
    q: str | None = Field(None, max_length=100)


@router.get("/people/", response={200: s.Page[PersonOut], **ERRORS}, tags=["directory"])
def list_people(request, filters: Query[PeopleQuery]):
    """List the active members of the caller's agencies (roles for agency-wide roles only)."""
    mine = memberships(request.auth)
    rows = (
        Membership.objects.filter(agency_id__in=list(mine), is_active=True)
        .select_related("user", "unit")
        .prefetch_related("roles")
        .order_by("id")
    )
    if filters.unit is not None:
        rows = rows.filter(unit_id=filters.unit)
    if filters.q:
        words = filters.q.strip()
        rows = rows.filter(
            Q(user__username__icontains=words)
            | Q(user__first_name__icontains=words)
            | Q(user__last_name__icontains=words)
        )
    page, meta = paginate(rows, filters.page, filters.page_size, filters.cursor)
    results = []
    for m in page:
        row = {**person(m.user), "unit": ref(m.unit), "position_title": m.position_title}
        if mine[m.agency_id].role_set & AGENCY_WIDE_ROLES:
            row["roles"] = sorted(m.role_set)
        results.append(row)
    return {**meta, "results": results}


class PlanOut(s.Schema):
    id: int
    year: int
    number: int | None
    symbol: str
    issued_on: datetime.date | None
    signer: s.PersonRef | None
    signer_authority: str
    recipients: str
    conference_ids: list[int]
    documents: dict[str, str] = Field(description="Download links by format (docx, pdf).")


def _plan_out(plan) -> dict:
    from django.urls import reverse

    links = {}
    if plan.is_issued:
        for fmt in ("docx", "pdf"):
            links[fmt] = reverse(
                "documents:download", kwargs={"kind": "ke-hoach", "pk": plan.pk, "fmt": fmt}
            )
    return {
        "id": plan.pk,
        "year": plan.year,
        "number": plan.number,
        "symbol": plan.symbol,
        "issued_on": plan.issued_on,
        "signer": person(plan.signer) if plan.signer_id else None,
        "signer_authority": plan.signer_authority,
        "recipients": plan.recipients,
        "conference_ids": sorted(c.pk for c in plan.conferences.all()),
        "documents": links,
    }


def _plans(request):
    return (
        DialoguePlan.objects.filter(agency_id__in=_agencies(request.auth))
        .select_related("signer")
        .prefetch_related("conferences")
    )


@router.get("/plans/", response={200: list[PlanOut], **ERRORS}, tags=["plans"])
def list_plans(request):
    """List the yearly dialogue plans of the caller's agencies, latest year first."""
    return [_plan_out(p) for p in _plans(request).order_by("-year", "-id")]


@router.get("/plans/{plan_id}", response={200: PlanOut, **ERRORS}, tags=["plans"])
def get_plan(request, plan_id: s.PathId):
    """Read one yearly plan with its conferences and document links."""
    return _plan_out(visible_or_404(_plans(request), plan_id))


class PlanIn(s.In):
    year: int = Field(..., ge=1990, le=2100)
    signer_id: s.Id | None = None
    signer_authority: str = Field("", pattern="^(|KT\\.|TM\\.|TL\\.|TUQ\\.|Q\\.)$")
    recipients: str | None = Field(None, max_length=2000)
    agency_id: s.Id | None = Field(None, description="Defaults to the caller's own agency.")


@router.post("/plans/", response={201: PlanOut, **ERRORS}, tags=["plans"])
@idempotent
def create_plan(request, payload: PlanIn):
    """Start the year's dialogue plan (the head or the secretariat)."""
    agency = _agency_for(request, payload.agency_id)
    plan = conf.create_plan(
        agency=agency,
        year=payload.year,
        signer=member_user(payload.signer_id, agency, "signer_id"),
        signer_authority=payload.signer_authority,
        recipients=payload.recipients,
        by=request.auth,
    )
    return 201, dump(PlanOut, _plan_out(_plans(request).get(pk=plan.pk)))


class PlanIssueIn(s.In):
    issued_on: datetime.date
    number: int | None = Field(None, ge=1, le=999999)


@router.post("/plans/{plan_id}/issue", response={200: PlanOut, **ERRORS}, tags=["plans"])
@idempotent
def issue_plan(request, plan_id: s.PathId, payload: PlanIssueIn):
    """Give the plan its number and date of issue; the two report deadlines start."""
    plan = visible_or_404(_plans(request), plan_id)
    conf.issue_plan(plan=plan, issued_on=payload.issued_on, number=payload.number, by=request.auth)
    return 200, dump(PlanOut, _plan_out(_plans(request).get(pk=plan.pk)))


class DelegationOut(s.Schema):
    id: int
    kind: str
    grantor: s.PersonRef
    grantee: s.PersonRef
    conference_id: int | None
    reason: str
    valid_from: datetime.date
    valid_until: datetime.date | None
    revoked_at: datetime.datetime | None
    informed_at: datetime.datetime | None = None


def _delegation_out(d) -> dict:
    return {
        "id": d.pk,
        "kind": d.kind,
        "grantor": person(d.grantor),
        "grantee": person(d.grantee),
        "conference_id": d.conference_id,
        "reason": d.reason,
        "valid_from": d.valid_from,
        "valid_until": d.valid_until,
        "revoked_at": d.revoked_at,
        "informed_at": d.informed_at,
    }


def _delegations(request):
    """Delegations the caller gave or received, and all of them for agency-wide roles."""
    user = request.auth
    condition = Q(grantor=user) | Q(grantee=user)
    wide = [a for a, m in memberships(user).items() if m.role_set & AGENCY_WIDE_ROLES]
    condition |= Q(agency_id__in=wide)
    return Delegation.objects.filter(condition, agency_id__in=_agencies(user)).select_related(
        "grantor", "grantee"
    )


@router.get("/delegations/", response={200: list[DelegationOut], **ERRORS}, tags=["delegations"])
def list_delegations(request):
    """List the delegations the caller gave or received (agency-wide roles: all)."""
    return [_delegation_out(d) for d in _delegations(request).order_by("-id")[:500]]


class RepresentativeIn(s.In):
    grantee_id: s.Id
    valid_from: datetime.date | None = None
    valid_until: datetime.date | None = None
    conference_id: s.Id | None = None
    reason: str = Field("", max_length=5000)
    agency_id: s.Id | None = Field(None, description="Defaults to the caller's own agency.")


DELEGATION = {200: DelegationOut, **ERRORS}


@router.post(
    "/delegations/representatives", response={201: DelegationOut, **ERRORS}, tags=["delegations"]
)
@idempotent
def authorize_representative(request, payload: RepresentativeIn):
    """Authorize a unit representative to raise one's petitions (a staff member)."""
    agency = _agency_for(request, payload.agency_id)
    delegation = org.authorize_representative(
        agency=agency,
        grantee=member_user(payload.grantee_id, agency, "grantee_id"),
        valid_from=payload.valid_from,
        valid_until=payload.valid_until,
        conference=in_agency(
            Conference,
            payload.conference_id,
            agency,
            "conference_id",
            queryset=Conference.objects.visible_to(request.auth),
        ),
        reason=payload.reason,
        by=request.auth,
    )
    return 201, dump(DelegationOut, _delegation_out(_delegations(request).get(pk=delegation.pk)))


class RevokeIn(s.In):
    reason: str = Field(..., max_length=5000)


@router.post("/delegations/{delegation_id}/revoke", response=DELEGATION, tags=["delegations"])
@idempotent
def revoke_delegation(request, delegation_id: s.PathId, payload: RevokeIn):
    """Revoke a delegation one gave; a chair delegation hands the chair back to the head."""
    delegation = visible_or_404(_delegations(request), delegation_id)
    if delegation.kind == DelegationKind.CHAIR:
        conf.revoke_chair_delegation(delegation=delegation, reason=payload.reason, by=request.auth)
    else:
        org.revoke_delegation(delegation=delegation, reason=payload.reason, by=request.auth)
    return 200, dump(DelegationOut, _delegation_out(_delegations(request).get(pk=delegation.pk)))


@router.post("/delegations/{delegation_id}/informed", response=DELEGATION, tags=["delegations"])
@idempotent
def confirm_informed(request, delegation_id: s.PathId):
    """Record that the representative informed the staff of what was raised and answered."""
    delegation = visible_or_404(_delegations(request), delegation_id)
    org.confirm_representative_informed(delegation=delegation, by=request.auth)
    return 200, dump(DelegationOut, _delegation_out(_delegations(request).get(pk=delegation.pk)))
