"""The board page (/thoi-han/) and the recomputation page (/thoi-han/tinh-lai/)."""

import datetime

import pytest

from doithoai.deadlines.models import Deadline, Kind
from doithoai.testing import factories as f
from doithoai.workdays.models import OfficialScheduleEntry

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role", ["head", "deputy", "secretariat", "inspector"])
def test_board_page_for_supervising_roles(client, cast, seed_day, role):
    f.ad_hoc_conference(cast)
    client.force_login(getattr(cast, role))
    response = client.get("/thoi-han/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "15/06/2018" in html  # dd/mm/yyyy
    assert "<details" in html and "Cách tính" in html
    # "How computed" is loaded on demand (htmx), not rendered for every row.
    assert "Chậm nhất 5 ngày trước" not in html
    deadline = Deadline.objects.filter(agency=cast.agency).first()
    url = f"/thoi-han/{deadline.pk}/cach-tinh/"
    assert f'hx-get="{url}"' in html
    part = client.get(url, HTTP_HX_REQUEST="true").content.decode()
    assert "Chậm nhất 5 ngày trước ngày 20/06/2018" in part or "trước hội nghị" in part
    assert "<html" not in part
    assert "<html" in client.get(url).content.decode()  # without JavaScript: a whole page


def test_computation_of_another_agencys_deadline_is_not_found(client, cast, seed_day):
    f.ad_hoc_conference(cast)
    deadline = Deadline.objects.filter(agency=cast.agency).first()
    elsewhere = f.AgencyFactory()
    head = f.member(elsewhere, "head", username="other-head")
    client.force_login(head)
    assert client.get(f"/thoi-han/{deadline.pk}/cach-tinh/").status_code == 404
    client.force_login(cast.staff)
    assert client.get(f"/thoi-han/{deadline.pk}/cach-tinh/").status_code == 403


@pytest.mark.parametrize("role", ["staff", "leader", "admin", "outsider"])
def test_board_page_refused_to_others(client, cast, role):
    client.force_login(getattr(cast, role))
    assert client.get("/thoi-han/").status_code == 403


def test_board_page_sends_anonymous_users_to_log_in(client, db):
    from django.urls import reverse

    response = client.get("/thoi-han/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_recompute_page_previews_then_recomputes(client, cast, seed_day):
    conference = f.ad_hoc_conference(cast)
    deadline = Deadline.objects.get(conference=conference, kind=Kind.COMPILATION)
    OfficialScheduleEntry.objects.create(
        date=datetime.date(2018, 6, 15), kind="day_off", name="Nghỉ", source="Thử"
    )
    client.force_login(cast.secretariat)
    html = client.get("/thoi-han/tinh-lai/").content.decode()
    assert "15/06/2018" in html and "14/06/2018" in html
    deadline.refresh_from_db()
    assert deadline.due_date == datetime.date(2018, 6, 15)  # the preview saves nothing
    response = client.post(
        "/thoi-han/tinh-lai/", {"deadline": [deadline.pk], "reason": "Nghỉ đột xuất."}
    )
    assert response.status_code == 302
    deadline.refresh_from_db()
    assert deadline.due_date == datetime.date(2018, 6, 14)


@pytest.mark.parametrize("role", ["head", "inspector", "staff"])
def test_recompute_page_refused_to_others(client, cast, role):
    client.force_login(getattr(cast, role))
    assert client.get("/thoi-han/tinh-lai/").status_code == 403
