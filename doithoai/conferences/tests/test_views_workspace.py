"""The head's conference workspace through the pages: plan, delegate, run, close, notice."""

import datetime

from django.urls import reverse

from doithoai.conferences.models import AgendaStatus, ConferenceStatus, DialoguePlan
from doithoai.followups.models import Assignment
from doithoai.organizations.models import Delegation
from doithoai.petitions.models import Status
from doithoai.testing import factories as f


def _login(client, user):
    client.force_login(user)
    return client


def test_plan_issue_and_schedule_with_rule_one_error_by_the_date(client, cast, seed_day):
    _login(client, cast.head)
    response = client.post(reverse("conferences:plan_create"), {"year": "2018"})
    assert response.status_code == 302
    plan = DialoguePlan.objects.get(agency=cast.agency, year=2018)
    response = client.post(
        reverse("conferences:plan_issue", args=[plan.pk]), {f"p{plan.pk}-issued_on": "03/01/2018"}
    )
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.symbol == "01/KH-VPUBND" and plan.issued_on == datetime.date(2018, 1, 3)
    data = {
        "kind": "mid_year",
        "plan": plan.pk,
        "combined_with": "none",
        "title": "Hội nghị đối thoại lần thứ nhất",
        "starts_on": "20/09/2018",
        "starts_time": "08:00",
        "place": "Phòng họp tầng 3",
    }
    response = client.post(reverse("conferences:create"), data)
    assert response.status_code == 400
    form = response.context["form"]
    assert "tháng 6" in form.errors["starts_on"][0]
    assert form["title"].value() == "Hội nghị đối thoại lần thứ nhất"  # nothing lost
    data["starts_on"] = "28/06/2018"
    response = client.post(reverse("conferences:create"), data)
    assert response.status_code == 302
    assert plan.conferences.get().date == datetime.date(2018, 6, 28)


def test_bad_date_is_shown_next_to_the_field(client, cast, seed_day):
    _login(client, cast.head)
    response = client.post(
        reverse("conferences:create"),
        {"kind": "ad_hoc", "title": "Đột xuất", "starts_on": "31/02/2018", "starts_time": "8:00"},
    )
    assert response.status_code == 400
    assert "ngày/tháng/năm" in response.context["form"].errors["starts_on"][0]


def test_delegate_and_revoke_the_chair(client, cast, seed_day):
    conference = f.ad_hoc_conference(cast)
    _login(client, cast.head)
    url = reverse("conferences:delegate", args=[conference.pk])
    response = client.post(url, {"dg-deputy": cast.deputy.pk, "dg-reason": ""})
    assert response.status_code == 400
    assert response.context["delegate_form"].errors["reason"]
    response = client.post(url, {"dg-deputy": cast.deputy.pk, "dg-reason": "Đi công tác đột xuất."})
    assert response.status_code == 302
    conference.refresh_from_db()
    assert conference.chair == cast.deputy
    delegation = Delegation.objects.get(conference=conference)
    response = client.post(
        reverse("conferences:revoke", args=[delegation.pk]), {"reason": "Đã về kịp."}
    )
    assert response.status_code == 302
    conference.refresh_from_db()
    assert conference.chair == cast.head


def test_compiled_list_groups_by_topic_group_and_unit(client, cast, seed_day):
    conference = f.ad_hoc_conference(cast)
    f.scheduled(cast, conference, concerned_unit=cast.unit, title="Lương tăng thêm")
    f.scheduled(cast, conference, topic_code="khieu-nai", concerned_unit=cast.other_unit)
    f.scheduled(cast, conference, concerned_unit=cast.other_unit, title="Phụ cấp công vụ")
    _login(client, cast.head)
    response = client.get(reverse("conferences:detail", args=[conference.pk]))
    assert response.status_code == 200
    groups = dict(response.context["groups"])
    assert len(groups) == 2
    first = dict(groups["Tâm tư, nguyện vọng; chế độ, chính sách của CCVC và NLĐ"])
    assert sorted(first) == ["Phòng Kinh tế", "Phòng Tổng hợp"]


def test_running_order_with_htmx(client, cast, seed_day):
    conference = f.ad_hoc_conference(cast)
    p1 = f.scheduled(cast, conference, title="Nội dung một")
    p2 = f.scheduled(cast, conference, title="Nội dung hai")
    p3 = f.scheduled(cast, conference, title="Nội dung ba")
    f.open_conference_with(cast, conference)
    items = {i.petition_id: i for i in conference.agenda.all()}
    _login(client, cast.head)
    htmx = {"HTTP_HX_REQUEST": "true"}
    url = reverse("conferences:item", args=[conference.pk, items[p1.pk].pk])
    response = client.get(url, **htmx)
    assert response.status_code == 200
    assert [t.name for t in response.templates][0] == "conferences/_item.html"
    assert 'hx-swap-oob="true"' in response.content.decode()
    assert client.get(url).templates[0].name == "conferences/detail.html"

    def post(name, petition, data):
        return client.post(
            reverse(f"conferences:{name}", args=[conference.pk, items[petition.pk].pk]),
            data,
            **htmx,
        )

    assert (
        post("statement", p1, {"st-speaker": cast.staff.pk, "st-text": "Đề nghị."}).status_code
        == 200
    )
    assert conference.agenda.get(petition=p1).status == AgendaStatus.OPEN
    response = post("answer", p1, {"an-answerer": cast.leader.pk, "an-text": ""})
    assert response.status_code == 200 and response.context["answer_form"].errors["text"]
    post("answer", p1, {"an-answerer": cast.leader.pk, "an-text": "Trưởng phòng giải đáp."})
    item1 = conference.agenda.get(petition=p1)
    assert item1.status == AgendaStatus.SETTLED and item1.answerer == cast.leader
    response = post("commit", p2, {"cm-promised_on": "20/06/2018", "cm-form": "written"})
    assert "sau hôm nay" in response.context["commit_form"].errors["promised_on"][0]
    post("commit", p2, {"cm-promised_on": "15/07/2018", "cm-form": "written"})
    assert conference.agenda.get(petition=p2).status == AgendaStatus.COMMITTED
    response = post("assign", p3, {"as-unit": cast.unit.pk, "as-limit": "15"})
    assert response.context["assign_form"].errors["verification_reason"]
    post(
        "assign",
        p3,
        {"as-unit": cast.unit.pk, "as-limit": "15", "as-verification_reason": "Xác minh."},
    )
    assert Assignment.objects.get(petition=p3).needs_verification
    # A floor petition joins the running order.
    response = client.post(
        reverse("conferences:floor", args=[conference.pk]),
        {
            "fl-title": "Kiến nghị tại hội nghị",
            "fl-content": "Nêu tại hội nghị.",
            "fl-topic": cast.topic().pk,
            "fl-privacy": "public",
            "fl-submitter": cast.staff2.pk,
        },
    )
    assert response.status_code == 302
    floor = conference.agenda.get(petition__channel="floor")
    client.post(
        reverse("conferences:answer", args=[conference.pk, floor.pk]),
        {"an-text": "Giải đáp ngay."},
    )
    response = client.post(reverse("conferences:close", args=[conference.pk]), {"conclusion": ""})
    assert response.status_code == 400
    response = client.post(
        reverse("conferences:close", args=[conference.pk]), {"conclusion": "Kết luận."}
    )
    assert response.status_code == 302
    conference.refresh_from_db()
    assert conference.status == ConferenceStatus.CLOSED


def test_close_refused_with_undecided_items(client, cast, seed_day):
    petition = f.in_conference(cast)
    _login(client, cast.head)
    response = client.post(
        reverse("conferences:close", args=[petition.conference_id]), {"conclusion": "Kết luận."}
    )
    assert response.status_code == 400
    assert petition.code in response.content.decode()


def test_notice_drafted_by_secretariat_issued_by_head(client, cast, seed_day):
    conference = f.conference_in(cast, ConferenceStatus.CLOSED)
    url = reverse("conferences:detail", args=[conference.pk])
    _login(client, cast.secretariat)
    assert "draft_form" in client.get(url).context
    response = client.post(
        reverse("conferences:notice_draft", args=[conference.pk]), {"text": "Thông báo."}
    )
    assert response.status_code == 302
    _login(client, cast.head)
    context = client.get(url).context
    assert "issue_form" in context and "draft_form" not in context
    response = client.post(
        reverse("conferences:notice_issue", args=[conference.pk]), {"issued_on": "21/06/2018"}
    )
    assert response.status_code == 400  # in the future on the seed day
    response = client.post(
        reverse("conferences:notice_issue", args=[conference.pk]), {"issued_on": "20/06/2018"}
    )
    assert response.status_code == 302
    conference.refresh_from_db()
    assert conference.status == ConferenceStatus.CONCLUDED
    assert client.get(url).status_code == 200


def test_inspector_sees_the_workspace_without_forms(client, cast, seed_day):
    petition = f.in_conference(cast)
    _login(client, cast.inspector)
    item = petition.agenda_items.get()
    response = client.get(reverse("conferences:item", args=[petition.conference_id, item.pk]))
    assert response.status_code == 200
    for name in ("answer_form", "commit_form", "assign_form", "statement_form", "close_form"):
        assert name not in response.context
    assert petition.status == Status.SCHEDULED
