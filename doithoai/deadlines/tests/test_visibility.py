"""Deadline.objects.visible_to: one rule for the home page, the board and the API."""

import pytest
from django.test import Client

from doithoai.deadlines.models import Deadline
from doithoai.testing import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(cast, seed_day):
    _p, mine = f.assigned(cast, unit=cast.unit)  # submitted by cast.staff, assigned to TH
    _p, other = f.assigned(cast, unit=cast.other_unit, by=cast.staff2)
    return {
        "mine": Deadline.objects.get(object_id=mine.pk, kind="resolution"),
        "other": Deadline.objects.get(object_id=other.pk, kind="resolution"),
    }


def _ids(user):
    return set(Deadline.objects.visible_to(user).values_list("pk", flat=True))


@pytest.mark.parametrize("role", ["head", "deputy", "secretariat", "inspector"])
def test_agency_wide_roles_see_every_deadline_of_their_agency(cast, world, role):
    assert _ids(getattr(cast, role)) == set(Deadline.objects.values_list("pk", flat=True))


def test_a_unit_leader_sees_their_units_deadlines_only(cast, world):
    assert world["mine"].pk in _ids(cast.leader)
    assert world["other"].pk not in _ids(cast.leader)
    assert world["other"].pk in _ids(cast.other_leader)


def test_staff_see_the_steps_of_their_own_petitions_only(cast, world):
    assert world["mine"].pk in _ids(cast.staff)
    assert world["other"].pk not in _ids(cast.staff)
    assert world["other"].pk in _ids(cast.staff2)


def test_outsiders_and_anonymous_see_nothing(cast, world):
    from django.contrib.auth.models import AnonymousUser

    assert _ids(cast.outsider) == set() and _ids(AnonymousUser()) == set()
    assert _ids(cast.admin) == set()  # the agency admin manages people, not the process


def test_the_api_and_the_home_page_follow_the_same_rule(cast, world):
    from doithoai.organizations.access import primary_membership
    from doithoai.portal.home import nearest_deadlines

    client = Client()
    client.force_login(cast.leader)
    listed = {row["id"] for row in client.get("/api/v1/deadlines/").json()["results"]}
    assert listed == _ids(cast.leader) & set(
        Deadline.objects.filter(status="open").values_list("pk", flat=True)
    )
    home = {d.pk for d in nearest_deadlines(cast.leader, primary_membership(cast.leader))}
    assert home == listed
