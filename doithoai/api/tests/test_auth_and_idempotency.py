"""Tokens, session auth with CSRF, rate limiting, and Idempotency-Key on POST."""

import datetime

import pytest
from django.utils import timezone

from doithoai.api.actions import create_token, revoke_token
from doithoai.api.models import ApiToken, IdempotencyRecord
from doithoai.audit.models import AuditEvent, Verb
from doithoai.core.errors import PermissionRefused, ValidationFailed
from doithoai.petitions.models import Petition

from .conftest import submitted

BODY = {"title": "Đề nghị", "content": "Nội dung"}
LATER = datetime.date.today() + datetime.timedelta(days=30)


def test_create_token_stores_only_a_hash_and_is_audited(cast):
    token, secret = create_token(by=cast.staff, name="iOffice", expires_on=LATER)
    assert secret.startswith("dth_") and secret not in (token.hash, token.prefix)
    assert secret.startswith(token.prefix)
    event = AuditEvent.objects.get(verb=Verb.TOKEN_CREATED)
    assert event.actor == cast.staff and secret not in str(event.after)


def test_create_token_needs_a_future_expiry(cast):
    with pytest.raises(ValidationFailed):
        create_token(by=cast.staff, name="x", expires_on=datetime.date.today())
    with pytest.raises(ValidationFailed):
        create_token(by=cast.staff, name="x", expires_on=None)


def test_revoked_and_expired_tokens_are_refused(api, client, cast):
    token, secret = create_token(by=cast.staff, name="x", expires_on=LATER)
    headers = {"Authorization": f"Bearer {secret}"}
    assert client.get("/api/v1/petitions/", headers=headers).status_code == 200
    assert ApiToken.objects.get(pk=token.pk).last_used_at is not None
    with pytest.raises(PermissionRefused):
        revoke_token(token=token, by=cast.staff2)
    revoke_token(token=token, by=cast.staff)
    assert AuditEvent.objects.filter(verb=Verb.TOKEN_REVOKED).count() == 1
    assert client.get("/api/v1/petitions/", headers=headers).status_code == 401
    other, secret2 = create_token(by=cast.staff, name="y", expires_on=LATER)
    ApiToken.objects.filter(pk=other.pk).update(expires_at=timezone.now())
    response = client.get("/api/v1/petitions/", headers={"Authorization": f"Bearer {secret2}"})
    assert response.status_code == 401
    assert (
        client.get("/api/v1/petitions/", headers={"Authorization": "Bearer nope"}).status_code
        == 401
    )


def test_token_page_creates_shows_once_and_revokes(client, cast):
    response = client.get("/api/tokens/")
    assert response.status_code == 302 and response["Location"].startswith("/dang-nhap/")
    client.force_login(cast.staff)
    assert client.get("/api/tokens/").status_code == 200
    response = client.post("/api/tokens/", {"name": "Cổng", "expires_on": LATER.isoformat()})
    assert response.status_code == 200
    secret = response.context["secret"]
    assert secret in response.content.decode()
    token = ApiToken.objects.get(user=cast.staff)
    assert secret not in client.get("/api/tokens/").content.decode()
    client.force_login(cast.staff2)
    assert client.post(f"/api/tokens/{token.pk}/revoke/").status_code == 404
    client.force_login(cast.staff)
    assert client.post(f"/api/tokens/{token.pk}/revoke/").status_code == 302
    assert ApiToken.objects.get(pk=token.pk).revoked_at is not None


def test_session_auth_requires_csrf_on_post(cast):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(cast.staff)
    assert client.get("/api/v1/petitions/").status_code == 200
    refused = client.post("/api/v1/petitions/", BODY, content_type="application/json")
    assert refused.status_code == 403
    client.get("/api/tokens/")  # sets the CSRF cookie
    csrf = client.cookies["csrftoken"].value
    ok = client.post(
        "/api/v1/petitions/", BODY, content_type="application/json", headers={"X-CSRFToken": csrf}
    )
    assert ok.status_code == 201


def test_rate_limit_is_429(api, cast, settings):
    settings.API_RATE_LIMIT = 2
    settings.API_RATE_WINDOW = 60
    assert api.get(cast.staff, "/petitions/").status_code == 200
    assert api.get(cast.staff, "/petitions/").status_code == 200
    response = api.get(cast.staff, "/petitions/")
    assert response.status_code == 429 and response.json()["code"] == "rate_limited"
    assert int(response["Retry-After"]) >= 1
    assert api.get(cast.staff2, "/petitions/").status_code == 200  # per token


def test_idempotent_retry_returns_the_first_response(api, cast):
    headers = {"Idempotency-Key": "abc-1"}
    first = api.post(cast.staff, "/petitions/", BODY, headers=headers)
    second = api.post(cast.staff, "/petitions/", BODY, headers=headers)
    assert first.status_code == second.status_code == 201
    assert first.json() == second.json()
    assert Petition.objects.count() == 1
    # Another user's identical key is independent.
    assert api.post(cast.staff2, "/petitions/", BODY, headers=headers).status_code == 201
    assert Petition.objects.count() == 2


def test_same_key_with_another_body_is_409(api, cast):
    headers = {"Idempotency-Key": "abc-2"}
    assert api.post(cast.staff, "/petitions/", BODY, headers=headers).status_code == 201
    other = api.post(cast.staff, "/petitions/", {**BODY, "title": "Khác"}, headers=headers)
    assert other.status_code == 409 and other.json()["code"] == "idempotency_conflict"
    petition = submitted(cast)
    path = api.post(cast.staff, f"/petitions/{petition.pk}/withdraw", {}, headers=headers)
    assert path.status_code == 409
    assert Petition.objects.count() == 2


def test_failed_action_stores_no_idempotency_record(api, cast):
    headers = {"Idempotency-Key": "abc-3"}
    assert api.post(cast.head, "/petitions/", BODY, headers=headers).status_code == 403
    assert not IdempotencyRecord.objects.exists()


def test_action_retry_does_not_repeat_the_action(api, cast):
    petition = submitted(cast)
    headers = {"Idempotency-Key": "withdraw-1"}
    first = api.post(cast.staff, f"/petitions/{petition.pk}/withdraw", {}, headers=headers)
    again = api.post(cast.staff, f"/petitions/{petition.pk}/withdraw", {}, headers=headers)
    assert first.status_code == again.status_code == 200
    assert AuditEvent.objects.filter(verb=Verb.PETITION_WITHDRAWN).count() == 1


def test_anonymous_submission_stores_nothing_linking_the_caller(api, cast):
    headers = {"Idempotency-Key": "anon-1"}
    body = {**BODY, "privacy": "anonymous"}
    assert api.post(cast.staff, "/petitions/", body, headers=headers).status_code == 201
    assert not IdempotencyRecord.objects.exists()
