"""Every error under /api/v1/ is the JSON object `{code, message, field}`, whoever raised it."""

import json

import pytest

from .conftest import received

TOO_BIG = str(2**64)


def _is_error(response, status, code=None):
    assert response.status_code == status, response.content[:300]
    assert response["Content-Type"].startswith("application/json"), response["Content-Type"]
    body = response.json()
    assert set(body) == {"code", "message", "field"}
    assert body["message"]
    if code:
        assert body["code"] == code
    return body


@pytest.mark.parametrize("debug", [True, False])
def test_unknown_path_is_a_json_404(api, cast, settings, debug):
    settings.DEBUG = debug
    _is_error(api.get(cast.staff, "/no-such-thing/"), 404, "not_found")
    _is_error(api.get(None, "/petitions/1/nothing"), 404, "not_found")


def test_delete_on_a_petition_is_a_json_405(api, cast):
    petition = received(cast)
    response = api.client.delete(
        f"/api/v1/petitions/{petition.pk}",
        headers={"Authorization": f"Bearer {api.token(cast.secretariat)}"},
    )
    _is_error(response, 405, "method_not_allowed")
    assert "GET" in response["Allow"]


@pytest.mark.parametrize(
    "path",
    [
        f"/petitions/?topic={TOO_BIG}",
        f"/petitions/?unit={TOO_BIG}",
        f"/petitions/?conference={TOO_BIG}",
        f"/assignments/?unit={TOO_BIG}",
        f"/deadlines/?unit={TOO_BIG}",
        f"/petitions/{TOO_BIG}",
        f"/conferences/{TOO_BIG}",
        "/petitions/abc",
        "/petitions/?topic=1.5",
        "/petitions/?q=a%00b",
    ],
)
def test_out_of_range_and_malformed_ids_are_400(api, cast, path):
    _is_error(api.get(cast.head, path), 400, "validation_error")


def test_merge_with_an_id_beyond_the_database_range_is_400(api, cast):
    lead = received(cast)
    body = {"duplicate_ids": [2**64], "reason": "trùng"}
    error = _is_error(api.post(cast.secretariat, f"/petitions/{lead.pk}/merge", body), 400)
    assert error["field"].startswith("duplicate_ids")


def test_unknown_body_fields_are_refused(api, cast):
    body = {"title": "Góp ý", "content": "Nội dung", "is_admin": True}
    error = _is_error(api.post(cast.staff, "/petitions/", body), 400, "validation_error")
    assert error["field"] == "is_admin"


def test_nul_characters_in_text_are_refused(api, cast):
    from doithoai.petitions.models import Petition

    body = {"title": "Góp\x00ý", "content": "Nội dung"}
    error = _is_error(api.post(cast.staff, "/petitions/", body), 400, "validation_error")
    assert error["field"] == "title"
    assert not Petition.objects.exists()


def test_a_body_that_is_not_json_is_415_or_400(api, cast):
    headers = {"Authorization": f"Bearer {api.token(cast.staff)}"}
    form = api.client.post(
        "/api/v1/petitions/", data="title=x", content_type="text/plain", headers=headers
    )
    _is_error(form, 415, "unsupported_media_type")
    broken = api.client.post(
        "/api/v1/petitions/", data="{not json", content_type="application/json", headers=headers
    )
    _is_error(broken, 400, "bad_request")


@pytest.mark.parametrize("debug", [True, False])
def test_unhandled_exception_is_a_json_500(api, cast, settings, monkeypatch, debug):
    settings.DEBUG = debug

    def boom(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr("doithoai.api.petitions.petitions_for_list", boom)
    body = _is_error(api.get(cast.staff, "/petitions/"), 500, "server_error")
    assert "boom" not in json.dumps(body)


def test_auth_and_rate_limit_errors_keep_the_shape(api, cast, settings):
    _is_error(api.get(None, "/petitions/"), 401, "unauthorized")
    settings.API_RATE_LIMIT = 1
    api.get(cast.staff, "/petitions/")
    _is_error(api.get(cast.staff, "/petitions/"), 429, "rate_limited")


def test_refusals_keep_the_shape(api, cast):
    petition = received(cast)
    _is_error(api.post(cast.staff, f"/petitions/{petition.pk}/reject", {"reason": "x"}), 403)
    api.post(cast.secretariat, f"/petitions/{petition.pk}/reject", {"reason": "Ngoài thẩm quyền"})
    again = api.post(cast.secretariat, f"/petitions/{petition.pk}/reject", {"reason": "lại"})
    _is_error(again, 409)


def test_too_large_a_body_is_a_json_413(api, cast, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 200
    body = {"title": "Góp ý", "content": "x" * 1000}
    _is_error(api.post(cast.staff, "/petitions/", body), 413, "payload_too_large")


def test_session_without_csrf_is_a_json_403(client, cast):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(cast.staff)
    response = strict.post(
        "/api/v1/petitions/", data={"title": "x"}, content_type="application/json"
    )
    _is_error(response, 403)
