"""Everyone's pages: log in and out, password, home per role, public receipt lookup."""

import datetime

import pytest
from django.core.cache import cache
from django.template import Context, Template
from django.urls import reverse

from doithoai.core.errors import ValidationFailed
from doithoai.core.forms import apply_action_error
from doithoai.deadlines.display import describe
from doithoai.followups.actions import answer_petition
from doithoai.petitions.forms import RejectForm
from doithoai.testing import factories as f

ROLES = ["head", "deputy", "secretariat", "leader", "staff", "inspector", "admin"]


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()


def test_login_page_and_log_in(client, cast):
    assert client.get(reverse("login")).status_code == 200
    response = client.post(reverse("login"), {"username": "staff", "password": f.PASSWORD})
    assert response.status_code == 302 and response["Location"] == reverse("home")


def test_wrong_password_says_so_in_vietnamese(client, cast):
    response = client.post(reverse("login"), {"username": "staff", "password": "sai"})
    assert "không đúng" in response.content.decode()


def test_logout_is_a_post(client, cast):
    client.force_login(cast.staff)
    assert client.post(reverse("logout")).status_code == 302
    assert client.get(reverse("home")).status_code == 302


def test_password_change_requires_login(client, cast):
    assert client.get(reverse("password_change")).status_code == 302
    client.force_login(cast.staff)
    assert client.get(reverse("password_change")).status_code == 200


def test_home_redirects_anonymous(client, db):
    response = client.get(reverse("home"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("role", ROLES)
def test_home_for_every_role(client, cast, seed_day, role):
    f.submitted(cast)
    client.force_login(getattr(cast, role))
    response = client.get(reverse("home"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Việc cần làm" in html and cast.agency.name in html
    if role == "secretariat":
        assert response.context["inbox_count"] == 1
    if role == "staff":
        assert len(response.context["my_open"]) == 1


def test_home_for_outsider_says_no_agency(client, cast):
    client.force_login(cast.outsider)
    assert "chưa thuộc cơ quan" in client.get(reverse("home")).content.decode()


def test_navigation_by_role(client, cast):
    client.force_login(cast.staff)
    html = client.get(reverse("home")).content.decode()
    assert reverse("petitions:submit") in html and reverse("petitions:inbox") not in html
    client.force_login(cast.secretariat)
    html = client.get(reverse("home")).content.decode()
    assert reverse("petitions:inbox") in html and reverse("petitions:submit") not in html


def test_language_switch_to_english(client, cast):
    client.force_login(cast.staff)
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302
    assert 'lang="en"' in client.get(reverse("home")).content.decode()


def _anonymous_petition(cast):
    petition = f.submitted(cast, privacy="anonymous")
    return petition, petition.receipt_code


def test_receipt_lookup_shows_status_and_answer(client, cast, seed_day):
    petition, code = _anonymous_petition(cast)
    from doithoai.petitions.actions import receive_petition

    receive_petition(petition=petition, topic=cast.topic(), by=cast.secretariat)
    answer_petition(petition=petition, text="Trả lời cho người ẩn danh.", by=cast.head)
    response = client.post(reverse("receipt_lookup"), {"code": code.lower()})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Trả lời cho người ẩn danh." in html and petition.title in html
    assert response["Cache-Control"] == "no-store"
    response = client.post(
        reverse("receipt_lookup"), {"code": code, "satisfied": "1", "reason": ""}
    )
    petition.refresh_from_db()
    assert petition.status == "closed"


WRONG = "AN-0000-0000-0000-0000-0000"


def _lookup(client, code, address="10.0.0.1"):
    return client.post(reverse("receipt_lookup"), {"code": code}, REMOTE_ADDR=address)


def test_receipt_lookup_slows_only_the_address_that_guesses(client, cast, time_machine):
    """Wrong codes make their address wait a growing delay; others are not locked out."""
    time_machine.move_to(datetime.datetime(2018, 6, 20, 9, 0, tzinfo=datetime.UTC), tick=False)
    cache.clear()
    petition, code = _anonymous_petition(cast)
    for _i in range(5):  # the free wrong codes
        assert _lookup(client, WRONG).status_code == 200
    assert _lookup(client, WRONG).status_code == 200  # the 6th is checked, then 2 s to wait
    blocked = _lookup(client, code)
    assert blocked.status_code == 429 and blocked.context["petition"] is None
    assert "2 giây" in blocked.content.decode()
    # Someone else behind another address (or later) is never refused.
    other = _lookup(client, code, address="10.0.0.2")
    assert other.status_code == 200 and other.context["petition"] == petition
    time_machine.shift(datetime.timedelta(seconds=2))
    assert _lookup(client, code).context["petition"] == petition


def test_receipt_lookup_delay_is_capped_at_a_minute(client, cast, time_machine):
    time_machine.move_to(datetime.datetime(2018, 6, 20, 9, 0, tzinfo=datetime.UTC), tick=False)
    cache.clear()
    petition, code = _anonymous_petition(cast)
    for _i in range(30):  # wrong codes, each sent after the previous wait
        _lookup(client, WRONG)
        time_machine.shift(datetime.timedelta(seconds=61))
    _lookup(client, WRONG)
    time_machine.shift(datetime.timedelta(seconds=59))
    assert _lookup(client, code).status_code == 429
    time_machine.shift(datetime.timedelta(seconds=1))
    assert _lookup(client, code).context["petition"] == petition


def test_receipt_lookup_limits_lookups_of_one_code(client, cast, seed_day):
    cache.clear()
    petition, code = _anonymous_petition(cast)
    for i in range(30):
        assert _lookup(client, code, address=f"10.0.1.{i}").context["petition"] == petition
    refused = _lookup(client, code, address="10.0.2.1")
    assert refused.status_code == 429 and refused.context["petition"] is None


def test_receipt_codes_are_100_bits_and_old_codes_still_work(client, cast, seed_day):
    import re

    from doithoai.petitions.actions import hash_receipt
    from doithoai.petitions.models import Petition

    cache.clear()
    petition, code = _anonymous_petition(cast)
    assert re.fullmatch(r"AN-([0-9A-HJKMNP-TV-Z]{4}-){4}[0-9A-HJKMNP-TV-Z]{4}", code)
    old = "AN-1A2B-3C4D-5E6F-7A8B"  # the 64-bit format issued before
    Petition.objects.filter(pk=petition.pk).update(receipt_hash=hash_receipt(old))
    assert _lookup(client, old.lower()).context["petition"] == petition


def test_apply_action_error_uses_the_field_or_the_form():
    form = RejectForm({"reason": "x"})
    form.is_valid()
    apply_action_error(form, ValidationFailed("Sai lý do.", field="reason"))
    apply_action_error(form, ValidationFailed("Lỗi chung.", field="unknown"))
    assert form.errors["reason"] == ["Sai lý do."]
    assert form.non_field_errors() == ["Lỗi chung."]
    assert form["reason"].value() == "x"


def test_deadline_badge_texts(db):
    today = datetime.date(2018, 6, 20)  # a Wednesday
    left = describe(datetime.date(2018, 6, 25), today=today)
    assert left["text"] == "còn 3 ngày làm việc" and left["tone"] == "ok"
    late = describe(datetime.date(2018, 6, 18), today=today)
    assert late["text"] == "quá hạn 2 ngày" and late["tone"] == "late"


def test_deadline_badge_unfolds_its_computation(db):
    class Deadline:
        due_date = datetime.date(2018, 6, 18)
        computation = {
            "rule": "working_days",
            "start": "2018-06-08",
            "days": 7,
            "rule_text": "Báo cáo kết quả xử lý trong 7 ngày làm việc",
            "text": "7 ngày làm việc, tính từ ngày tiếp theo ngày 08/06/2018",
            "skipped_text": "",
            "made_up": [{"date": "2018-06-16", "name": "Làm bù"}],
            "due_text": "18/06/2018",
        }
        status = "open"

    html = Template("{% load site %}{% deadline_badge d today %}").render(
        Context({"d": Deadline(), "today": datetime.date(2018, 6, 20)})
    )
    assert "<details" in html and "quá hạn 2 ngày" in html
    assert "Cách đếm" in html and "7 ngày làm việc, tính từ ngày tiếp theo ngày 08/06/2018" in html
    assert "16/06/2018 (Làm bù)" in html and "Hạn</dt><dd>18/06/2018" in html
    # No raw key of the stored record reaches the reader.
    for key in ("working_days", "rule_text", "skipped_text", "due_text", "made_up"):
        assert key not in html
