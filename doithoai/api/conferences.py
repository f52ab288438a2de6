"""`/api/v1/conferences/`: list, schedule, read with the agenda, and the conference's actions."""

from ninja import Field, Query, Router

from doithoai.conferences import actions
from doithoai.conferences.models import Conference, DialoguePlan
from doithoai.petitions.models import Petition

from . import schemas as s
from .common import PageQuery, in_agency, member_user, paginate, visible_or_404
from .errors import ERRORS
from .idempotency import idempotent
from .petitions import _agency_for
from .serialize import conference_detail, conference_out, dump, notice_out

router = Router(tags=["conferences"])


class ConferenceQuery(PageQuery):
    status: str | None = None
    year: int | None = Field(None, ge=1900, le=9999)


def _visible(request):
    return Conference.objects.visible_to(request.auth).select_related("chair")


def _conference(request, pk: int) -> Conference:
    return visible_or_404(_visible(request), pk)


def _detail(request, pk: int) -> dict:
    conference = _visible(request).get(pk=pk)
    return dump(s.ConferenceDetail, conference_detail(conference, request.auth))


@router.get("/", response={200: s.Page[s.ConferenceOut], **ERRORS})
def list_conferences(request, filters: Query[ConferenceQuery]):
    """List the conferences of the caller's agencies, latest first."""
    rows = _visible(request)
    if filters.status:
        rows = rows.filter(status=filters.status)
    if filters.year:
        rows = rows.filter(starts_at__year=filters.year)
    page, meta = paginate(rows, filters.page, filters.page_size, filters.cursor)
    return {**meta, "results": [conference_out(c) for c in page]}


class ConferenceCreateIn(s.ConferenceIn):
    agency_id: s.Id | None = Field(None, description="Defaults to the caller's own agency.")


@router.post("/", response={201: s.ConferenceDetail, **ERRORS})
@idempotent
def create_conference(request, payload: ConferenceCreateIn):
    """Schedule a conference (the head or the secretariat)."""
    agency = _agency_for(request, payload.agency_id)
    conference = actions.plan_conference(
        agency=agency,
        kind=payload.kind,
        title=payload.title,
        starts_at=payload.starts_at,
        place=payload.place,
        plan=in_agency(DialoguePlan, payload.plan_id, agency, "plan_id"),
        combined_with=payload.combined_with,
        chair=member_user(payload.chair_id, agency, "chair_id"),
        by=request.auth,
    )
    return 201, _detail(request, conference.pk)


@router.get("/{conference_id}", response={200: s.ConferenceDetail, **ERRORS})
def get_conference(request, conference_id: s.PathId):
    """Read a conference with its agenda and conclusion notice."""
    return conference_detail(_conference(request, conference_id), request.auth)


DETAIL = {200: s.ConferenceDetail, **ERRORS}


@router.post("/{conference_id}/compilation", response=DETAIL)
@idempotent
def send_compilation(request, conference_id: s.PathId):
    """Send the compiled list of petitions to the chair (secretariat)."""
    conference = _conference(request, conference_id)
    actions.send_compilation(conference=conference, by=request.auth)
    return 200, _detail(request, conference.pk)


@router.post("/{conference_id}/open", response=DETAIL)
@idempotent
def open_conference(request, conference_id: s.PathId, payload: s.OpenIn):
    """Open the conference (its chair)."""
    conference = _conference(request, conference_id)
    actions.open_conference(conference=conference, attendance=payload.attendance, by=request.auth)
    return 200, _detail(request, conference.pk)


@router.post("/{conference_id}/close", response=DETAIL)
@idempotent
def close_conference(request, conference_id: s.PathId, payload: s.CloseIn):
    """Close the conference with the chair's conclusion (its chair)."""
    conference = _conference(request, conference_id)
    actions.close_conference(conference=conference, conclusion=payload.conclusion, by=request.auth)
    return 200, _detail(request, conference.pk)


@router.post("/{conference_id}/statements", response={201: s.StatementOut, **ERRORS})
@idempotent
def add_statement(request, conference_id: s.PathId, payload: s.StatementIn):
    """Add an entry to the minutes (the chair or the secretariat)."""
    conference = _conference(request, conference_id)
    petition = in_agency(
        Petition,
        payload.petition_id,
        conference.agency,
        "petition_id",
        queryset=Petition.objects.visible_to(request.auth),
    )
    statement = actions.record_statement(
        conference=conference,
        text=payload.text,
        speaker=member_user(payload.speaker_id, conference.agency, "speaker_id"),
        speaker_name=payload.speaker_name,
        petition=petition,
        by=request.auth,
    )
    return 201, dump(
        s.StatementOut,
        {
            "id": statement.pk,
            "petition_id": statement.petition_id,
            "speaker": statement.speaker_name,
            "text": statement.text,
            "recorded_at": statement.recorded_at,
        },
    )


@router.post("/{conference_id}/notice", response={200: s.NoticeOut, **ERRORS})
@idempotent
def draft_notice(request, conference_id: s.PathId, payload: s.NoticeDraftIn):
    """Draft or redraft the conclusion notice (secretariat)."""
    conference = _conference(request, conference_id)
    notice = actions.draft_notice(conference=conference, text=payload.text, by=request.auth)
    return 200, dump(s.NoticeOut, notice_out(notice))


@router.post("/{conference_id}/notice/issue", response={200: s.NoticeOut, **ERRORS})
@idempotent
def issue_notice(request, conference_id: s.PathId, payload: s.NoticeIssueIn):
    """Issue the conclusion notice (the chair or the head); the units' clocks start."""
    conference = _conference(request, conference_id)
    notice = actions.issue_notice(
        conference=conference,
        issued_on=payload.issued_on,
        signer_authority=payload.signer_authority,
        by=request.auth,
    )
    return 200, dump(s.NoticeOut, notice_out(notice))
