"""`/api/v1/petitions/`: list, submit, read, and one POST per action on a petition."""

from django.core.cache import cache
from django.http import HttpResponse
from django.utils.translation import gettext as _
from ninja import Field, File, Form, Query, Router, UploadedFile

from doithoai.conferences.models import Conference
from doithoai.core.errors import ValidationFailed
from doithoai.followups import actions as followups
from doithoai.organizations.access import membership, primary_membership
from doithoai.organizations.models import Agency, Delegation, Unit
from doithoai.organizations.pagecache import data_key, remember
from doithoai.petitions import actions
from doithoai.petitions.filters import PetitionFilter
from doithoai.petitions.models import Petition, Privacy, Topic

from . import schemas as s
from .common import (
    PageQuery,
    check_if_match,
    etag_of,
    in_agency,
    member_user,
    paginate,
    visible_or_404,
)
from .errors import ERRORS
from .idempotency import idempotent
from .serialize import dump, petition_detail, petition_out, petitions_for_detail, petitions_for_list

router = Router(tags=["petitions"])
JSON_TYPE = "application/json; charset=utf-8"  # django-ninja's JSON renderer's


class PetitionQuery(PageQuery):
    """The petition filters (the FilterSet shared with the pages) and paging."""

    q: str | None = Field(None, max_length=200, description="Words, diacritics ignored, or a code.")
    status: list[str] = Field(default_factory=list, description="One or more statuses.")
    group: str | None = None
    topic: s.Id | None = None
    unit: s.Id | None = None
    conference: s.Id | None = None
    channel: str | None = None
    privacy: str | None = None
    year: int | None = Field(None, ge=1900, le=9999)
    overdue: bool | None = None


def _visible(request):
    return Petition.objects.visible_to(request.auth)


def _petition(request, pk: int) -> Petition:
    petition = visible_or_404(_visible(request), pk)
    check_if_match(request, petition)
    return petition


def _detail(request, pk: int, schema=s.PetitionDetail, **extra) -> dict:
    petition = petitions_for_detail(Petition.objects.filter(pk=pk)).get()
    return dump(schema, {**petition_detail(petition, request.auth), **extra})


def _filter(request, queryset):
    filterset = PetitionFilter(data=request.GET, queryset=queryset)
    if not filterset.is_valid():
        field, errors = next(iter(filterset.errors.items()))
        raise ValidationFailed(errors[0], field=field)
    return filterset.qs


@router.get("/", response={200: s.Page[s.PetitionOut], **ERRORS})
def list_petitions(request, filters: Query[PetitionQuery]):
    """List the petitions the caller may see, newest first, with the pages' filters.

    The answer is kept in the cache for the caller until their agency changes
    (`organizations.pagecache`), as the pages are: a client polling the list between two
    writes is answered without a query.
    """
    key = data_key(request, "api.petitions.list", request.auth)
    stored = cache.get(key) if key else None
    if stored is not None:
        return HttpResponse(stored, content_type=JSON_TYPE)
    rows, meta = paginate(
        petitions_for_list(_filter(request, _visible(request))),
        filters.page,
        filters.page_size,
        filters.cursor,
    )
    data = {**meta, "results": [petition_out(p, request.auth) for p in rows]}
    if key is None:
        return data
    # The same validation and rendering as django-ninja's, kept as bytes.
    page = s.Page[s.PetitionOut].model_validate(data, context={"request": request})
    from .v1 import api  # noqa: PLC0415 (the API object is built from this module's router)

    response = api.create_response(request, page.model_dump(), status=200)
    remember(key, response.content)
    return response


def _agency_for(request, agency_id: int | None) -> Agency:
    if agency_id is None:
        member = primary_membership(request.auth)
    else:
        member = membership(request.auth, agency_id)
    if member is None:
        raise ValidationFailed(_("Bạn không thuộc cơ quan này."), field="agency_id")
    return member.agency


def _submit(request, payload: s.PetitionIn, files=()) -> tuple[int, dict]:
    agency = _agency_for(request, payload.agency_id)
    topic = in_agency(Topic, payload.topic_id, agency, "topic_id")
    delegation = in_agency(Delegation, payload.delegation_id, agency, "delegation_id")
    petition = actions.submit_petition(
        agency=agency,
        title=payload.title,
        content=payload.content,
        by=request.auth,
        topic=topic,
        privacy=payload.privacy,
        as_unit=payload.as_unit,
        delegation=delegation,
        attachments=files,
    )
    if petition.privacy == Privacy.ANONYMOUS:
        # Storing who sent it, even as an idempotency record, would undo the anonymity.
        request.idempotency_skip = True
    receipt = getattr(petition, "receipt_code", None)
    return 201, _detail(request, petition.pk, s.PetitionCreated, receipt_code=receipt)


@router.post("/", response={201: s.PetitionCreated, **ERRORS})
@idempotent
def create_petition(request, payload: s.PetitionIn):
    """Submit a petition; an anonymous one returns its receipt code this once.

    `Idempotency-Key` is honoured, except for anonymous petitions, for which nothing linking
    the caller to the petition is stored.
    """
    return _submit(request, payload)


@router.post("/with-attachments", response={201: s.PetitionCreated, **ERRORS})
@idempotent
def create_petition_with_attachments(
    request, payload: Form[s.PetitionIn], attachments: File[list[UploadedFile]] = None
):
    """Submit a petition with files (multipart); an oversize file is refused with 413."""
    return _submit(request, payload, attachments or ())


@router.get("/{petition_id}", response={200: s.PetitionDetail, **ERRORS})
def get_petition(request, petition_id: s.PathId, response: HttpResponse):
    """Read one petition; the `ETag` may be sent back as `If-Match` on an action."""
    petition = visible_or_404(petitions_for_detail(_visible(request)), petition_id)
    response["ETag"] = etag_of(petition)
    return petition_detail(petition, request.auth)


DETAIL = {200: s.PetitionDetail, **ERRORS}


@router.post("/{petition_id}/receive", response=DETAIL)
@idempotent
def receive(request, petition_id: s.PathId, payload: s.ReceiveIn):
    """Record and classify a submitted petition (secretariat)."""
    petition = _petition(request, petition_id)
    actions.receive_petition(
        petition=petition,
        topic=in_agency(Topic, payload.topic_id, petition.agency, "topic_id"),
        concerned_unit=in_agency(
            Unit, payload.concerned_unit_id, petition.agency, "concerned_unit_id"
        ),
        privacy=payload.privacy,
        by=request.auth,
    )
    return 200, _detail(request, petition.pk)


@router.post("/{petition_id}/merge", response=DETAIL)
@idempotent
def merge(request, petition_id: s.PathId, payload: s.MergeIn):
    """Merge duplicates into this petition (secretariat)."""
    lead = _petition(request, petition_id)
    ids = set(payload.duplicate_ids)
    duplicates = list(_visible(request).filter(pk__in=ids))
    if len(duplicates) != len(ids):
        raise ValidationFailed(_("Không tìm thấy kiến nghị cần gộp."), field="duplicate_ids")
    actions.merge_petitions(
        lead=lead, duplicates=duplicates, reason=payload.reason, by=request.auth
    )
    return 200, _detail(request, lead.pk)


@router.post("/{petition_id}/schedule", response=DETAIL)
@idempotent
def schedule(request, petition_id: s.PathId, payload: s.ScheduleIn):
    """Put the petition on a conference's agenda (secretariat)."""
    petition = _petition(request, petition_id)
    conference = in_agency(
        Conference,
        payload.conference_id,
        petition.agency,
        "conference_id",
        queryset=Conference.objects.visible_to(request.auth),
    )
    actions.schedule_petitions(conference=conference, petitions=[petition], by=request.auth)
    return 200, _detail(request, petition.pk)


@router.post("/{petition_id}/answer", response=DETAIL)
@idempotent
def answer(request, petition_id: s.PathId, payload: s.AnswerIn):
    """Answer the petition: at its conference (the chair) or in writing (the head)."""
    petition = _petition(request, petition_id)
    followups.answer_petition(
        petition=petition,
        text=payload.text,
        answerer=member_user(payload.answerer_id, petition.agency, "answerer_id"),
        by=request.auth,
    )
    return 200, _detail(request, petition.pk)


@router.post("/{petition_id}/commit", response=DETAIL)
@idempotent
def commit(request, petition_id: s.PathId, payload: s.CommitIn):
    """Commit a time and form of answer at the conference (the chair)."""
    petition = _petition(request, petition_id)
    followups.commit_answer(
        petition=petition,
        promised_on=payload.promised_on,
        form=payload.form,
        note=payload.note,
        by=request.auth,
    )
    return 200, _detail(request, petition.pk)


@router.post("/{petition_id}/assign", response=DETAIL)
@idempotent
def assign(request, petition_id: s.PathId, payload: s.AssignIn):
    """Hand the petition to a unit to resolve (the chair or the head)."""
    petition = _petition(request, petition_id)
    followups.assign_petition(
        petition=petition,
        unit=in_agency(Unit, payload.unit_id, petition.agency, "unit_id"),
        instructions=payload.instructions,
        needs_verification=payload.needs_verification,
        verification_reason=payload.verification_reason,
        by=request.auth,
    )
    return 200, _detail(request, petition.pk)


@router.post("/{petition_id}/withdraw", response=DETAIL)
@idempotent
def withdraw(request, petition_id: s.PathId, payload: s.ReasonIn):
    """Withdraw one's own petition before it is heard."""
    petition = _petition(request, petition_id)
    actions.withdraw_petition(petition=petition, reason=payload.reason, by=request.auth)
    return 200, _detail(request, petition.pk)


@router.post("/{petition_id}/reject", response=DETAIL)
@idempotent
def reject(request, petition_id: s.PathId, payload: s.ReasonIn):
    """Refuse a petition outside the agency's competence, with the reason (secretariat)."""
    petition = _petition(request, petition_id)
    actions.reject_petition(petition=petition, reason=payload.reason, by=request.auth)
    return 200, _detail(request, petition.pk)


@router.post("/{petition_id}/transfer", response=DETAIL)
@idempotent
def transfer(request, petition_id: s.PathId, payload: s.TransferIn):
    """Transfer a petition to the competent body, with the reason (secretariat)."""
    petition = _petition(request, petition_id)
    actions.transfer_petition(
        petition=petition, to=payload.to, reason=payload.reason, by=request.auth
    )
    return 200, _detail(request, petition.pk)
