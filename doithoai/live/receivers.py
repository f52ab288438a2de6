"""Keep each room's version in step with what happens at its conference.

Every change in the project writes an audit event in its own transaction (the project's
rule), so listening to the audit log's appends is the one place that sees every change that
concerns a conference — an answer, a commitment, an assignment, a floor petition, a support,
a request to speak — without each action having to remember the room. The bump runs inside
the changing transaction: the new version is committed with the change, or not at all.
"""

from django.db.models import F

from doithoai.audit.models import Verb
from doithoai.petitions.models import Petition

from .models import Room


def bump_on_audit(sender, instance, created, raw=False, **kwargs):
    """Bump the version of the room the audit event concerns (make the room at the opening)."""
    if not created or raw:
        return
    conference_id = instance.conference_id
    if conference_id is None and instance.petition_id is not None:
        conference_id = (
            Petition.objects.filter(pk=instance.petition_id)
            .values_list("conference_id", flat=True)
            .first()
        )
    if conference_id is None:
        return
    if instance.verb == Verb.CONFERENCE_OPENED:
        Room.objects.get_or_create(
            conference_id=conference_id, defaults={"agency_id": instance.agency_id}
        )
    Room.objects.filter(pk=conference_id).update(version=F("version") + 1)


def drop_pass_on_logout(sender, request, user, **kwargs):
    """Have the room-poll middleware delete the room pass on the log-out's response."""
    if request is not None:
        request.drop_room_pass = True
