"""The pages of issue 10's conference parts: reschedule, confirm another day, stored due dates."""

import datetime

from django.urls import reverse

from doithoai.conferences import actions as conf
from doithoai.conferences.forms import OpenForm
from doithoai.conferences.models import ConferenceStatus
from doithoai.deadlines.display import stored
from doithoai.testing.factories import ad_hoc_conference, aware, freeze, scheduled


def test_secretariat_reschedules_through_the_page_and_staff_cannot(client, cast, time_machine):
    freeze(time_machine, aware(2026, 11, 20, 9))
    conference = ad_hoc_conference(cast, starts_at=aware(2026, 12, 11, 8))
    url = reverse("conferences:reschedule", args=[conference.pk])
    data = {
        "starts_on": "18/12/2026",
        "starts_time": "14:00",
        "place": "",
        "reason": "Trùng lịch họp UBND tỉnh.",
    }
    client.force_login(cast.staff)
    assert client.post(url, data).status_code in (302, 403)
    conference.refresh_from_db()
    assert conference.date == datetime.date(2026, 12, 11)
    client.force_login(cast.secretariat)
    page = client.get(reverse("conferences:detail", args=[conference.pk]))
    assert "Đổi lịch hội nghị" in page.content.decode()
    assert client.post(url, data).status_code == 302
    conference.refresh_from_db()
    assert conference.starts_at == aware(2026, 12, 18, 14)
    response = client.post(url, {**data, "starts_on": "01/01/2020"})
    assert response.status_code == 400
    assert "quá khứ" in response.content.decode()


def test_open_form_asks_to_confirm_another_day(client, cast, time_machine):
    freeze(time_machine, aware(2026, 11, 20, 9))
    conference = ad_hoc_conference(cast, starts_at=aware(2026, 12, 11, 8))
    scheduled(cast, conference)
    conf.send_compilation(conference=conference, by=cast.secretariat)
    freeze(time_machine, aware(2026, 11, 30, 8, 30))
    client.force_login(cast.head)
    url = reverse("conferences:open", args=[conference.pk])
    form = {"secretary": cast.secretariat.pk, "attendance": "Toàn thể CCVC"}
    form.update({name: "0" for name in OpenForm.COUNTS})
    response = client.post(url, form)
    assert response.status_code == 400
    assert "xác nhận khai mạc" in response.content.decode()
    conference.refresh_from_db()
    assert conference.status == ConferenceStatus.COMPILED
    assert client.post(url, {**form, "confirm_other_day": "on"}).status_code == 302
    conference.refresh_from_db()
    assert conference.held_on == datetime.date(2026, 11, 30)
    assert conference.secretary == cast.secretariat


def test_compilation_pages_show_the_stored_deadline(client, cast, time_machine):
    # 11/12/2026 is a Friday: five calendar days before is Sunday 06/12, which no rule allows.
    freeze(time_machine, aware(2026, 11, 20, 9))
    conference = ad_hoc_conference(cast, starts_at=aware(2026, 12, 11, 8))
    scheduled(cast, conference)
    due = stored(conference, "compilation").due_date
    assert due.weekday() < 5
    shown = due.strftime("%d/%m/%Y")
    client.force_login(cast.secretariat)
    for url in (
        reverse("conferences:compilations"),
        reverse("conferences:compilation", args=[conference.pk]),
    ):
        body = client.get(url).content.decode()
        assert shown in body, url
        if shown != "06/12/2026":
            assert "06/12/2026" not in body, url
