"""What the follow-up actions share: locks and the chair check at a conference."""

from django.utils.translation import gettext as _

from doithoai.conferences.models import ConferenceStatus
from doithoai.conferences.rules import is_effective_chair
from doithoai.core.actionkit import (
    require,
)
from doithoai.core.errors import InvalidTransition, PermissionRefused
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
