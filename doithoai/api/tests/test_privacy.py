"""Confidential and anonymous petitions: no unit derived from the writer, no leak of who wrote
it, and the same shape for the inspection board as for the head, minus identities."""

import pytest

from doithoai.followups.actions import assign_petition
from doithoai.petitions.actions import receive_petition
from doithoai.petitions.models import Privacy

from .conftest import submitted

HIDDEN = [Privacy.CONFIDENTIAL, Privacy.ANONYMOUS]


@pytest.mark.parametrize("privacy", HIDDEN)
def test_concerned_unit_is_not_taken_from_the_submitter(cast, privacy):
    petition = submitted(cast, cast.staff, privacy)
    assert petition.concerned_unit_id is None
    assert petition.submitter_unit_id is None


def test_public_petition_still_concerns_the_submitters_unit(cast):
    assert submitted(cast, cast.staff).concerned_unit_id == cast.unit.pk


@pytest.mark.parametrize("privacy", HIDDEN)
def test_unit_leader_sees_it_only_once_assigned_and_never_the_identity(api, cast, privacy):
    petition = submitted(cast, cast.staff, privacy)
    assert api.get(cast.leader, f"/petitions/{petition.pk}").status_code == 404
    receive_petition(
        petition=petition, topic=cast.topic(), concerned_unit=cast.unit, by=cast.secretariat
    )
    assert api.get(cast.leader, f"/petitions/{petition.pk}").status_code == 404
    assert petition.pk not in [
        r["id"] for r in api.get(cast.leader, "/petitions/").json()["results"]
    ]
    assign_petition(petition=petition, unit=cast.unit, by=cast.head)
    response = api.get(cast.leader, f"/petitions/{petition.pk}")
    assert response.status_code == 200
    body = response.json()
    assert "submitter" not in body and "submitter_unit" not in body
    assert "staff" not in str(body)


@pytest.mark.parametrize("privacy", HIDDEN)
def test_unit_leader_page_is_refused_until_assigned(client, cast, privacy):
    petition = submitted(cast, cast.staff, privacy)
    receive_petition(
        petition=petition, topic=cast.topic(), concerned_unit=cast.unit, by=cast.secretariat
    )
    client.force_login(cast.leader)
    assert client.get(f"/kien-nghi/{petition.pk}/").status_code == 404
    assign_petition(petition=petition, unit=cast.unit, by=cast.head)
    page = client.get(f"/kien-nghi/{petition.pk}/")
    assert page.status_code == 200
    assert cast.staff.get_full_name() not in page.content.decode()


def test_identity_fields_are_absent_for_who_may_not_see_them(api, cast):
    petition = submitted(cast, cast.staff2, Privacy.CONFIDENTIAL)
    receive_petition(petition=petition, topic=cast.topic(), by=cast.secretariat)
    for user in (cast.head, cast.inspector):
        detail = api.get(user, f"/petitions/{petition.pk}").json()
        assert "submitter" not in detail and "submitter_unit" not in detail
        row = next(
            r for r in api.get(user, "/petitions/").json()["results"] if r["id"] == petition.pk
        )
        assert "submitter" not in row
    own = api.get(cast.secretariat, f"/petitions/{petition.pk}").json()
    assert own["submitter"]["username"] == "staff2"


def test_inspection_board_sees_the_heads_shape_minus_identities(api, cast):
    public = submitted(cast, cast.staff)
    hidden = submitted(cast, cast.staff2, Privacy.CONFIDENTIAL)
    for petition in (public, hidden):
        receive_petition(petition=petition, topic=cast.topic(), by=cast.secretariat)
        head = api.get(cast.head, f"/petitions/{petition.pk}").json()
        board = api.get(cast.inspector, f"/petitions/{petition.pk}").json()
        assert head == board
    secretariat = api.get(cast.secretariat, f"/petitions/{hidden.pk}").json()
    assert set(secretariat) - set(board) == {"submitter", "submitter_unit"}
