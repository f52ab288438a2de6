"""The process's remaining operations, each one call into the action the pages use:
paper and floor petitions, unscheduling, support and feedback; cancelling a conference,
delegating its chair, publishing its notice; the 15-day request, decision and urging of
an assignment; publishing an answer; the board's observations; recording a report as sent."""

import datetime

from ninja import Field, Router

from doithoai.conferences import actions as conf
from doithoai.conferences.models import ConclusionNotice, Conference
from doithoai.followups import actions as fu
from doithoai.followups.models import Answer
from doithoai.organizations.access import memberships
from doithoai.organizations.models import AGENCY_WIDE_ROLES, Unit
from doithoai.oversight import actions as oversight
from doithoai.oversight.models import Observation
from doithoai.petitions import actions as pet
from doithoai.petitions.models import Petition, Topic
from doithoai.reports import actions as reports

from . import schemas as s
from .assignments import _serialize as assignments_out
from .assignments import _visible as visible_assignments
from .common import check_if_match, in_agency, member_user, visible_or_404
from .conferences import _conference
from .conferences import _detail as conference_detail
from .directory import DelegationOut, _delegation_out
from .errors import ERRORS
from .extensions import ExtensionOut
from .extensions import fresh_out as extension_out_for
from .idempotency import idempotent
from .petitions import _agency_for
from .petitions import _detail as petition_detail
from .serialize import dump, notice_out, person

router = Router()

PETITION = {200: s.PetitionDetail, **ERRORS}
CONFERENCE = {200: s.ConferenceDetail, **ERRORS}
ASSIGNMENT = {200: s.AssignmentOut, **ERRORS}


def _petition(request, pk):
    petition = visible_or_404(Petition.objects.visible_to(request.auth), pk)
    check_if_match(request, petition)
    return petition


class RecordIn(s.In):
    title: str = Field(..., max_length=250)
    content: str = Field(..., max_length=20000)
    topic_id: s.Id | None = None
    privacy: str = Field("public", pattern="^(public|confidential|anonymous)$")
    submitter_id: s.Id | None = None
    submitter_name: str = Field("", max_length=150)
    submitter_unit_id: s.Id | None = None


def _record(request, agency, payload: RecordIn, channel: str, conference=None):
    petition = pet.record_petition(
        agency=agency,
        title=payload.title,
        content=payload.content,
        channel=channel,
        topic=in_agency(Topic, payload.topic_id, agency, "topic_id"),
        privacy=payload.privacy,
        submitter=member_user(payload.submitter_id, agency, "submitter_id"),
        submitter_name=payload.submitter_name,
        submitter_unit=in_agency(Unit, payload.submitter_unit_id, agency, "submitter_unit_id"),
        conference=conference,
        by=request.auth,
    )
    return 201, petition_detail(request, petition.pk)


class PaperIn(RecordIn):
    agency_id: s.Id | None = Field(None, description="Defaults to the caller's own agency.")


@router.post("/paper-petitions/", response={201: s.PetitionDetail, **ERRORS}, tags=["petitions"])
@idempotent
def record_paper_petition(request, payload: PaperIn):
    """Record a petition received on paper (secretariat)."""
    return _record(request, _agency_for(request, payload.agency_id), payload, "paper")


@router.post(
    "/conferences/{conference_id}/floor-petitions",
    response={201: s.PetitionDetail, **ERRORS},
    tags=["conferences"],
)
@idempotent
def record_floor_petition(request, conference_id: s.PathId, payload: RecordIn):
    """Record a petition raised from the floor of the open conference (its chair, secretariat)."""
    conference = _conference(request, conference_id)
    return _record(request, conference.agency, payload, "floor", conference)


class OptionalReasonIn(s.In):
    reason: str = Field("", max_length=5000)


@router.post("/petitions/{petition_id}/unschedule", response=PETITION, tags=["petitions"])
@idempotent
def unschedule(request, petition_id: s.PathId, payload: OptionalReasonIn):
    """Take the petition off a conference that has not opened (secretariat)."""
    petition = _petition(request, petition_id)
    pet.unschedule_petition(petition=petition, reason=payload.reason, by=request.auth)
    return 200, petition_detail(request, petition.pk)


@router.post("/petitions/{petition_id}/support", response=PETITION, tags=["petitions"])
@idempotent
def support(request, petition_id: s.PathId):
    """Support a petition already filed instead of filing a duplicate (staff)."""
    petition = _petition(request, petition_id)
    pet.support_petition(petition=petition, by=request.auth)
    return 200, petition_detail(request, petition.pk)


class FeedbackIn(s.In):
    satisfied: bool
    reason: str = Field("", max_length=5000)


@router.post("/petitions/{petition_id}/feedback", response=PETITION, tags=["petitions"])
@idempotent
def feedback(request, petition_id: s.PathId, payload: FeedbackIn):
    """Say whether the answer settled one's petition; an unsatisfied one reopens once."""
    petition = _petition(request, petition_id)
    pet.give_feedback(
        petition=petition, satisfied=payload.satisfied, reason=payload.reason, by=request.auth
    )
    return 200, petition_detail(request, petition.pk)


class CancelIn(s.In):
    reason: str = Field(..., max_length=5000)


@router.post("/conferences/{conference_id}/cancel", response=CONFERENCE, tags=["conferences"])
@idempotent
def cancel_conference(request, conference_id: s.PathId, payload: CancelIn):
    """Cancel a conference that has not opened (the head or the secretariat)."""
    conference = _conference(request, conference_id)
    conf.cancel_conference(conference=conference, reason=payload.reason, by=request.auth)
    return 200, conference_detail(request, conference.pk)


class DelegateIn(s.In):
    deputy_id: s.Id
    reason: str = Field(..., max_length=5000)


@router.post(
    "/conferences/{conference_id}/delegate",
    response={201: DelegationOut, **ERRORS},
    tags=["conferences"],
)
@idempotent
def delegate_chair(request, conference_id: s.PathId, payload: DelegateIn):
    """Delegate chairing the conference to one deputy, with the reason (the head)."""
    conference = _conference(request, conference_id)
    delegation = conf.delegate_chair(
        conference=conference,
        deputy=member_user(payload.deputy_id, conference.agency, "deputy_id"),
        reason=payload.reason,
        by=request.auth,
    )
    return 201, dump(DelegationOut, _delegation_out(delegation))


@router.post(
    "/conferences/{conference_id}/notice/publish",
    response={200: s.NoticeOut, **ERRORS},
    tags=["conferences"],
)
@idempotent
def publish_notice(request, conference_id: s.PathId):
    """Post the issued conclusion notice for all staff (the secretariat)."""
    conference = _conference(request, conference_id)
    notice = ConclusionNotice.objects.filter(conference=conference).first()
    if notice is None:
        from .errors import not_found

        raise not_found("notice")
    notice = conf.publish_notice(notice=notice, by=request.auth)
    return 200, dump(s.NoticeOut, notice_out(notice))


def _assignment(request, pk):
    return visible_or_404(visible_assignments(request), pk)


def _assignment_out(request, pk):
    fresh = visible_assignments(request).get(pk=pk)
    return dump(s.AssignmentOut, assignments_out(request, [fresh])[0])


class ExtensionIn(s.In):
    reason: str = Field(..., max_length=5000)


@router.post(
    "/assignments/{assignment_id}/extension",
    response={201: ExtensionOut, **ERRORS},
    tags=["assignments"],
)
@idempotent
def request_extension(request, assignment_id: s.PathId, payload: ExtensionIn):
    """Ask the head for the 15-working-day limit because verification is needed (the leader
    of the assigned unit). The due date does not move until the request is approved
    (`/extension-requests/{id}/approve`)."""
    assignment = _assignment(request, assignment_id)
    extension = fu.request_extension(assignment=assignment, reason=payload.reason, by=request.auth)
    return 201, extension_out_for(request, extension.pk)


class AcceptIn(s.In):
    answer_text: str = Field(..., max_length=50000)


@router.post("/assignments/{assignment_id}/accept", response=ASSIGNMENT, tags=["assignments"])
@idempotent
def accept_resolution(request, assignment_id: s.PathId, payload: AcceptIn):
    """Accept the unit's report and answer the petitioner in writing (the head)."""
    assignment = _assignment(request, assignment_id)
    fu.accept_resolution(assignment=assignment, answer_text=payload.answer_text, by=request.auth)
    return 200, _assignment_out(request, assignment.pk)


class ReturnIn(s.In):
    note: str = Field(..., max_length=20000)


@router.post("/assignments/{assignment_id}/return", response=ASSIGNMENT, tags=["assignments"])
@idempotent
def return_resolution(request, assignment_id: s.PathId, payload: ReturnIn):
    """Send the unit's report back for more work, saying what is missing (the head)."""
    assignment = _assignment(request, assignment_id)
    fu.return_resolution(assignment=assignment, note=payload.note, by=request.auth)
    return 200, _assignment_out(request, assignment.pk)


class UrgeIn(s.In):
    message: str = Field("", max_length=5000)


@router.post("/assignments/{assignment_id}/urge", response=ASSIGNMENT, tags=["assignments"])
@idempotent
def urge(request, assignment_id: s.PathId, payload: UrgeIn):
    """Urge the unit to report; its leaders are notified (the secretariat)."""
    assignment = _assignment(request, assignment_id)
    fu.urge_assignment(assignment=assignment, message=payload.message, by=request.auth)
    return 200, _assignment_out(request, assignment.pk)


class AnswerPublished(s.Schema):
    id: int
    petition_id: int
    published_at: datetime.datetime | None


@router.post(
    "/answers/{answer_id}/publish", response={200: AnswerPublished, **ERRORS}, tags=["petitions"]
)
@idempotent
def publish_answer(request, answer_id: s.PathId):
    """Post an answer for all staff to read (the secretariat)."""
    visible = Petition.objects.visible_to(request.auth)
    answer = visible_or_404(Answer.objects.filter(petition__in=visible), answer_id)
    answer = fu.publish_answer(answer=answer, by=request.auth)
    return 200, {
        "id": answer.pk,
        "petition_id": answer.petition_id,
        "published_at": answer.published_at,
    }


class ObservationOut(s.Schema):
    id: int
    kind: str
    text: str
    author: s.PersonRef
    conference_id: int | None
    petition_id: int | None
    created_at: datetime.datetime
    answer_text: str
    answered_by: s.PersonRef | None
    answered_at: datetime.datetime | None


def _observations(request):
    wide = [a for a, m in memberships(request.auth).items() if m.role_set & AGENCY_WIDE_ROLES]
    return Observation.objects.filter(agency_id__in=wide).select_related("author", "answered_by")


def _observation_out(o) -> dict:
    return {
        "id": o.pk,
        "kind": o.kind,
        "text": o.text,
        "author": person(o.author),
        "conference_id": o.conference_id,
        "petition_id": o.petition_id,
        "created_at": o.created_at,
        "answer_text": o.answer_text,
        "answered_by": person(o.answered_by) if o.answered_by_id else None,
        "answered_at": o.answered_at,
    }


@router.get("/observations/", response={200: list[ObservationOut], **ERRORS}, tags=["oversight"])
def list_observations(request, unanswered: bool | None = None):
    """List the inspection board's observations (agency-wide roles), newest first."""
    rows = _observations(request).order_by("-created_at", "-id")
    if unanswered is not None:
        rows = rows.filter(answered_at__isnull=unanswered)
    return [_observation_out(o) for o in rows[:500]]


class ObservationIn(s.In):
    kind: str = Field(..., pattern="^(observation|recommendation)$")
    text: str = Field(..., max_length=20000)
    conference_id: s.Id | None = None
    petition_id: s.Id | None = None
    agency_id: s.Id | None = Field(None, description="Defaults to the caller's own agency.")


@router.post("/observations/", response={201: ObservationOut, **ERRORS}, tags=["oversight"])
@idempotent
def record_observation(request, payload: ObservationIn):
    """Record an observation; a recommendation opens the head's 15-day answer (the board)."""
    agency = _agency_for(request, payload.agency_id)
    observation = oversight.record_observation(
        agency=agency,
        kind=payload.kind,
        text=payload.text,
        conference=in_agency(
            Conference,
            payload.conference_id,
            agency,
            "conference_id",
            queryset=Conference.objects.visible_to(request.auth),
        ),
        petition=in_agency(
            Petition,
            payload.petition_id,
            agency,
            "petition_id",
            queryset=Petition.objects.visible_to(request.auth),
        ),
        by=request.auth,
    )
    return 201, dump(ObservationOut, _observation_out(observation))


class ObservationAnswerIn(s.In):
    text: str = Field(..., max_length=20000)


@router.post(
    "/observations/{observation_id}/answer",
    response={200: ObservationOut, **ERRORS},
    tags=["oversight"],
)
@idempotent
def answer_observation(request, observation_id: s.PathId, payload: ObservationAnswerIn):
    """Answer the board's observation or recommendation (the head)."""
    observation = visible_or_404(_observations(request), observation_id)
    observation = oversight.answer_observation(
        observation=observation, text=payload.text, by=request.auth
    )
    return 200, dump(
        ObservationOut, _observation_out(_observations(request).get(pk=observation.pk))
    )


class ReportSentIn(s.In):
    year: int = Field(..., ge=2000, le=2100)
    half: int | None = Field(
        None, ge=1, le=1, description="1: the semi-annual report; omitted: the annual one."
    )
    symbol: str = Field("", max_length=40)
    agency_id: s.Id | None = Field(None, description="Defaults to the caller's own agency.")


class ReportSentOut(s.Schema):
    year: int
    half: int | None
    symbol: str
    plan_id: int


@router.post("/reports/sent", response={200: ReportSentOut, **ERRORS}, tags=["reports"])
@idempotent
def report_sent(request, payload: ReportSentIn):
    """Record that the semi-annual or annual report was sent to the province (secretariat)."""
    agency = _agency_for(request, payload.agency_id)
    plan = reports.submit_report(
        agency=agency, year=payload.year, half=payload.half, symbol=payload.symbol, by=request.auth
    )
    return 200, {
        "year": payload.year,
        "half": payload.half,
        "symbol": payload.symbol,
        "plan_id": plan.pk,
    }


class ReportPreparedOut(s.Schema):
    id: int
    year: int
    half: int | None
    version: int
    status: str
    sha256: str


@router.post("/reports/prepared", response={200: ReportPreparedOut, **ERRORS}, tags=["reports"])
@idempotent
def report_prepared(request, payload: ReportSentIn):
    """Freeze the report as its next version for the head to sign (secretariat; an agency that
    signs digitally). The head signs it and the secretariat's seal sends it through
    `/signing/`; the report kind's id is this version's id."""
    agency = _agency_for(request, payload.agency_id)
    version = reports.prepare_report(
        agency=agency, year=payload.year, half=payload.half, symbol=payload.symbol, by=request.auth
    )
    return 200, {
        "id": version.pk,
        "year": version.year,
        "half": version.period or None,
        "version": version.version,
        "status": version.status,
        "sha256": version.sha256,
    }
