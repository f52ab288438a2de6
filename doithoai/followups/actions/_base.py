"""What the follow-up actions share: locks, the chair check at a conference, the unit's clock."""

from django.utils.translation import gettext as _

from doithoai.conferences.models import ConferenceStatus
from doithoai.conferences.rules import is_effective_chair
from doithoai.core.actionkit import (
    require,
)
from doithoai.core.errors import InvalidTransition, PermissionRefused
from doithoai.deadlines import actions as deadlines
from doithoai.petitions.models import Petition, Status

from ..models import (
    Assignment,
)


def _lock(petition: Petition) -> Petition:
    return (
        Petition.objects.select_for_update(of=("self",))
        .select_related("conference")
        .get(pk=petition.pk)
    )


def _at_conference(petition: Petition, by, permission: str):
    """Return the open conference the petition is heard at, checking the chair; else None."""
    conference = petition.conference
    if petition.status == Status.SCHEDULED:
        if conference is None or conference.status != ConferenceStatus.IN_PROGRESS:
            raise InvalidTransition(
                _("Kiến nghị chờ đối thoại tại hội nghị; hội nghị chưa diễn ra."), field="status"
            )
        if not is_effective_chair(by, conference):
            raise PermissionRefused(_("Chỉ người chủ trì hội nghị được thực hiện."))
        return conference
    require(permission, by, petition)
    return None


def _lock_assignment(assignment: Assignment) -> Assignment:
    return Assignment.objects.select_for_update().select_related("petition").get(pk=assignment.pk)


def start_resolution_clock(assignment: Assignment, *, start, by, verification=None):
    """Open the unit's resolution deadline from `start` and copy its due date; return it.

    The stored deadline is the one source of the due date (rule 7: 7 working days, 15 with
    verification); the assignment keeps a copy for its lists. The caller saves nothing more.
    """
    verification = assignment.needs_verification if verification is None else verification
    deadline = deadlines.open_deadline(
        kind="resolution",
        subject=assignment,
        agency=assignment.agency,
        start=start,
        by=by,
        petition=assignment.petition,
        conference=assignment.conference,
        unit=assignment.unit,
        verification=verification,
    )
    if deadline is not None:
        assignment.due_date = deadline.due_date
        assignment.save(update_fields=["due_date"])
    return deadline
