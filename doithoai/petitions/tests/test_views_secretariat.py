"""Secretariat pages: classify, merge, reject, schedule, compile, urge, publish."""

from django.urls import reverse

from doithoai.audit.models import AuditEvent
from doithoai.followups.actions import answer_petition, assign_petition
from doithoai.petitions.models import Petition
from doithoai.testing import factories as f


def test_inbox_shows_new_petitions_by_default(client, cast, seed_day):
    new = f.submitted(cast, title="Mới")
    f.received(cast, title="Cũ")
    client.force_login(cast.secretariat)
    response = client.get(reverse("petitions:inbox"))
    assert [p.pk for p in response.context["page_obj"]] == [new.pk]


def test_inbox_htmx_renders_rows_only(client, cast, seed_day):
    f.submitted(cast, title="Kiến nghị về cán bộ")
    client.force_login(cast.secretariat)
    response = client.get(reverse("petitions:inbox"), {"q": "can bo"}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert "<html" not in html and "Kiến nghị về cán bộ" in html


def test_record_paper_petition(client, cast, seed_day):
    client.force_login(cast.secretariat)
    data = {
        "token": "5b1f3a52-3f0d-4b7e-9a55-2d1f0c8b9e11",
        "title": "Đề nghị sửa mái nhà xe",
        "content": "Mái nhà xe bị dột.",
        "privacy": "public",
        "submitter_name": "Nguyễn Văn A",
    }
    response = client.post(reverse("petitions:record"), data)
    again = client.post(reverse("petitions:record"), data)
    petition = Petition.objects.get()
    assert response.status_code == 302 and again.status_code == 302
    assert petition.channel == "paper" and petition.status == "received"


def test_record_without_submitter_shows_error_on_field(client, cast, seed_day):
    client.force_login(cast.secretariat)
    data = {
        "token": "0b1f3a52-3f0d-4b7e-9a55-2d1f0c8b9e12",
        "title": "T",
        "content": "C",
        "privacy": "public",
    }
    response = client.post(reverse("petitions:record"), data)
    assert "submitter_name" in response.context["form"].errors


def test_receive_classify(client, cast, seed_day):
    petition = f.submitted(cast)
    client.force_login(cast.secretariat)
    response = client.post(
        reverse("petitions:receive", args=[petition.pk]),
        {"topic": cast.topic().pk, "privacy": "public", "concerned_unit": cast.unit.pk},
    )
    assert response.status_code == 302
    petition.refresh_from_db()
    assert petition.status == "received" and petition.concerned_unit == cast.unit


def test_reject_requires_reason(client, cast, seed_day):
    petition = f.submitted(cast)
    client.force_login(cast.secretariat)
    response = client.post(reverse("petitions:reject", args=[petition.pk]), {"reason": ""})
    assert response.status_code == 400
    assert "reason" in response.context["reject_form"].errors
    client.post(reverse("petitions:reject", args=[petition.pk]), {"reason": "Ngoài thẩm quyền."})
    petition.refresh_from_db()
    assert petition.status == "rejected"


def test_transfer(client, cast, seed_day):
    petition = f.submitted(cast)
    client.force_login(cast.secretariat)
    client.post(
        reverse("petitions:transfer", args=[petition.pk]),
        {"transferred_to": "Sở Nội vụ", "reason": "Thẩm quyền Sở Nội vụ."},
    )
    petition.refresh_from_db()
    assert petition.status == "transferred"


def test_merge_suggests_and_merges_duplicates(client, cast, seed_day):
    lead = f.received(cast, title="Đề nghị nâng bậc lương trước thời hạn")
    dup = f.submitted(cast, by=cast.staff2, title="Nâng bậc lương trước thời hạn cho cán bộ")
    client.force_login(cast.secretariat)
    page = client.get(reverse("petitions:manage", args=[lead.pk]))
    assert dup in page.context["suggestions"]
    client.post(reverse("petitions:merge", args=[lead.pk]), {"duplicates": [dup.pk]})
    dup.refresh_from_db()
    assert dup.status == "merged" and dup.merged_into == lead


def test_schedule_then_send_compilation(client, cast, seed_day):
    conference = f.ad_hoc_conference(cast)
    petition = f.received(cast)
    client.force_login(cast.secretariat)
    response = client.post(
        reverse("conferences:schedule"), {"conference": conference.pk, "petitions": [petition.pk]}
    )
    assert response.status_code == 302
    page = client.get(reverse("conferences:compilation", args=[conference.pk]))
    assert page.context["count"] == 1 and page.context["can_send"]
    client.post(reverse("conferences:send_compilation", args=[conference.pk]))
    conference.refresh_from_db()
    assert conference.status == "compiled"


def test_unschedule(client, cast, seed_day):
    petition = f.scheduled(cast)
    client.force_login(cast.secretariat)
    client.post(reverse("conferences:unschedule", args=[petition.pk]))
    petition.refresh_from_db()
    assert petition.status == "received"


def test_urge_late_unit_is_audited(client, cast, seed_day):
    assignment = assign_petition(petition=f.received(cast), unit=cast.unit, by=cast.head)
    client.force_login(cast.secretariat)
    response = client.post(reverse("followups:urge", args=[assignment.pk]), {"message": "Khẩn."})
    assert response.status_code == 302
    event = AuditEvent.objects.get(verb="assignment.urged")
    assert event.reason == "Khẩn." and event.actor == cast.secretariat


def test_urge_refused_to_head(client, cast, seed_day):
    assignment = assign_petition(petition=f.received(cast), unit=cast.unit, by=cast.head)
    client.force_login(cast.head)
    assert client.post(reverse("followups:urge", args=[assignment.pk])).status_code == 403


def test_publish_answer_and_notice(client, cast, seed_day):
    answer = answer_petition(petition=f.received(cast), text="Trả lời công khai.", by=cast.head)
    conference = f.conference_in(cast, "concluded")
    client.force_login(cast.secretariat)
    client.post(reverse("followups:publish_answer", args=[answer.pk]))
    client.post(reverse("followups:publish_notice", args=[conference.notice.pk]))
    again = client.post(reverse("followups:publish_answer", args=[answer.pk]), follow=True)
    assert "đã được công khai" in again.content.decode()
    client.force_login(cast.staff2)
    html = client.get(reverse("followups:published")).content.decode()
    assert "Trả lời công khai." in html and conference.notice.symbol in html
    assert AuditEvent.objects.filter(verb="notice.published").count() == 1


def test_publish_refused_to_staff(client, cast, seed_day):
    answer = answer_petition(petition=f.received(cast), text="Trả lời.", by=cast.head)
    client.force_login(cast.staff)
    assert client.post(reverse("followups:publish_answer", args=[answer.pk])).status_code == 403
