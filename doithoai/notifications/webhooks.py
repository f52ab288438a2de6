"""Webhooks for integrations: each event POSTed as JSON, signed, delivered as a task with retries.

An endpoint belongs to an agency and lists the events it wants. Publishing an event writes one
`WebhookDelivery` per endpoint in the action's transaction and enqueues its task on commit, so
a slow or failing endpoint never slows nor breaks the action. The body names objects by codes
and states only, with identities masked as for the inspection board (no petitioner, no
author). `X-Doithoai-Signature: sha256=<hex HMAC-SHA256 of the body with the secret>`,
`X-Doithoai-Delivery: <uuid>`, `X-Doithoai-Event: <name>`.
"""

import datetime
import hashlib
import hmac
import json
import urllib.error
import urllib.request

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from doithoai.core.errors import PermissionRefused, ValidationFailed
from doithoai.organizations.access import has_role
from doithoai.organizations.models import Role

from .models import WebhookDelivery, WebhookEndpoint

TIMEOUT = 5  # seconds per attempt
MAX_ATTEMPTS = 5
BACKOFF = [10, 60, 300, 1800]  # seconds before attempts 2, 3, 4, 5


def sign(secret: str, body: bytes) -> str:
    """Return the signature header value of `body`."""
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def _masked(payload: dict) -> dict:
    """Return the event's objects as codes and states, never a person."""
    out = {}
    petition = payload.get("petition")
    for key in ("answer", "assignment"):
        if petition is None and payload.get(key) is not None:
            petition = payload[key].petition
    if petition is not None:
        out["petition"] = {
            "code": petition.code,
            "title": petition.title,
            "status": petition.status,
            "topic": petition.topic.name if petition.topic_id else None,
            "concerned_unit": str(petition.concerned_unit) if petition.concerned_unit_id else None,
        }
    if payload.get("assignment") is not None:
        a = payload["assignment"]
        out["assignment"] = {
            "id": a.pk,
            "unit": str(a.unit),
            "status": a.status,
            "due_date": a.due_date,
        }
    if payload.get("conference") is not None:
        c = payload["conference"]
        out["conference"] = {
            "id": c.pk,
            "title": c.title,
            "status": c.status,
            "starts_at": c.starts_at,
            "place": c.place,
        }
    if payload.get("notice") is not None:
        out["notice"] = {"symbol": payload["notice"].symbol}
    if payload.get("observation") is not None:
        out["observation"] = {"id": payload["observation"].pk, "kind": payload["observation"].kind}
    return out


def queue(name: str, agency, payload: dict) -> int:
    """Write a delivery per endpoint that wants `name`; enqueue each after commit."""
    endpoints = [
        e for e in WebhookEndpoint.objects.filter(agency=agency, is_active=True) if name in e.events
    ]
    body = {
        "event": name,
        "agency": agency.code,
        "occurred_at": timezone.now(),
        "data": _masked(payload),
    }
    text = json.dumps(body, cls=DjangoJSONEncoder, ensure_ascii=False)
    for endpoint in endpoints:
        delivery = WebhookDelivery.objects.create(endpoint=endpoint, event=name, body=text)
        transaction.on_commit(lambda pk=delivery.pk: deliver_webhook.enqueue(delivery_id=pk))
    return len(endpoints)


def _check_url(url: str) -> str:
    url = (url or "").strip()
    loopback = url.startswith(("http://127.0.0.1:", "http://localhost:"))
    if not url.startswith("https://") and not (settings.DEBUG or loopback and _allow_loopback()):
        raise ValidationFailed(_("Địa chỉ nhận phải dùng HTTPS."), field="url")
    return url


def _allow_loopback() -> bool:
    return getattr(settings, "WEBHOOKS_ALLOW_LOOPBACK", False)


@transaction.atomic
def register_endpoint(*, agency, url: str, secret: str, events, by) -> WebhookEndpoint:
    """Let the agency's administrator register an endpoint, its secret and its events."""
    from .events import EVENTS

    if not has_role(by, agency, Role.ADMIN):
        raise PermissionRefused()
    url = _check_url(url)
    if len(secret or "") < 16:
        raise ValidationFailed(_("Khóa bí mật cần ít nhất 16 ký tự."), field="secret")
    known = set(EVENTS) | {"assignment_urged"}
    chosen = sorted(set(events or ()))
    if not chosen or not set(chosen) <= known:
        raise ValidationFailed(_("Chọn các sự kiện cần gửi."), field="events")
    return WebhookEndpoint.objects.create(
        agency=agency, url=url, secret=secret, events=chosen, created_by=by
    )


@transaction.atomic
def resend(*, delivery: WebhookDelivery, by) -> WebhookDelivery:
    """Send a delivery again (same delivery id), on the administrator's request."""
    if not has_role(by, delivery.endpoint.agency, Role.ADMIN):
        raise PermissionRefused()
    copy = WebhookDelivery.objects.create(
        endpoint=delivery.endpoint,
        event=delivery.event,
        body=delivery.body,
        delivery_id=delivery.delivery_id,
    )
    transaction.on_commit(lambda: deliver_webhook.enqueue(delivery_id=copy.pk))
    return copy


@task()
def deliver_webhook(*, delivery_id: int) -> int | None:
    """POST one delivery; on failure schedule the next attempt with backoff. Return the status."""
    delivery = WebhookDelivery.objects.select_related("endpoint").filter(pk=delivery_id).first()
    if delivery is None or delivery.delivered_at is not None:
        return None
    endpoint = delivery.endpoint
    body = delivery.body.encode()
    request = urllib.request.Request(
        endpoint.url,
        data=body,
        method="POST",
        headers={
            "Content-Type": "application/json; charset=utf-8",
            "X-Doithoai-Event": delivery.event,
            "X-Doithoai-Delivery": str(delivery.delivery_id),
            "X-Doithoai-Signature": sign(endpoint.secret, body),
        },
    )
    status, error = None, ""
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:  # noqa: S310
            status = response.status
    except urllib.error.HTTPError as exc:
        status, error = exc.code, str(exc.reason)[:300]
    except (urllib.error.URLError, OSError, ValueError) as exc:
        error = str(exc)[:300]
    delivery.attempts += 1
    delivery.status_code = status
    delivery.error = error
    if status is not None and 200 <= status < 300:
        delivery.delivered_at = timezone.now()
    elif delivery.attempts < MAX_ATTEMPTS:
        wait = BACKOFF[min(delivery.attempts - 1, len(BACKOFF) - 1)]
        delivery.next_attempt_at = timezone.now() + datetime.timedelta(seconds=wait)
        if deliver_webhook.get_backend().supports_defer:
            deliver_webhook.using(run_after=delivery.next_attempt_at).enqueue(
                delivery_id=delivery.pk
            )
    delivery.save()
    return status
