"""Memberships come from the shared cache, and every change to them is seen at once."""

import pytest
from django.core.cache import cache

from doithoai.organizations import access
from doithoai.organizations import actions as org
from doithoai.organizations.models import Membership, MembershipRole, Role, Unit


def _fresh(user):
    """The same person in a new request: a new user object."""
    return type(user).objects.get(pk=user.pk)


def test_second_request_reads_memberships_from_the_cache(cast, django_assert_num_queries):
    access.memberships(_fresh(cast.staff))
    with django_assert_num_queries(0):
        roles = access.roles(_fresh_no_query(cast.staff), cast.agency)
    assert roles == frozenset({Role.STAFF})


def _fresh_no_query(user):
    copy = type(user)(pk=user.pk, username=user.username)
    copy._state.adding = False
    return copy


def test_set_roles_is_seen_by_the_next_request(cast, django_capture_on_commit_callbacks):
    assert Role.SECRETARIAT not in access.roles(_fresh(cast.staff), cast.agency)
    membership = Membership.objects.get(user=cast.staff, agency=cast.agency)
    with django_capture_on_commit_callbacks(execute=True):
        org.set_roles(membership=membership, roles=["staff", "secretariat"], by=cast.admin)
    assert Role.SECRETARIAT in access.roles(_fresh(cast.staff), cast.agency)


def test_role_row_deleted_elsewhere_is_seen(cast):
    access.memberships(_fresh(cast.staff))
    MembershipRole.objects.filter(membership__user=cast.staff).delete()
    assert access.roles(_fresh(cast.staff), cast.agency) == frozenset()


def test_deactivated_membership_is_seen(cast):
    access.memberships(_fresh(cast.head))
    membership = Membership.objects.get(user=cast.head)
    membership.is_active = False
    membership.save()
    assert access.memberships(_fresh(cast.head)) == {}


def test_renamed_unit_is_seen(cast):
    access.memberships(_fresh(cast.staff))
    unit = Unit.objects.get(pk=cast.unit.pk)
    unit.name = "Phòng Tổng hợp mới"
    unit.save()
    assert access.membership(_fresh(cast.staff), cast.agency).unit.name == "Phòng Tổng hợp mới"


@pytest.mark.parametrize("role", ["head", "secretariat"])
def test_cached_entry_is_per_user(cast, role):
    user = getattr(cast, role)
    access.memberships(_fresh(user))
    assert cache.get(access._key(user.pk)) is not None
    assert cache.get(access._key(cast.staff.pk)) is None
