"""The 15-day request through the API: pending until the head decides; only approval moves."""

import pytest

from doithoai.audit.models import AuditEvent, Verb
from doithoai.deadlines.display import stored
from doithoai.testing.factories import assigned

from .test_errors import _is_error

pytestmark = pytest.mark.usefixtures("seed_day")


def _ask(api, cast):
    _petition, assignment = assigned(cast)
    response = api.post(
        cast.leader, f"/assignments/{assignment.pk}/extension", {"reason": "Cần xác minh."}
    )
    assert response.status_code == 201, response.content
    return assignment, response.json()


def test_the_request_is_pending_and_moves_nothing(api, cast):
    assignment, body = _ask(api, cast)
    assert body["status"] == "pending" and body["due_date"] == assignment.due_date.isoformat()
    again = api.post(
        cast.leader, f"/assignments/{assignment.pk}/extension", {"reason": "Cần xác minh."}
    )
    _is_error(again, 409)
    assert "chờ" in again.json()["message"]
    listed = api.get(cast.head, "/extension-requests/", {"status": "pending"}).json()
    assert [r["id"] for r in listed["results"]] == [body["id"]]
    assignment.refresh_from_db()
    assert not assignment.needs_verification


def test_the_head_approves_and_the_due_date_moves(api, cast):
    assignment, body = _ask(api, cast)
    before = assignment.due_date
    path = f"/extension-requests/{body['id']}"
    approved = api.post(cast.head, f"{path}/approve", {"note": ""})
    assert approved.status_code == 200, approved.content
    assignment.refresh_from_db()
    assert approved.json()["status"] == "approved"
    assert approved.json()["due_date"] == stored(assignment, "resolution").due_date.isoformat()
    assert assignment.due_date > before
    _is_error(api.post(cast.head, f"{path}/approve", {}), 409)
    _is_error(api.post(cast.head, f"{path}/refuse", {"reason": "Đổi ý."}), 409)
    assert AuditEvent.objects.filter(verb=Verb.EXTENSION_APPROVED).count() == 1


def test_refusal_needs_its_reason_and_keeps_the_due_date(api, cast):
    assignment, body = _ask(api, cast)
    path = f"/extension-requests/{body['id']}/refuse"
    _is_error(api.post(cast.head, path, {"reason": " "}), 400)
    _is_error(api.post(cast.head, path, {}), 400)
    refused = api.post(cast.head, path, {"reason": "Hồ sơ đã đủ."})
    assert refused.status_code == 200
    assert refused.json()["decision_reason"] == "Hồ sơ đã đủ."
    assert refused.json()["due_date"] == assignment.due_date.isoformat()


@pytest.mark.parametrize("role", ["staff", "leader", "inspector", "secretariat", "deputy"])
def test_who_may_not_decide_is_refused(api, cast, role):
    _assignment, body = _ask(api, cast)
    path = f"/extension-requests/{body['id']}"
    for action, payload in (("approve", {}), ("refuse", {"reason": "Không."})):
        response = api.post(getattr(cast, role), f"{path}/{action}", payload)
        assert response.status_code in (403, 404), (role, action, response.status_code)
    assert not AuditEvent.objects.filter(
        verb__in=[Verb.EXTENSION_APPROVED, Verb.EXTENSION_REFUSED]
    ).exists()


def test_an_unknown_request_is_404(api, cast):
    _is_error(api.post(cast.head, "/extension-requests/999999/approve", {}), 404)
    _is_error(api.get(cast.head, "/extension-requests/", {"status": "later"}), 400)
