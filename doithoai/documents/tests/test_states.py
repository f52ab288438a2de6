"""No document before its state allows it, for whom it is meant: pages, downloads and the API.

The minutes exist once the conference is held; a draft conclusion notice belongs to the
secretariat that drafts it and to those who may issue it (the chair, the head).
"""

import datetime

import pytest
from django.urls import reverse

from doithoai.api.tests.conftest import ApiCaller
from doithoai.conferences import actions as conf
from doithoai.followups import actions as fu
from doithoai.petitions import actions as pet
from doithoai.testing.factories import aware


def url(kind, pk, fmt="docx"):
    return reverse("documents:download", kwargs={"kind": kind, "pk": pk, "fmt": fmt})


@pytest.fixture
def drafted(cast, world, time_machine):
    """The world's December conference held by the deputy under delegation, notice drafted."""
    december = world.december
    time_machine.move_to(aware(2018, 12, 3, 9), tick=False)
    petition = pet.submit_petition(
        agency=cast.agency, title="Kiến nghị tháng 12", content="Nội dung.", by=cast.staff
    )
    pet.receive_petition(petition=petition, topic=cast.topic(), by=cast.secretariat)
    pet.schedule_petitions(conference=december, petitions=[petition], by=cast.secretariat)
    conf.delegate_chair(conference=december, deputy=cast.deputy, by=cast.head, reason="Công tác.")
    conf.send_compilation(conference=december, by=cast.secretariat)
    time_machine.move_to(aware(2018, 12, 14, 8), tick=False)
    conf.open_conference(conference=december, by=cast.deputy, attendance="Toàn thể CCVC.")
    fu.answer_petition(petition=petition, by=cast.deputy, text="Đã trả lời tại hội nghị.")
    conf.close_conference(conference=december, by=cast.deputy, conclusion="Kết luận cuối năm.")
    time_machine.move_to(aware(2018, 12, 17, 9), tick=False)
    notice = conf.draft_notice(conference=december, by=cast.secretariat, text="Dự thảo kết luận.")
    december.refresh_from_db()
    return december, notice


def status(client, user, target):
    client.force_login(user)
    return client.get(target).status_code


# --- Minutes: not before the conference is held -------------------------------------------


@pytest.mark.parametrize("who", ["head", "secretariat", "inspector"])
def test_no_minutes_before_the_conference_is_held(client, cast, world, who):
    assert status(client, getattr(cast, who), url("bien-ban", world.december.pk)) == 403
    assert status(client, getattr(cast, who), url("bien-ban", world.june.pk)) == 200


def test_the_conference_page_offers_the_minutes_only_once_held(client, cast, world):
    client.force_login(cast.secretariat)
    minutes = url("bien-ban", world.december.pk)
    assert minutes not in client.get(f"/hoi-nghi/{world.december.pk}/").content.decode()
    assert (
        url("bien-ban", world.june.pk) in client.get(f"/hoi-nghi/{world.june.pk}/").content.decode()
    )


def test_a_deputy_not_chairing_is_offered_no_compiled_list(client, cast, world):
    client.force_login(cast.deputy2)
    page = client.get(f"/hoi-nghi/{world.june.pk}/").content.decode()
    assert url("tong-hop", world.june.pk) not in page
    assert status(client, cast.deputy2, url("tong-hop", world.june.pk)) == 403
    assert url("thong-bao", world.notice.pk) in page  # issued: for everyone


# --- Draft notice: the secretariat, the chair and the head only ---------------------------


@pytest.mark.parametrize("who", ["secretariat", "deputy", "head"])
def test_draft_notice_for_who_drafts_and_who_issues(client, cast, drafted, who):
    conference, notice = drafted
    user = getattr(cast, who)
    assert status(client, user, url("thong-bao", notice.pk)) == 200
    page = client.get(f"/hoi-nghi/{conference.pk}/").content.decode()
    assert "Dự thảo kết luận." in page
    assert (
        ApiCaller(client, cast).get(user, f"/conferences/{conference.pk}").json()["notice"]["text"]
        == "Dự thảo kết luận."
    )


@pytest.mark.parametrize("who", ["staff", "leader", "inspector", "deputy2"])
def test_draft_notice_hidden_from_everyone_else(client, cast, drafted, who):
    conference, notice = drafted
    user = getattr(cast, who)
    assert status(client, user, url("thong-bao", notice.pk)) in (403, 404)
    response = client.get(f"/hoi-nghi/{conference.pk}/")
    if response.status_code == 200:
        page = response.content.decode()
        assert "Dự thảo kết luận." not in page
        assert url("thong-bao", notice.pk) not in page
    body = ApiCaller(client, cast).get(user, f"/conferences/{conference.pk}")
    if body.status_code == 200:
        assert body.json()["notice"] is None


def test_issued_notice_reaches_every_member_in_the_api(client, cast, drafted):
    conference, _notice = drafted
    conf.issue_notice(conference=conference, by=cast.deputy, issued_on=datetime.date(2018, 12, 17))
    body = ApiCaller(client, cast).get(cast.staff, f"/conferences/{conference.pk}").json()
    assert body["notice"]["status"] == "issued"
