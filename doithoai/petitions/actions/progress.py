"""The petition's own step for what the follow-up app decides: answered, committed, assigned,
reported on. The follow-up actions (a layer above) check their actor and their rules, then
call this; the petition's status is written here only, with its own audit event."""

from django.db import transaction
from django.utils.translation import gettext as _

from doithoai.audit.log import record
from doithoai.audit.models import Verb
from doithoai.core.actionkit import move
from doithoai.core.errors import InvalidTransition

from ..models import TRANSITIONS, Petition, Status

# The states a follow-up step may bring a petition to; intake's states stay intake's.
FOLLOW_UP_TARGETS = (
    Status.ANSWERED,
    Status.COMMITTED,
    Status.ASSIGNED,
    Status.RESOLUTION_REPORTED,
)


@transaction.atomic
def advance_petition(*, petition: Petition, to: str, cause: str, by) -> Petition:
    """Move `petition` to `to` along the petitions' table, recording `cause` (the follow-up
    step's audit verb); the caller's instance follows the stored status."""
    if to not in FOLLOW_UP_TARGETS:
        raise InvalidTransition(
            _("Bước theo dõi, xử lý không chuyển kiến nghị sang trạng thái này."), field="status"
        )
    locked = Petition.objects.select_for_update().get(pk=petition.pk)
    before = move(locked, to, TRANSITIONS)
    locked.save(update_fields=["status", "updated_at"])
    petition.status = locked.status
    record(
        Verb.PETITION_ADVANCED,
        locked,
        by=by,
        petition=locked,
        conference=locked.conference if locked.conference_id else None,
        before={"status": before},
        after={"status": locked.status},
        reason=str(cause),
    )
    return locked
