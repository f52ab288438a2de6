"""A unit leader reports, asks for 15 days; the head accepts and answers, or returns."""

from django.urls import reverse

from doithoai.followups.models import AssignmentStatus
from doithoai.petitions.models import Status
from doithoai.testing import factories as f


def test_leader_sees_the_unit_items_with_working_days_left(client, cast, seed_day):
    _p, assignment = f.assigned(cast)
    f.assigned(cast, unit=cast.other_unit, title="Việc của phòng khác")
    client.force_login(cast.leader)
    response = client.get(reverse("followups:unit"))
    rows = list(response.context["page_obj"].object_list)
    assert rows == [assignment]
    assert "còn" in response.content.decode() and "ngày làm việc" in response.content.decode()


def test_report_with_attachment_keeps_text_on_error(client, cast, seed_day):
    _p, assignment = f.assigned(cast)
    client.force_login(cast.leader)
    url = reverse("followups:report", args=[assignment.pk])
    bad = f.upload("virus.exe")
    response = client.post(url, {"text": "Kết quả đã xử lý.", "attachments": [bad]})
    assert response.status_code == 400
    assert response.context["report_form"]["text"].value() == "Kết quả đã xử lý."
    assert response.context["report_form"].errors
    response = client.post(url, {"text": "Kết quả đã xử lý.", "attachments": [f.upload()]})
    assert response.status_code == 302
    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.REPORTED
    assert assignment.attachments.count() == 1


def test_extension_needs_a_reason(client, cast, seed_day):
    _p, assignment = f.assigned(cast)
    client.force_login(cast.leader)
    url = reverse("followups:extend", args=[assignment.pk])
    assert client.post(url, {"reason": ""}).status_code == 400
    assert client.post(url, {"reason": "Cần xác minh hồ sơ."}).status_code == 302
    assignment.refresh_from_db()
    assert not assignment.needs_verification  # a request waits for the head
    assert assignment.extension_requests.get().reason == "Cần xác minh hồ sơ."


def test_head_accepts_and_answers_or_returns(client, cast, seed_day):
    petition, assignment = f.assigned(cast)
    from doithoai.followups.actions import report_resolution

    report_resolution(assignment=assignment, text="Đã rà soát.", by=cast.leader)
    client.force_login(cast.head)
    response = client.get(reverse("followups:decisions"))
    assert list(response.context["page_obj"].object_list) == [assignment]
    url = reverse("followups:return", args=[assignment.pk])
    assert client.post(url, {"note": "Bổ sung hồ sơ."}).status_code == 302
    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.RETURNED
    report_resolution(assignment=assignment, text="Đã bổ sung.", by=cast.leader)
    url = reverse("followups:accept", args=[assignment.pk])
    assert client.post(url, {"answer_text": ""}).status_code == 400
    assert client.post(url, {"answer_text": "Trả lời: đã nâng lương."}).status_code == 302
    petition.refresh_from_db()
    assert petition.status == Status.ANSWERED
    client.force_login(cast.deputy)
    assert client.post(url, {"answer_text": "x"}).status_code == 403
