"""Each permission of organizations/rules.py: a role that may, roles that may not."""

import itertools

import pytest

from doithoai.core.errors import PermissionRefused
from doithoai.organizations import actions as org
from doithoai.organizations.models import Membership, Role
from doithoai.testing.factories import PermissionCase, check_permission, refused

pytestmark = pytest.mark.usefixtures("seed_day")

_n = itertools.count(1)


def _delegation(cast):
    return org.authorize_representative(agency=cast.agency, grantee=cast.leader, by=cast.staff)


CASES = {
    "organizations.add_unit": PermissionCase(
        setup=lambda cast: cast.agency,
        act=lambda cast, agency, user: org.add_unit(
            agency=agency, name="Phòng Quản trị - Tài vụ", code=f"QTTV{next(_n)}", by=user
        ),
        may=("admin",),
        may_not=("head", "secretariat", "staff"),
    ),
    "organizations.add_membership": PermissionCase(
        setup=lambda cast: cast.agency,
        act=lambda cast, agency, user: org.add_member(
            agency=agency,
            username=f"canbo{next(_n)}",
            full_name="Lò Thị Mai",
            roles=[Role.STAFF],
            unit=cast.unit,
            by=user,
        ),
        may=("admin",),
        may_not=("head", "secretariat", "leader"),
    ),
    "organizations.change_membership": PermissionCase(
        setup=lambda cast: Membership.objects.get(agency=cast.agency, user=cast.staff2),
        act=lambda cast, m, user: org.set_roles(
            membership=m, roles=[Role.STAFF, Role.UNIT_LEADER], by=user
        ),
        may=("admin",),
        may_not=("head", "secretariat", "staff2"),
    ),
    "organizations.authorize_representative": PermissionCase(
        setup=lambda cast: cast.agency,
        act=lambda cast, agency, user: org.authorize_representative(
            agency=agency, grantee=cast.other_leader, by=user
        ),
        may=("staff", "leader"),
        may_not=("head", "secretariat", "admin"),
    ),
    "organizations.revoke_delegation": PermissionCase(
        setup=_delegation,
        act=lambda cast, d, user: org.revoke_delegation(
            delegation=d, reason="Tự trình bày tại hội nghị.", by=user
        ),
        may=("staff", "head"),  # the grantor, or the head
        may_not=("staff2", "leader", "secretariat"),
    ),
    "organizations.confirm_informed_delegation": PermissionCase(
        setup=_delegation,
        act=lambda cast, d, user: org.confirm_representative_informed(delegation=d, by=user),
        may=("leader",),  # the grantee
        may_not=("staff", "head", "secretariat"),
    ),
}


@pytest.mark.parametrize("permission", sorted(CASES))
def test_permission(cast, permission):
    check_permission(cast, permission, CASES[permission])


def test_only_a_superuser_creates_an_agency(cast):
    with refused(PermissionRefused):
        org.create_agency(name="Sở Tư pháp", code="STP", locality="Hà Giang", by=cast.admin)
    cast.admin.is_superuser = True
    agency = org.create_agency(name="Sở Tư pháp", code="stp", locality="Hà Giang", by=cast.admin)
    assert agency.code == "STP"
    assert agency.topics.count() > 0
