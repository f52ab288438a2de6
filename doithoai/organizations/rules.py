"""Permission predicates over roles in the object's agency, and the named permissions."""

import rules

from .access import has_role, membership, supervises
from .models import Agency, Role


def _agency_id(obj):
    if obj is None:
        return None
    if isinstance(obj, Agency):
        return obj.pk
    return getattr(obj, "agency_id", None)


def role_predicate(*wanted: Role):
    """Build a predicate: the user holds one of `wanted` in the object's agency."""

    @rules.predicate(name="has_role_" + "_or_".join(wanted))
    def predicate(user, obj=None) -> bool:
        agency_id = _agency_id(obj)
        return agency_id is not None and has_role(user, agency_id, *wanted)

    return predicate


@rules.predicate
def is_member(user, obj=None) -> bool:
    """The user works in the object's agency."""
    agency_id = _agency_id(obj)
    return agency_id is not None and membership(user, agency_id) is not None


is_head = role_predicate(Role.HEAD)
is_deputy = role_predicate(Role.DEPUTY)
is_secretariat = role_predicate(Role.SECRETARIAT)
is_unit_leader = role_predicate(Role.UNIT_LEADER)
is_staff_member = role_predicate(Role.STAFF, Role.UNIT_LEADER)
is_inspector = role_predicate(Role.INSPECTOR)
is_agency_admin = role_predicate(Role.ADMIN)
is_leadership = role_predicate(Role.HEAD, Role.DEPUTY)
is_supervisor = role_predicate(Role.SUPERVISOR)


@rules.predicate
def is_supervisor_above(user, obj=None) -> bool:
    """The user receives the reports of the object's agency (a supervisor above it)."""
    agency_id = _agency_id(obj)
    return agency_id is not None and supervises(user, agency_id)


@rules.predicate
def is_grantor(user, delegation) -> bool:
    """The user gave this delegation."""
    return delegation is not None and delegation.grantor_id == user.pk


@rules.predicate
def is_grantee(user, delegation) -> bool:
    """The user received this delegation."""
    return delegation is not None and delegation.grantee_id == user.pk


rules.add_perm("organizations.add_unit", is_agency_admin)
rules.add_perm("organizations.add_membership", is_agency_admin)
rules.add_perm("organizations.change_membership", is_agency_admin)
rules.add_perm("organizations.authorize_representative", is_staff_member)
rules.add_perm("organizations.revoke_delegation", is_grantor | is_head)
rules.add_perm("organizations.confirm_informed_delegation", is_grantee)
