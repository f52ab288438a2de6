"""The minutes (biên bản) of a conference as data: built from what was recorded while it was
held, frozen at close with its SHA-256, and read from that snapshot ever after.

The follow-up app (a layer above) owns the answers, commitments and assignments given at the
conference; it registers a contributor here (`add_minutes_contributor`) that returns, per
petition id, what it adds to an item of the minutes.
"""

import hashlib
import json

from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Max
from django.utils import timezone

from doithoai.organizations.models import Delegation, DelegationKind
from doithoai.petitions.models import Privacy
from doithoai.petitions.visibility import submitter_label

VERSION = 1
_CONTRIBUTORS: list = []


def add_minutes_contributor(contributor) -> None:
    """Register `contributor(conference) -> {petition_id: {"answers": [...], ...}}`."""
    if contributor not in _CONTRIBUTORS:
        _CONTRIBUTORS.append(contributor)


def canonical(content: dict) -> str:
    """Return the one JSON text of `content` that its digest is computed over."""
    return json.dumps(
        content, cls=DjangoJSONEncoder, ensure_ascii=False, sort_keys=True, separators=(",", ":")
    )


def digest(content: dict) -> str:
    """Return the SHA-256 (hex) of the canonical JSON of `content`."""
    return hashlib.sha256(canonical(content).encode("utf-8")).hexdigest()


def _name(user) -> str:
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()


def _local(moment) -> str | None:
    return timezone.localtime(moment).isoformat() if moment else None


def _chair(conference) -> dict:
    agency = conference.agency
    delegation = (
        Delegation.objects.filter(
            kind=DelegationKind.CHAIR, conference=conference, revoked_at__isnull=True
        )
        .select_related("grantor")
        .first()
    )
    chair = {"name": _name(conference.chair), "title": agency.head_title, "delegation": None}
    if delegation is not None and delegation.grantee_id == conference.chair_id:
        chair["title"] = agency.deputy_title
        chair["delegation"] = {
            "grantor": _name(delegation.grantor),
            "grantor_title": agency.head_title,
            "on": timezone.localtime(delegation.created_at).date().isoformat(),
            "reason": delegation.reason,
        }
    return chair


def _attendance(conference) -> dict | None:
    record = getattr(conference, "attendance_record", None)
    if record is None:
        return None
    return {
        "categories": [
            {"label": str(label), "present": present, "absent": absent}
            for label, present, absent in record.rows()
        ],
        "inspectors": [_name(u) for u in record.inspectors.order_by("last_name", "first_name")],
        "guests": record.guests,
    }


def build_snapshot(conference) -> dict:
    """Return the minutes' content as recorded now (frozen by `close_conference`)."""
    contributions: dict = {}
    for contributor in _CONTRIBUTORS:
        for petition_id, parts in contributor(conference).items():
            contributions.setdefault(petition_id, {}).update(parts)
    statements: dict = {}
    for s in conference.statements.order_by("recorded_at", "pk"):
        statements.setdefault(s.petition_id, []).append(s)
    items = []
    agenda = conference.agenda.select_related("petition", "answerer").order_by("position")
    for item in agenda:
        p = item.petition
        protected = p.privacy != Privacy.PUBLIC
        parts = contributions.get(p.pk, {})
        items.append(
            {
                "position": item.position,
                "code": p.code,
                "title": p.title,
                "submitter": str(submitter_label(None, p)),
                "status": item.status,
                "status_label": str(item.get_status_display()),
                "answerer": _name(item.answerer),
                "statements": [
                    {"speaker": "" if protected else s.speaker_name, "text": s.text}
                    for s in statements.get(p.pk, [])
                ],
                "answers": parts.get("answers", []),
                "commitments": parts.get("commitments", []),
                "assignments": parts.get("assignments", []),
            }
        )
    return {
        "version": VERSION,
        "agency": {
            "code": conference.agency.code,
            "name": conference.agency.name,
            "short_name": conference.agency.short_name,
        },
        "title": conference.title,
        "kind": conference.kind,
        "place": conference.place,
        "scheduled_on": conference.date.isoformat(),
        "held_on": conference.held_date.isoformat(),
        "opened_at": _local(conference.opened_at),
        "closed_at": _local(conference.closed_at),
        "chair": _chair(conference),
        "secretary": _name(conference.secretary),
        "attendance_note": conference.attendance,
        "attendance": _attendance(conference),
        "other_statements": [
            {"speaker": s.speaker_name, "text": s.text} for s in statements.get(None, [])
        ],
        "items": items,
        "conclusion": conference.conclusion,
    }


def next_position(conference) -> int:
    """Return the number of the conference's next addendum."""
    return (conference.addenda.aggregate(m=Max("number"))["m"] or 0) + 1


def content_for(conference) -> tuple[dict, str | None]:
    """Return the minutes' content and its digest: the frozen snapshot once closed, else the
    record as it stands (no digest, not yet the minutes)."""
    frozen = getattr(conference, "minutes", None)
    if frozen is not None:
        return frozen.content, frozen.sha256
    return json.loads(canonical(build_snapshot(conference))), None
