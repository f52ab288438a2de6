"""What the room shows: the running order, the current item, each item's outcome, the support
counts and the speaking queue's length — the same for every person in the room.

The state is built for the room, not for a person: a submitter is named only when the
petition is public (`submitter_label` asked for an anonymous viewer), so nothing built here can
reveal a confidential or anonymous petitioner on a phone, the projector or the API.
"""

from django.contrib.auth.models import AnonymousUser
from django.db.models import Count
from django.utils import timezone

from doithoai.conferences.models import AgendaItem, Conference
from doithoai.followups.models import Answer, AnswerMode, Assignment, Commitment
from doithoai.petitions.visibility import submitter_label

from .models import Room, SpeakingRequest, SpeakStatus

ROOM_VIEWER = AnonymousUser()


def _name(user) -> str:
    return user.get_full_name() or user.get_username()


def outcomes(conference: Conference) -> dict[int, dict]:
    """Return what was recorded for each petition at the conference, by petition id."""
    result: dict[int, dict] = {}
    answers = (
        Answer.objects.filter(conference=conference, mode=AnswerMode.AT_CONFERENCE)
        .select_related("answered_by")
        .order_by("created_at", "pk")
    )
    for answer in answers:
        result.setdefault(answer.petition_id, {})["answer"] = {
            "text": answer.text,
            "by": _name(answer.answered_by),
        }
    for commitment in Commitment.objects.filter(conference=conference).order_by("pk"):
        result.setdefault(commitment.petition_id, {})["commitment"] = {
            "promised_on": commitment.promised_on,
            "form": commitment.get_form_display(),
            "note": commitment.note,
        }
    assignments = (
        Assignment.objects.filter(conference=conference).select_related("unit").order_by("pk")
    )
    for assignment in assignments:
        result.setdefault(assignment.petition_id, {})["assignment"] = {
            "unit": assignment.unit.name,
            "due_date": assignment.due_date,
        }
    return result


def room_state(conference: Conference, room: Room) -> dict:
    """Return the room's state at `room.version` (the caller read the version first)."""
    items = list(
        AgendaItem.objects.filter(conference=conference)
        .select_related("petition__topic", "petition__submitter", "petition__submitter_unit")
        .annotate(supports=Count("petition__supports"))
        .order_by("position")
    )
    done = outcomes(conference)
    rows = []
    current = None
    for item in items:
        petition = item.petition
        row = {
            "id": item.pk,
            "position": item.position,
            "petition_id": petition.pk,
            "code": petition.code,
            "title": petition.title,
            "topic": petition.topic.name if petition.topic_id else "",
            "submitter": submitter_label(ROOM_VIEWER, petition),
            "floor": petition.channel == "floor",
            "status": item.status,
            "status_label": item.get_status_display(),
            "supports": item.supports,
            "outcome": done.get(petition.pk, {}),
            "current": item.pk == room.current_item_id,
        }
        rows.append(row)
        if row["current"]:
            current = row
    waiting = SpeakingRequest.objects.filter(conference=conference, status=SpeakStatus.WAITING)
    return {
        "conference": conference,
        "version": room.version,
        "items": rows,
        "current": current,
        "speaking_queue": waiting.filter(item_id=room.current_item_id).count()
        if room.current_item_id
        else 0,
        "speaking_total": waiting.count(),
        "at": timezone.now(),
    }


def etag(conference_id: int, version: int, variant: str) -> str:
    """Return the ETag of a view of the room at `version` (`variant`: the view and language)."""
    return f'W/"r{conference_id}-v{version}-{variant}"'
