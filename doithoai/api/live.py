"""`/api/v1/conferences/{id}/live`: the live room — its state (poll with `If-None-Match`),
joining, floor petitions, requests to speak, support, the current item and the head count.

The console's operations accept the room's `version` (in the body, or `If-Match` with the
state's ETag): a stale one is refused with 409 `stale_version` and the fresh state is one GET
away. Nothing here names a confidential or anonymous petitioner (`live.state`).
"""

import datetime

from django.http import HttpResponse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from ninja import Field, Router

from doithoai.conferences.models import AgendaItem, Conference
from doithoai.live import actions as live
from doithoai.live.models import FloorPetition, FloorStatus, SpeakingRequest, SpeakStatus
from doithoai.live.state import etag, room_state
from doithoai.petitions import actions as pet
from doithoai.petitions.models import Topic

from . import schemas as s
from .common import in_agency, visible_or_404
from .errors import ERRORS, not_found
from .idempotency import idempotent
from .serialize import person

router = Router(tags=["live"])


class AnswerOut(s.Schema):
    text: str
    by: str


class CommitmentOut(s.Schema):
    promised_on: datetime.date
    form: str
    note: str


class AssignmentOut(s.Schema):
    unit: str
    due_date: datetime.date | None = None


class OutcomeOut(s.Schema):
    answer: AnswerOut | None = None
    commitment: CommitmentOut | None = None
    assignment: AssignmentOut | None = None


class LiveItemOut(s.Schema):
    id: int
    position: int
    petition_id: int
    code: str
    title: str
    topic: str
    submitter: str = Field(description="A name only for a public petition; a masked label else.")
    floor: bool = Field(description="Raised from the floor of the conference.")
    status: str
    status_label: str
    supports: int
    outcome: OutcomeOut


class LiveOut(s.Schema):
    conference_id: int
    status: str
    version: int = Field(description="Changes with every change in the room; also the ETag.")
    current_item: LiveItemOut | None = None
    items: list[LiveItemOut]
    speaking_queue: int = Field(description="Requests to speak waiting on the current item.")
    speaking_total: int


def _conference(request, pk: int) -> Conference:
    return visible_or_404(Conference.objects.visible_to(request.auth).select_related("agency"), pk)


def _seen(request, version: int | None):
    """The version the caller acted on: the body's `version`, else `If-Match`'s."""
    if version is not None:
        return version
    match = (request.headers.get("If-Match") or "").strip()
    if match.startswith('W/"r') and "-v" in match:
        return match.split("-v", 1)[1].split("-", 1)[0]
    return None


def _item_out(row: dict) -> dict:
    keys = (
        "id",
        "position",
        "petition_id",
        "code",
        "title",
        "topic",
        "submitter",
        "floor",
        "status",
        "status_label",
        "supports",
    )
    return {**{k: row[k] for k in keys}, "outcome": dict(row["outcome"])}


def _state(conference) -> dict:
    state = room_state(conference, live.room_for(conference))
    return {
        "conference_id": conference.pk,
        "status": conference.status,
        "version": state["version"],
        "current_item": _item_out(state["current"]) if state["current"] else None,
        "items": [_item_out(row) for row in state["items"]],
        "speaking_queue": state["speaking_queue"],
        "speaking_total": state["speaking_total"],
    }


def _tag(conference, version) -> str:
    return etag(conference.pk, version, f"api-{get_language() or 'vi'}")


@router.get("/{conference_id}/live", response={200: LiveOut, 304: None, **ERRORS})
def get_live(request, conference_id: s.PathId, response: HttpResponse):
    """Read the room's state; send the `ETag` back as `If-None-Match` to get 304 until it
    changes (poll about once a second)."""
    conference = _conference(request, conference_id)
    version = live.room_for(conference).version
    tag = _tag(conference, version)
    if tag in (request.headers.get("If-None-Match") or ""):
        not_modified = HttpResponse(status=304)
        not_modified["ETag"] = tag
        return not_modified
    response["ETag"] = tag
    response["Cache-Control"] = "private, no-cache"
    return 200, _state(conference)


class ParticipantOut(s.Schema):
    conference_id: int
    person: dict
    category: str
    joined_at: datetime.datetime
    joined_now: bool = Field(description="False when the caller had joined already.")


@router.post("/{conference_id}/live/join", response={200: ParticipantOut, **ERRORS})
@idempotent
def join(request, conference_id: s.PathId):
    """Join the conference in progress: counted present in one's category for the minutes."""
    conference = _conference(request, conference_id)
    participant, joined = live.join_conference(conference=conference, by=request.auth)
    return 200, {
        "conference_id": conference.pk,
        "person": person(participant.user),
        "category": participant.category,
        "joined_at": participant.joined_at,
        "joined_now": joined,
    }


class AttendanceIn(s.In):
    reason: str = Field(..., max_length=2000)
    leaders_present: int | None = Field(None, ge=0, le=100000)
    leaders_absent: int | None = Field(None, ge=0, le=100000)
    civil_servants_present: int | None = Field(None, ge=0, le=100000)
    civil_servants_absent: int | None = Field(None, ge=0, le=100000)
    public_employees_present: int | None = Field(None, ge=0, le=100000)
    public_employees_absent: int | None = Field(None, ge=0, le=100000)
    workers_present: int | None = Field(None, ge=0, le=100000)
    workers_absent: int | None = Field(None, ge=0, le=100000)


class AttendanceOut(s.Schema):
    leaders_present: int
    leaders_absent: int
    civil_servants_present: int
    civil_servants_absent: int
    public_employees_present: int
    public_employees_absent: int
    workers_present: int
    workers_absent: int


@router.post("/{conference_id}/live/attendance", response={200: AttendanceOut, **ERRORS})
@idempotent
def correct_attendance(request, conference_id: s.PathId, payload: AttendanceIn):
    """Correct the head count by category, with the reason (the minutes' secretary)."""
    conference = _conference(request, conference_id)
    counts = {k: v for k, v in payload.dict().items() if k != "reason" and v is not None}
    attendance = live.correct_attendance(
        conference=conference, counts=counts, reason=payload.reason, by=request.auth
    )
    return 200, {k: getattr(attendance, k) for k in live.ATTENDANCE_FIELDS}


class FloorIn(s.In):
    title: str = Field(..., max_length=250)
    content: str = Field(..., max_length=20000)
    topic_id: s.Id | None = None
    privacy: str = Field("public", pattern="^(public|confidential)$")


class FloorOut(s.Schema):
    id: int
    title: str
    content: str
    topic: str
    privacy: str
    status: str
    raised_at: datetime.datetime
    raised_by: dict | None = Field(None, description="Absent for a confidential one.")
    petition_id: int | None = None


def _floor_out(floor: FloorPetition) -> dict:
    out = {
        "id": floor.pk,
        "title": floor.title,
        "content": floor.content,
        "topic": floor.topic.name if floor.topic_id else "",
        "privacy": floor.privacy,
        "status": floor.status,
        "raised_at": floor.raised_at,
        "petition_id": floor.petition_id,
    }
    if floor.privacy == "public":
        out["raised_by"] = person(floor.raised_by)
    return out


@router.post("/{conference_id}/live/floor-petitions", response={201: FloorOut, **ERRORS})
@idempotent
def raise_floor_petition(request, conference_id: s.PathId, payload: FloorIn):
    """Raise a petition from the floor (staff): public or confidential, never anonymous; it
    waits in the secretariat's queue."""
    conference = _conference(request, conference_id)
    floor = live.raise_floor_petition(
        conference=conference,
        title=payload.title,
        content=payload.content,
        topic=in_agency(Topic, payload.topic_id, conference.agency, "topic_id"),
        privacy=payload.privacy,
        by=request.auth,
    )
    return 201, _floor_out(floor)


def _console(request, conference_id):
    conference = _conference(request, conference_id)
    if not live.can_run_room(request.auth, conference):
        from doithoai.core.errors import PermissionRefused

        raise PermissionRefused()
    return conference


@router.get("/{conference_id}/live/floor-petitions", response={200: list[FloorOut], **ERRORS})
def waiting_floor_petitions(request, conference_id: s.PathId):
    """List the floor petitions waiting, oldest first (the chair, the secretariat)."""
    conference = _console(request, conference_id)
    rows = FloorPetition.objects.filter(
        conference=conference, status=FloorStatus.WAITING
    ).select_related("raised_by", "topic")
    return 200, [_floor_out(f) for f in rows]


class VersionIn(s.In):
    version: int | None = Field(None, ge=0, le=2**62, description="The room version acted on.")


class DeclineIn(VersionIn):
    reason: str = Field(..., max_length=2000)


def _floor(conference, pk) -> FloorPetition:
    floor = FloorPetition.objects.filter(pk=pk, conference=conference).first()
    if floor is None:
        raise not_found()
    return floor


@router.post(
    "/{conference_id}/live/floor-petitions/{floor_id}/accept", response={200: FloorOut, **ERRORS}
)
@idempotent
def accept_floor_petition(request, conference_id: s.PathId, floor_id: s.PathId, payload: VersionIn):
    """Put a floor petition on the running order, recorded with channel "floor"."""
    conference = _conference(request, conference_id)
    floor = live.accept_floor_petition(
        floor=_floor(conference, floor_id),
        by=request.auth,
        seen_version=_seen(request, payload.version),
    )
    return 200, _floor_out(floor)


@router.post(
    "/{conference_id}/live/floor-petitions/{floor_id}/decline", response={200: FloorOut, **ERRORS}
)
@idempotent
def decline_floor_petition(
    request, conference_id: s.PathId, floor_id: s.PathId, payload: DeclineIn
):
    """Keep a floor petition off the running order, with the reason."""
    conference = _conference(request, conference_id)
    floor = live.decline_floor_petition(
        floor=_floor(conference, floor_id),
        reason=payload.reason,
        by=request.auth,
        seen_version=_seen(request, payload.version),
    )
    return 200, _floor_out(floor)


class SpeakIn(s.In):
    item_id: s.Id | None = Field(None, description="Defaults to the current item.")


class SpeakOut(s.Schema):
    id: int
    item_id: int
    person: dict
    status: str
    requested_at: datetime.datetime


def _speak_out(speaking) -> dict:
    return {
        "id": speaking.pk,
        "item_id": speaking.item_id,
        "person": person(speaking.user),
        "status": speaking.status,
        "requested_at": speaking.requested_at,
    }


def _item(conference, pk) -> AgendaItem | None:
    if pk is None:
        return None
    item = AgendaItem.objects.filter(pk=pk, conference=conference).first()
    if item is None:
        from doithoai.core.errors import ValidationFailed

        raise ValidationFailed(_("Nội dung không thuộc hội nghị này."), field="item_id")
    return item


@router.post("/{conference_id}/live/speaking-requests", response={201: SpeakOut, **ERRORS})
@idempotent
def request_to_speak(request, conference_id: s.PathId, payload: SpeakIn):
    """Ask to speak on an item (the current one by default); queued in order for the chair."""
    conference = _conference(request, conference_id)
    speaking = live.request_to_speak(
        conference=conference, item=_item(conference, payload.item_id), by=request.auth
    )
    return 201, _speak_out(speaking)


@router.get("/{conference_id}/live/speaking-requests", response={200: list[SpeakOut], **ERRORS})
def speaking_queue(request, conference_id: s.PathId):
    """List the requests to speak waiting, in order (the chair, the secretariat)."""
    conference = _console(request, conference_id)
    rows = SpeakingRequest.objects.filter(
        conference=conference, status=SpeakStatus.WAITING
    ).select_related("user")
    return 200, [_speak_out(r) for r in rows.order_by("requested_at", "id")]


@router.post(
    "/{conference_id}/live/speaking-requests/{request_id}/clear",
    response={200: SpeakOut, **ERRORS},
)
@idempotent
def clear_speaking_request(
    request, conference_id: s.PathId, request_id: s.PathId, payload: VersionIn
):
    """Take a request off the queue once the person has spoken."""
    conference = _conference(request, conference_id)
    speaking = SpeakingRequest.objects.filter(pk=request_id, conference=conference).first()
    if speaking is None:
        raise not_found()
    speaking = live.clear_speaking_request(
        speaking=speaking, by=request.auth, seen_version=_seen(request, payload.version)
    )
    return 200, _speak_out(speaking)


class CurrentIn(VersionIn):
    item_id: s.Id | None = Field(None, description="Null: no item is being discussed.")


@router.post("/{conference_id}/live/current", response={200: LiveOut, **ERRORS})
@idempotent
def move_current_item(request, conference_id: s.PathId, payload: CurrentIn):
    """Move the item shown as being discussed on every phone and on the projector."""
    conference = _conference(request, conference_id)
    live.move_current_item(
        conference=conference,
        item=_item(conference, payload.item_id),
        by=request.auth,
        seen_version=_seen(request, payload.version),
    )
    return 200, _state(conference)


@router.post("/{conference_id}/live/items/{item_id}/support", response={200: LiveOut, **ERRORS})
@idempotent
def support_item(request, conference_id: s.PathId, item_id: s.PathId):
    """Support an item of the running order (once per person; counted)."""
    conference = _conference(request, conference_id)
    item = AgendaItem.objects.filter(pk=item_id, conference=conference).first()
    if item is None:
        raise not_found()
    pet.support_petition(petition=item.petition, by=request.auth)
    return 200, _state(conference)
