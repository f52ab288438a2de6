"""Lockout per account and per address, reset throttling, validators, session limits, audit."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse

from doithoai.audit.models import AuditEvent, Verb
from doithoai.testing.factories import PASSWORD

T0 = datetime.datetime(2018, 6, 20, 2, 0, tzinfo=datetime.UTC)


def _try(client, username, password, address="10.1.1.1"):
    return client.post(
        reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=address
    )


@pytest.fixture
def clock(time_machine):
    time_machine.move_to(T0, tick=False)
    return time_machine


def test_account_locked_after_failures_and_released_after_the_window(client, cast, clock, settings):
    settings.AXES_FAILURE_LIMIT = 5
    for i in range(4):  # from several addresses, so only the account's count reaches the limit
        assert _try(client, "staff", "wrong", address=f"10.2.0.{i}").status_code == 200
    assert _try(client, "staff", "wrong", address="10.2.0.4").status_code == 429  # the 5th
    locked = _try(client, "staff", PASSWORD, address="10.3.0.1")
    assert locked.status_code == 429
    assert "tạm bị khóa" in locked.content.decode()
    assert "_auth_user_id" not in client.session
    clock.shift(settings.AXES_COOLOFF_TIME - datetime.timedelta(seconds=5))
    assert _try(client, "staff", PASSWORD, address="10.3.0.1").status_code == 429
    clock.shift(datetime.timedelta(seconds=10))
    assert _try(client, "staff", PASSWORD, address="10.3.0.1").status_code == 302
    assert client.session["_auth_user_id"] == str(cast.staff.pk)
    events = AuditEvent.objects.filter(object_id=str(cast.staff.pk))
    assert events.filter(verb=Verb.LOGIN_FAILED).count() >= 5
    locked_event = events.filter(verb=Verb.LOCKED_OUT).first()
    assert locked_event.agency_id == cast.agency.pk and locked_event.after["address"]
    assert events.filter(verb=Verb.LOGIN, after__address="10.3.0.1").exists()


def test_address_locked_after_failures_on_many_accounts(client, cast, clock):
    for name in ["a1", "a2", "a3", "a4", "a5"]:
        _try(client, name, "wrong", address="10.9.9.9")
    assert _try(client, "staff", PASSWORD, address="10.9.9.9").status_code == 429
    assert _try(client, "staff", PASSWORD, address="10.9.9.8").status_code == 302
    unknown = AuditEvent.objects.filter(verb=Verb.LOGIN_FAILED, agency=None)
    assert unknown.filter(object_repr="a1", after__address="10.9.9.9").exists()


def test_login_logout_and_password_change_are_audited_for_the_agency_admin(client, cast):
    _try(client, "staff", PASSWORD)
    client.post(
        reverse("password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "Mot-mat-khau-moi-2018",
            "new_password2": "Mot-mat-khau-moi-2018",
        },
        REMOTE_ADDR="10.1.1.1",
    )
    client.post(reverse("logout"), REMOTE_ADDR="10.1.1.1")
    verbs = list(
        AuditEvent.objects.filter(object_id=str(cast.staff.pk))
        .order_by("seq")
        .values_list("verb", flat=True)
    )
    assert verbs == [Verb.LOGIN, Verb.PASSWORD_CHANGED, Verb.LOGOUT]
    client.force_login(cast.admin)
    page = client.get(reverse("organizations:access_log"))
    html = page.content.decode()
    assert page.status_code == 200 and "Đổi mật khẩu" in html and "10.1.1.1" in html
    client.force_login(cast.inspector)
    assert client.get(reverse("organizations:access_log")).status_code == 403


def test_twenty_reset_requests_do_not_send_twenty_emails(client, cast, settings):
    cast.staff.email = "staff@example.gov.vn"
    cast.staff.save()
    for _i in range(20):
        response = client.post(reverse("password_reset"), {"email": "staff@example.gov.vn"})
        assert response.status_code == 302
    assert len(mail.outbox) == settings.PASSWORD_RESET_LIMIT == 3


def test_password_validators_speak_vietnamese(client, cast):
    client.force_login(cast.staff)
    response = client.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": "12345", "new_password2": "12345"},
    )
    errors = " ".join(response.context["form"].errors["new_password2"])
    assert "Mật khẩu quá ngắn" in errors and "chỉ gồm chữ số" in errors
    assert "This password" not in errors


def test_privileged_session_ends_after_idle_time(client, cast, clock, settings):
    settings.SESSION_IDLE_SECONDS = 1800
    _try(client, "head", PASSWORD)
    clock.shift(datetime.timedelta(minutes=29))
    assert client.get(reverse("home")).status_code == 200
    clock.shift(datetime.timedelta(minutes=31))
    response = client.get(reverse("home"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    logout = AuditEvent.objects.get(verb=Verb.LOGOUT, object_id=str(cast.head.pk))
    assert logout.after["reason"] == "idle"


def test_staff_session_is_not_cut_when_idle_but_ends_after_twelve_hours(client, cast, clock):
    _try(client, "staff", PASSWORD)
    clock.shift(datetime.timedelta(hours=2))
    assert client.get(reverse("home")).status_code == 200
    clock.shift(datetime.timedelta(hours=10, minutes=1))
    assert client.get(reverse("home")).status_code == 302
