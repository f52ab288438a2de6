"""The audit trail of one petition or conference as a viewer may read it, and the chain check."""

import datetime

from django.utils.translation import gettext as _

from doithoai.audit.log import verify
from doithoai.audit.models import AuditEvent
from doithoai.organizations.access import roles
from doithoai.organizations.models import Role
from doithoai.petitions.visibility import can_see_identity


def _labels() -> dict[str, dict]:
    from doithoai.conferences.models import ConferenceStatus
    from doithoai.followups.models import AssignmentStatus
    from doithoai.petitions.models import Status

    labels = {
        "petitions.petition": dict(Status.choices),
        "conferences.conference": dict(ConferenceStatus.choices),
        "followups.assignment": dict(AssignmentStatus.choices),
        "followups.answer": dict(Status.choices),
        "followups.commitment": dict(Status.choices),
    }
    try:
        from doithoai.deadlines.models import Status as DeadlineStatus
    except ImportError:  # the deadlines app may not have its model yet
        return labels
    labels["deadlines.deadline"] = dict(DeadlineStatus.choices)
    return labels


class _LazyLabels(dict):
    def get(self, key, default=None):
        if not self:
            self.update(_labels())
        return super().get(key, default)


STATUS_LABELS = _LazyLabels()


def trail(user, agency, *, petition=None, conference=None) -> list[AuditEvent]:
    """Return the events of a petition or a conference, oldest first, actors masked as needed.

    A confidential submitter's own events hide the actor from anyone who may not learn the
    submitter's identity; anonymous events have no actor at all.
    """
    qs = AuditEvent.objects.filter(agency=agency).select_related("actor")
    if petition is not None:
        qs = qs.filter(petition_id=petition.pk)
    else:
        qs = qs.filter(conference_id=conference.pk)
    events = list(qs.order_by("seq"))
    secretariat = Role.SECRETARIAT in roles(user, agency)
    for event in events:
        if event.actor_id is None:
            event.actor_shown = _("Ẩn danh hoặc hệ thống")
        elif event.actor_confidential and not (
            secretariat if petition is None else can_see_identity(user, petition)
        ):
            event.actor_shown = _("Được bảo mật danh tính")
        else:
            event.actor_shown = event.actor.get_full_name() or event.actor.get_username()
        status = (event.after or {}).get("status", "")
        event.status_after = STATUS_LABELS.get(event.object_type, {}).get(status, status)
    return events


def chain_status(agency) -> dict:
    """Verify the agency's whole chain now (never cached: a tampered row must show at once)."""
    report = verify(agency)[0]
    anchor = report.anchor
    return {
        "ok": report.ok,
        "kind": report.kind,
        "events": report.events,
        "last_seq": report.last_seq,
        "broken_seq": report.broken_seq,
        "problem": report.problem,
        "anchor_seq": anchor.seq if anchor else None,
        "anchor_at": datetime.datetime.fromisoformat(anchor.created_at) if anchor else None,
    }
