"""The minutes page: the frozen minutes, then their addenda; who may read and who may add."""

import pytest
from django.urls import reverse

from doithoai.audit.models import AuditEvent, Verb
from doithoai.conferences import actions as conf
from doithoai.conferences.models import Conference, ConferenceStatus
from doithoai.testing.factories import conference_in

pytestmark = pytest.mark.usefixtures("seed_day")


@pytest.fixture
def closed(cast):
    return conference_in(cast, ConferenceStatus.CLOSED)


def _page(client, user, conference):
    client.force_login(user)
    return client.get(reverse("conferences:minutes", args=[conference.pk]))


def test_the_page_shows_the_frozen_minutes_not_the_live_record(client, cast, closed):
    # A change made behind the actions' back does not reach the minutes: they are the snapshot.
    Conference.objects.filter(pk=closed.pk).update(conclusion="Sửa sau khi bế mạc.")
    response = _page(client, cast.secretariat, closed)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Kết luận." in page and "Sửa sau khi bế mạc." not in page
    assert closed.minutes.sha256 in page
    assert "Giải đáp tại hội nghị." in page


def test_addenda_follow_the_minutes(client, cast, closed):
    conf.correct_minutes(
        conference=closed, text="Bổ sung tên người phát biểu.", reason="Ghi thiếu.", by=cast.head
    )
    page = _page(client, cast.inspector, closed).content.decode()
    assert page.index("Kết luận.") < page.index("Bổ sung tên người phát biểu.")
    assert "Ghi thiếu." in page


@pytest.mark.parametrize("role", ["secretariat", "head"])
def test_the_secretariat_and_the_chair_add_an_addendum(client, cast, closed, role):
    client.force_login(getattr(cast, role))
    url = reverse("conferences:correct_minutes", args=[closed.pk])
    response = client.post(url, {"text": "Đính chính số liệu.", "reason": ""})
    assert response.status_code == 400 and "lý do" in response.content.decode()
    response = client.post(url, {"text": "Đính chính số liệu.", "reason": "Nhầm số."})
    assert response.status_code == 302
    assert closed.addenda.get().text == "Đính chính số liệu."
    assert AuditEvent.objects.filter(verb=Verb.MINUTES_CORRECTED).count() == 1
    page = _page(client, getattr(cast, role), closed).content.decode()
    assert "Đính chính số liệu." in page


@pytest.mark.parametrize("role", ["staff", "inspector", "leader", "deputy2"])
def test_others_may_not_add(client, cast, closed, role):
    client.force_login(getattr(cast, role))
    url = reverse("conferences:correct_minutes", args=[closed.pk])
    response = client.post(url, {"text": "Sửa.", "reason": "Vì sao."})
    assert response.status_code in (403, 404)
    assert not closed.addenda.exists()


def test_the_board_reads_and_is_not_offered_the_form(client, cast, closed):
    page = _page(client, cast.inspector, closed).content.decode()
    assert reverse("conferences:correct_minutes", args=[closed.pk]) not in page
    page = _page(client, cast.secretariat, closed).content.decode()
    assert reverse("conferences:correct_minutes", args=[closed.pk]) in page


def test_staff_may_not_read_and_unheld_minutes_do_not_exist(client, cast, closed):
    assert _page(client, cast.staff, closed).status_code == 403
    planned = conference_in(cast, ConferenceStatus.PLANNED)
    assert _page(client, cast.secretariat, planned).status_code == 404
