"""Webhooks delivered to a real HTTP server on 127.0.0.1: signed, retried after a 500, masked."""

import hashlib
import hmac
import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

from doithoai.core.errors import PermissionRefused, ValidationFailed
from doithoai.notifications import webhooks
from doithoai.notifications.models import WebhookDelivery
from doithoai.testing import factories as f

pytestmark = pytest.mark.django_db

SECRET = "s3cret-for-the-test-endpoint"
PORT = 28091


@pytest.fixture
def server():
    """Answer 500 to the first request, 200 afterwards; keep what arrived."""
    received = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers["Content-Length"]))
            received.append((dict(self.headers), body))
            self.send_response(500 if len(received) == 1 else 200)
            self.end_headers()

        def log_message(self, *args):
            pass

    httpd = HTTPServer(("127.0.0.1", PORT), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield received
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def endpoint(cast, settings):
    settings.WEBHOOKS_ALLOW_LOOPBACK = True
    return webhooks.register_endpoint(
        agency=cast.agency,
        url=f"http://127.0.0.1:{PORT}/hook",
        secret=SECRET,
        events=["petition_received", "answer_given"],
        by=cast.admin,
    )


def test_event_is_signed_retried_after_a_500_and_masks_identities(
    cast, seed_day, server, endpoint, settings
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    cast.staff.first_name, cast.staff.last_name = "Nguyễn Văn", "Bí Mật"
    cast.staff.save()
    from doithoai.petitions.models import Privacy

    petition = f.received(cast, privacy=Privacy.CONFIDENTIAL)
    delivery = WebhookDelivery.objects.get(event="petition_received")
    assert webhooks.deliver_webhook.call(delivery_id=delivery.pk) == 500
    delivery.refresh_from_db()
    assert delivery.delivered_at is None and delivery.next_attempt_at is not None
    assert webhooks.deliver_webhook.call(delivery_id=delivery.pk) == 200
    delivery.refresh_from_db()
    assert delivery.delivered_at is not None and delivery.attempts == 2
    assert len(server) == 2
    for headers, body in server:
        expected = "sha256=" + hmac.new(SECRET.encode(), body, hashlib.sha256).hexdigest()
        assert hmac.compare_digest(headers["X-Doithoai-Signature"], expected)
        assert headers["X-Doithoai-Delivery"] == str(delivery.delivery_id)
    data = json.loads(server[1][1])
    assert (
        data["event"] == "petition_received" and data["data"]["petition"]["code"] == petition.code
    )
    text = server[1][1].decode()
    assert "Bí Mật" not in text and cast.staff.username not in text
    assert webhooks.deliver_webhook.call(delivery_id=delivery.pk) is None  # never twice


def test_a_dead_endpoint_never_breaks_the_action(
    cast, seed_day, settings, endpoint, django_capture_on_commit_callbacks
):
    """Nothing listens on the port: the action commits, the delivery records the error."""
    with django_capture_on_commit_callbacks(execute=True):
        f.received(cast)
    delivery = WebhookDelivery.objects.get(event="petition_received")
    assert delivery.attempts == 1 and delivery.status_code is None and delivery.error
    assert not WebhookDelivery.objects.filter(event="answer_given").exists()


def test_only_an_admin_registers_and_only_https(cast, settings):
    with pytest.raises(PermissionRefused):
        webhooks.register_endpoint(
            agency=cast.agency,
            url="https://x.example/h",
            secret=SECRET,
            events=["answer_given"],
            by=cast.head,
        )
    with pytest.raises(ValidationFailed):
        webhooks.register_endpoint(
            agency=cast.agency,
            url="http://x.example/h",
            secret=SECRET,
            events=["answer_given"],
            by=cast.admin,
        )
    with pytest.raises(ValidationFailed):
        webhooks.register_endpoint(
            agency=cast.agency,
            url="https://x.example/h",
            secret=SECRET,
            events=["nope"],
            by=cast.admin,
        )


def test_admin_page_registers_lists_and_resends(client, cast, seed_day, endpoint, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    f.received(cast)
    delivery = WebhookDelivery.objects.get()
    client.force_login(cast.admin)
    html = client.get("/thong-bao/webhook/").content.decode()
    assert "petition_received" in html and endpoint.url in html
    response = client.post(
        "/thong-bao/webhook/dang-ky/",
        {"url": "https://dms.example.vn/hook", "secret": SECRET, "events": ["answer_given"]},
    )
    assert response.status_code == 302
    assert client.post(f"/thong-bao/webhook/{delivery.pk}/gui-lai/").status_code == 302
    copies = WebhookDelivery.objects.filter(delivery_id=delivery.delivery_id)
    assert copies.count() == 2
    bad = client.post("/thong-bao/webhook/dang-ky/", {"url": "https://x", "secret": "short"})
    assert bad.status_code == 400
    client.force_login(cast.head)
    assert client.get("/thong-bao/webhook/").status_code == 403
