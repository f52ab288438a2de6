"""Staff pages: submit once, anonymous receipt shown once, similar petitions, feedback."""

import uuid

from django.core.cache import cache
from django.urls import reverse

from doithoai.audit.models import AuditEvent
from doithoai.followups.actions import answer_petition
from doithoai.petitions.models import Petition
from doithoai.testing import factories as f


def _form(**extra):
    data = {
        "token": str(uuid.uuid4()),
        "on_behalf": "self",
        "title": "Đề nghị nâng bậc lương trước thời hạn",
        "content": "Đề nghị xem xét nâng bậc lương cho cán bộ.",
        "privacy": "public",
    }
    data.update(extra)
    return data


def test_submit_creates_a_petition(client, cast, seed_day):
    client.force_login(cast.staff)
    response = client.post(reverse("petitions:submit"), _form())
    petition = Petition.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("petitions:detail", args=[petition.pk])
    assert petition.submitter == cast.staff


def test_double_submit_creates_one_petition(client, cast, seed_day):
    cache.clear()
    client.force_login(cast.staff)
    data = _form()
    first = client.post(reverse("petitions:submit"), data)
    second = client.post(reverse("petitions:submit"), data)
    assert Petition.objects.count() == 1
    assert second.status_code == 302
    assert second["Location"] == first["Location"]


def test_error_stays_next_to_the_field_and_input_is_kept(client, cast, seed_day):
    client.force_login(cast.staff)
    response = client.post(
        reverse("petitions:submit"), _form(title="   ", content="Nội dung giữ lại")
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert Petition.objects.count() == 0
    assert "Nội dung giữ lại" in html
    assert 'id="id_title_errors"' in html


def test_action_error_shown_on_its_field(client, cast, seed_day):
    client.force_login(cast.staff)
    response = client.post(
        reverse("petitions:submit"), _form(on_behalf="unit", privacy="anonymous")
    )
    form = response.context["form"]
    assert "privacy" in form.errors
    assert Petition.objects.count() == 0


def test_anonymous_receipt_is_shown_once(client, cast, seed_day):
    cache.clear()
    client.force_login(cast.staff)
    form = _form(privacy="anonymous")
    response = client.post(reverse("petitions:submit"), form)
    assert response.status_code == 200 and response["Cache-Control"] == "no-store"
    code = response.context["code"]
    assert code and code.startswith("AN-")
    assert code in response.content.decode()
    again = client.post(reverse("petitions:submit"), form)  # the same form sent twice
    assert again.context["code"] is None
    petition = Petition.objects.get()
    assert (
        petition.submitter is None and petition.receipt_hash and code not in petition.receipt_hash
    )


def test_similar_petitions_while_typing_ignore_diacritics(client, cast, seed_day):
    existing = f.received(cast, title="Đề nghị nâng bậc lương trước thời hạn")
    client.force_login(cast.staff2)
    response = client.get(
        reverse("petitions:submit"),
        {"title": "nang bac luong truoc thoi han", "content": ""},
        HTTP_HX_REQUEST="true",
    )
    html = response.content.decode()
    assert existing.code in html
    assert "<html" not in html  # the partial only
    assert reverse("petitions:support", args=[existing.pk]) in html


def test_support_from_the_suggestion(client, cast, seed_day):
    existing = f.received(cast)
    client.force_login(cast.staff2)
    response = client.post(reverse("petitions:support", args=[existing.pk]), HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert existing.supports.filter(user=cast.staff2).exists()


def test_my_petitions_lists_every_state_and_searches_without_diacritics(client, cast, seed_day):
    f.submitted(cast, title="Chế độ cho cán bộ trẻ")
    f.reach(cast, "rejected")
    client.force_login(cast.staff)
    response = client.get(reverse("petitions:mine"))
    assert response.context["page_obj"].paginator.count == 2
    response = client.get(reverse("petitions:mine"), {"q": "can bo tre"})
    assert [p.title for p in response.context["page_obj"]] == ["Chế độ cho cán bộ trẻ"]


def test_detail_shows_timeline_and_answer(client, cast, seed_day):
    petition = f.received(cast)
    answer_petition(petition=petition, text="Đã nâng bậc lương.", by=cast.head)
    client.force_login(cast.staff)
    html = client.get(reverse("petitions:detail", args=[petition.pk])).content.decode()
    assert "Đã nâng bậc lương." in html
    assert "Tiếp nhận, phân loại" in html and "Gửi kiến nghị" in html


def test_feedback_reopens_once_with_reason(client, cast, seed_day):
    petition = f.reach(cast, "answered")
    client.force_login(cast.staff)
    url = reverse("petitions:feedback", args=[petition.pk])
    missing = client.post(url, {"satisfied": "0", "reason": ""})
    assert missing.status_code == 400
    assert "reason" in missing.context["feedback_form"].errors
    ok = client.post(url, {"satisfied": "0", "reason": "Chưa rõ thời điểm áp dụng."})
    assert ok.status_code == 302
    petition.refresh_from_db()
    assert petition.status == "received" and petition.reopen_count == 1


def test_feedback_refused_to_someone_else(client, cast, seed_day):
    petition = f.reach(cast, "answered")
    client.force_login(cast.staff2)
    response = client.post(reverse("petitions:feedback", args=[petition.pk]), {"satisfied": "1"})
    assert response.status_code in (400, 404)
    petition.refresh_from_db()
    assert petition.status == "answered"


def test_authorize_representative_and_confirm_informed(client, cast, seed_day):
    client.force_login(cast.staff)
    response = client.post(reverse("petitions:authorize"), {"grantee": cast.staff2.pk})
    assert response.status_code == 302
    delegation = cast.staff.delegations_given.get()
    client.force_login(cast.staff2)
    page = client.get(reverse("petitions:represented"))
    assert delegation in page.context["delegations"]
    submit = client.get(reverse("petitions:submit"))
    assert str(delegation.pk) in dict(submit.context["form"].fields["on_behalf"].choices)
    client.post(reverse("petitions:confirm_informed", args=[delegation.pk]))
    delegation.refresh_from_db()
    assert delegation.informed_at is not None
    assert AuditEvent.objects.filter(verb="delegation.informed").exists()


def test_confirm_informed_refused_to_grantor(client, cast, seed_day):
    client.force_login(cast.staff)
    client.post(reverse("petitions:authorize"), {"grantee": cast.staff2.pk})
    delegation = cast.staff.delegations_given.get()
    response = client.post(reverse("petitions:confirm_informed", args=[delegation.pk]))
    assert response.status_code == 404
