"""Every URL of the workspace, follow-up, oversight and admin pages: the roles that may get it,
every other role refused, anonymous users sent to log in, and no write open to the board."""

import pytest

from doithoai.testing import factories as f

from .world import GET_AND_POST, POST_ONLY, World, route_names

ROLES = ["head", "deputy", "secretariat", "leader", "staff", "inspector", "admin"]
VIEWERS = {"head", "deputy", "secretariat", "inspector"}
GET_ALLOWED = {
    "conferences:list": VIEWERS,
    "conferences:plans": VIEWERS,
    "conferences:detail": VIEWERS,
    "conferences:item": VIEWERS,
    "conferences:minutes": VIEWERS,
    "conferences:create": {"head", "secretariat"},
    "followups:unit": {"leader"},
    "followups:decisions": {"head", "deputy"},
    "followups:extensions": {"head", "deputy"},
    "followups:assignment": VIEWERS | {"leader"},
    "followups:attachment": VIEWERS | {"leader"},
    "oversight:home": {"inspector"},
    "oversight:petitions": {"inspector"},
    "oversight:petition": {"inspector"},
    "oversight:conferences": {"inspector"},
    "oversight:conference": {"inspector"},
    "oversight:assignments": {"inspector"},
    "oversight:observations": {"inspector", "head", "deputy"},
    "organizations:home": {"admin"},
    "organizations:units": {"admin"},
    "organizations:members": {"admin"},
    "organizations:member_add": {"admin"},
    "organizations:member_edit": {"admin"},
    "organizations:import": {"admin"},
    "organizations:import_job": set(),  # a job lives in its creator's session: 404 to others
    "deadlines:rules": {"admin"},
    "conferences:schedule": {"secretariat"},
    "conferences:compilations": {"secretariat"},
    "conferences:compilation": {"secretariat"},
    "followups:followup": {"secretariat"},
    "followups:publish": {"secretariat"},
    "followups:published": set(ROLES),
    "organizations:access_log": {"admin"},
    # The installation administrator's pages: a superuser only, no agency role.
    "organizations:site_agencies": set(),
    "organizations:site_onboard": set(),
    "organizations:site_import": set(),
    "organizations:site_import_template": set(),
    "organizations:site_import_job": set(),
    "organizations:site_reorganise": set(),
}


@pytest.fixture
def world(cast, seed_day):
    return World(cast)


def test_every_route_is_covered():
    names = set(route_names())
    assert names == set(GET_ALLOWED) | POST_ONLY, names ^ (set(GET_ALLOWED) | POST_ONLY)


@pytest.mark.parametrize("name", sorted(GET_ALLOWED))
def test_get_by_role(client, world, name):
    url = world.url(name)
    for role in ROLES:
        client.force_login(getattr(world.cast, role))
        response = client.get(url)
        if role in GET_ALLOWED[name]:
            expected = 200
        elif name == "organizations:import_job" and role == "admin":
            expected = 404
        else:
            expected = 403
        assert response.status_code == expected, (name, role, response.status_code)
    client.force_login(world.cast.outsider)
    assert client.get(url).status_code == 403


@pytest.mark.parametrize("name", sorted(set(GET_ALLOWED) | POST_ONLY))
def test_anonymous_is_sent_to_log_in(client, world, name):
    method = client.post if name in POST_ONLY else client.get
    response = method(world.url(name))
    assert response.status_code == 302
    assert response["Location"].startswith("/dang-nhap/")


@pytest.mark.parametrize("name", sorted(POST_ONLY | GET_AND_POST))
def test_no_write_url_open_to_the_inspection_board(client, world, name):
    client.force_login(world.cast.inspector)
    before = f.db_state()
    response = client.post(
        world.url(name), {"reason": "x", "text": "x", "conclusion": "x", "kind": "observation"}
    )
    if name == "oversight:observation_create":
        assert response.status_code == 302
        return
    assert response.status_code == 403, (name, response.status_code)
    assert f.db_state() == before


@pytest.mark.parametrize("name", sorted(POST_ONLY - {"oversight:observation_create"}))
def test_get_on_a_write_url_is_refused(client, world, name):
    client.force_login(world.cast.head)
    assert client.get(world.url(name)).status_code in (403, 405)


@pytest.mark.parametrize("name", sorted(POST_ONLY))
def test_staff_cannot_write(client, world, name):
    client.force_login(world.cast.staff)
    before = f.db_state()
    response = client.post(world.url(name), {"reason": "x", "text": "x"})
    assert response.status_code == 403, (name, response.status_code)
    assert f.db_state() == before


def test_other_agency_objects_are_not_found(client, world):
    other = f.Elsewhere()
    client.force_login(other.head)
    for name in ("conferences:detail", "conferences:item", "followups:assignment"):
        assert client.get(world.url(name)).status_code in (403, 404)


def test_chair_actions_refused_to_a_deputy_without_delegation(client, world):
    client.force_login(world.cast.deputy)
    before = f.db_state()
    response = client.post(world.url("conferences:answer"), {"an-text": "Giải đáp."})
    assert response.status_code == 403
    assert f.db_state() == before


def test_unit_leader_of_another_unit_cannot_report(client, world):
    client.force_login(world.cast.other_leader)
    assert client.get(world.url("followups:assignment")).status_code == 404
    response = client.post(world.url("followups:report"), {"text": "Xong."})
    assert response.status_code == 404
