"""The 15-day request on the pages: the unit asks, the head sees the pending list and decides."""

import pytest
from django.urls import reverse

from doithoai.followups import actions as fu
from doithoai.followups.models import ExtensionRequest, ExtensionStatus
from doithoai.testing import factories as f

pytestmark = pytest.mark.usefixtures("seed_day")


def _pending(cast):
    _p, assignment = f.assigned(cast)
    request = fu.request_extension(assignment=assignment, reason="Cần xác minh.", by=cast.leader)
    return assignment, request


def test_the_leader_asks_and_the_due_date_stays(client, cast):
    _p, assignment = f.assigned(cast)
    due = assignment.due_date
    client.force_login(cast.leader)
    url = reverse("followups:extend", args=[assignment.pk])
    assert client.post(url, {"reason": ""}).status_code == 400
    response = client.post(url, {"reason": "Cần xác minh hồ sơ."}, follow=True)
    assert response.status_code == 200
    assignment.refresh_from_db()
    assert (assignment.due_date, assignment.needs_verification) == (due, False)
    assert assignment.extension_requests.get().status == ExtensionStatus.PENDING
    page = response.content.decode()
    assert "chờ lãnh đạo quyết định" in page
    # Asking twice: a clear refusal on the page, nothing written.
    response = client.post(url, {"reason": "Lần nữa."})
    assert response.status_code == 400
    assert "đang chờ lãnh đạo quyết định" in response.content.decode()
    assert ExtensionRequest.objects.count() == 1


def test_the_head_sees_pending_requests_and_decides_on_the_assignment_page(client, cast):
    assignment, request = _pending(cast)
    _other, decided = _pending(cast)
    fu.refuse_extension(extension=decided, reason="Không cần.", by=cast.head)
    client.force_login(cast.head)
    response = client.get(reverse("followups:extensions"))
    assert response.status_code == 200
    assert list(response.context["page_obj"].object_list) == [request]
    page = client.get(reverse("followups:assignment", args=[assignment.pk])).content.decode()
    assert reverse("followups:approve_extension", args=[request.pk]) in page
    assert reverse("followups:refuse_extension", args=[request.pk]) in page
    url = reverse("followups:approve_extension", args=[request.pk])
    assert client.post(url, {"note": ""}).status_code == 302
    assignment.refresh_from_db()
    assert assignment.needs_verification
    # A second decision is refused clearly.
    response = client.post(url, {"note": ""})
    assert response.status_code == 400
    assert "Đã đồng ý" in response.content.decode()


def test_refusal_needs_a_reason_and_keeps_the_date(client, cast):
    assignment, request = _pending(cast)
    due = assignment.due_date
    client.force_login(cast.head)
    url = reverse("followups:refuse_extension", args=[request.pk])
    assert client.post(url, {"reason": " "}).status_code == 400
    assert client.post(url, {"reason": "Hồ sơ đã đủ."}).status_code == 302
    request.refresh_from_db()
    assignment.refresh_from_db()
    assert (request.status, request.decision_reason) == (ExtensionStatus.REFUSED, "Hồ sơ đã đủ.")
    assert assignment.due_date == due
    page = client.get(reverse("followups:assignment", args=[assignment.pk])).content.decode()
    assert "Hồ sơ đã đủ." in page


@pytest.mark.parametrize("role", ["staff", "leader", "inspector", "secretariat", "deputy"])
def test_who_may_not_decide_is_refused_on_the_page(client, cast, role):
    _assignment, request = _pending(cast)
    client.force_login(getattr(cast, role))
    for name, data in (("approve_extension", {}), ("refuse_extension", {"reason": "Không."})):
        response = client.post(reverse(f"followups:{name}", args=[request.pk]), data)
        assert response.status_code in (403, 404), (role, name, response.status_code)
    request.refresh_from_db()
    assert request.status == ExtensionStatus.PENDING


def test_the_leader_sees_no_decision_form(client, cast):
    assignment, request = _pending(cast)
    client.force_login(cast.leader)
    page = client.get(reverse("followups:assignment", args=[assignment.pk])).content.decode()
    assert reverse("followups:approve_extension", args=[request.pk]) not in page
    assert "Cần xác minh." in page
