"""Who may see which petitions, and whose identity they may learn."""

from django.db.models import Q
from django.utils.translation import gettext as _

from doithoai.organizations.access import memberships
from doithoai.organizations.models import AGENCY_WIDE_ROLES, Role

from .models import Privacy, Status

# Public petitions other staff may read once the secretariat has received them.
SHARED_STATUSES = [
    Status.RECEIVED,
    Status.SCHEDULED,
    Status.COMMITTED,
    Status.ASSIGNED,
    Status.RESOLUTION_REPORTED,
    Status.ANSWERED,
    Status.CLOSED,
    Status.MERGED,
]


# How a unit is linked to a petition beyond the petition's own fields, added by the apps above
# (the follow-up app links a unit to the petitions assigned to it): callables unit_id -> Q.
_UNIT_LINKS = []


def link_unit(builder) -> None:
    """Register `builder(unit_id) -> Q`: more petitions a unit is concerned with."""
    if builder not in _UNIT_LINKS:
        _UNIT_LINKS.append(builder)


def _linked(unit_id) -> Q:
    """Return the condition for the petitions linked to a unit by the apps above."""
    condition = Q(pk__in=[])
    for builder in _UNIT_LINKS:
        condition |= builder(unit_id)
    return condition


def concerning_unit(unit_id) -> Q:
    """Return the condition for the petitions a unit is concerned with, raised or handles."""
    condition = Q(concerned_unit_id=unit_id) | Q(submitter_unit_id=unit_id)
    for builder in _UNIT_LINKS:
        condition |= builder(unit_id)
    return condition


def visible_petitions(queryset, user):
    """Filter `queryset` to the petitions `user` may see, in one query."""
    if not getattr(user, "is_authenticated", False):
        return queryset.none()
    condition = Q(pk__in=[])
    for agency_id, membership in memberships(user).items():
        roles = membership.role_set
        if roles & AGENCY_WIDE_ROLES:
            condition |= Q(agency_id=agency_id)
            continue
        mine = Q(agency_id=agency_id) & (
            Q(submitter=user)
            | Q(delegation__grantee=user)
            | Q(privacy=Privacy.PUBLIC, status__in=SHARED_STATUSES)
        )
        condition |= mine
        if Role.UNIT_LEADER in roles and membership.unit_id:
            # A confidential or anonymous petition reaches a unit only once it is assigned
            # to that unit (a link from the apps above): before, its concerned unit alone
            # could point at the writer.
            unit_id = membership.unit_id
            condition |= Q(agency_id=agency_id) & (
                Q(concerning_unit(unit_id), privacy=Privacy.PUBLIC) | _linked(unit_id)
            )
    return queryset.filter(condition)


def identity_rule(user):
    """Return `rule(privacy, submitter_id, agency_id) -> bool`: may `user` learn who wrote it.

    The person's memberships are read once, so a list or an export of many rows asks
    the rule per row without a query per row; `can_see_identity` asks it for one petition.
    """
    me = user.pk if getattr(user, "is_authenticated", False) else None
    secretariat_of = {
        agency_id
        for agency_id, membership in (memberships(user).items() if me else ())
        if Role.SECRETARIAT in membership.role_set
    }

    def rule(privacy, submitter_id, agency_id) -> bool:
        if privacy == Privacy.ANONYMOUS:
            return False
        if privacy == Privacy.PUBLIC:
            return True
        if me is not None and submitter_id == me:
            return True
        return agency_id in secretariat_of

    return rule


def can_see_identity(user, petition) -> bool:
    """Tell whether `user` may learn who submitted `petition`."""
    return identity_rule(user)(petition.privacy, petition.submitter_id, petition.agency_id)


def submitter_label(user, petition) -> str:
    """Return the submitter as `user` may see it: a name, a unit, or a masked label."""
    visible = can_see_identity(user, petition)
    person = petition.submitter if petition.submitter_id and visible else None
    return submitter_text(
        privacy=petition.privacy,
        visible=visible,
        person=(person.get_full_name() or person.get_username()) if person else "",
        name=petition.submitter_name,
        unit=str(petition.submitter_unit) if visible and petition.submitter_unit_id else "",
    )


def submitter_text(*, privacy, visible: bool, person: str, name: str, unit: str) -> str:
    """Return the submitter's label from plain values (a list or export of many rows).

    `person` is the account's name (empty when the petition has no account), `name` the
    name typed for a petition without one, `unit` the submitting unit's name.
    """
    if privacy == Privacy.ANONYMOUS:
        return _("Ẩn danh")
    if not visible:
        return _("Được bảo mật danh tính")
    parts = [person or name] if (person or name) else []
    if unit:
        parts.append(unit)
    return " — ".join(parts) or _("Không rõ")
