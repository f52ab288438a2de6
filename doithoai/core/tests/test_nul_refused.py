"""A NUL character in any text input is refused with a clear 400 (PostgreSQL cannot store it)."""

import json

from django.urls import reverse

from doithoai.api.actions import create_token
from doithoai.petitions.models import Petition
from doithoai.testing.factories import SEED_DAY


def test_api_refuses_nul_in_json_with_a_structured_400(client, cast, seed_day):
    _token, secret = create_token(
        by=cast.staff, name="t", expires_on=SEED_DAY.date().replace(year=2019)
    )
    body = json.dumps({"title": "Góp ý\u0000", "content": "Nội dung", "privacy": "public"})
    response = client.post(
        "/api/v1/petitions/",
        data=body,
        content_type="application/json",
        headers={"Authorization": f"Bearer {secret}"},
    )
    assert response.status_code == 400
    assert response.json()["code"] == "validation_error" and "NUL" in response.json()["message"]
    assert not Petition.objects.exists()


def test_form_post_with_nul_is_refused(client, cast):
    client.force_login(cast.staff)
    response = client.post(reverse("receipt_lookup"), {"code": "AN-\x00"})
    assert response.status_code == 400 and "NUL" in response.content.decode()
    multipart = client.post(
        reverse("petitions:submit"), {"title": "a\x00b", "content": "x"}, format="multipart"
    )
    assert multipart.status_code == 400


def test_query_string_with_nul_is_refused(client, cast):
    client.force_login(cast.staff)
    assert client.get(reverse("petitions:mine") + "?q=a%00b").status_code == 400
    assert client.get(reverse("petitions:mine") + "?q=a%2500b").status_code == 200


def test_a_nul_deep_in_a_json_body_is_named_and_numbers_do_not_trip_the_search(client):
    import json

    body = {"count": 292303, "ok": True, "none": None, "items": [1.5, {"title": "a\x00b"}]}
    response = client.post("/api/v1/petitions/", json.dumps(body), content_type="application/json")
    assert response.status_code == 400
    assert response.json()["field"] == "items.1.title"


def test_api_refuses_nul_in_a_multipart_field_with_a_structured_400(client, cast, seed_day):
    """A multipart API body with a NUL in a text field: 400 naming it (it was a 500)."""
    _token, secret = create_token(
        by=cast.staff, name="t", expires_on=SEED_DAY.date().replace(year=2019)
    )
    response = client.post(
        "/api/v1/petitions/with-attachments",
        {"title": "Góp ý\x00", "content": "Nội dung", "privacy": "public"},
        headers={"Authorization": f"Bearer {secret}"},
    )
    assert response.status_code == 400
    assert response.json() == {
        "code": "validation_error",
        "message": response.json()["message"],
        "field": "title",
    }
