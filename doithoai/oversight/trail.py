"""The audit trail of one petition or conference as a viewer may read it, and the chain check."""

from django.utils.translation import gettext as _

from doithoai.audit.log import verify
from doithoai.audit.models import AuditEvent
from doithoai.organizations.access import roles
from doithoai.organizations.models import Role
from doithoai.petitions.visibility import can_see_identity


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
        event.status_after = (event.after or {}).get("status", "")
    return events


def chain_status(agency) -> dict:
    """Verify the agency's whole chain now (never cached: a tampered row must show at once)."""
    report = verify(agency)[0]
    return {
        "ok": report.ok,
        "events": report.events,
        "broken_seq": report.broken_seq,
        "problem": report.problem,
    }
