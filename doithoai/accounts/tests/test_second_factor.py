"""The second factor: enforced for every privileged role, not for staff; enrol and verify."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from doithoai.audit.models import AuditEvent, Verb
from doithoai.testing.factories import PASSWORD

PRIVILEGED = ["head", "deputy", "secretariat", "inspector", "admin"]


def _log_in(client, user, password=PASSWORD):
    return client.post(reverse("login"), {"username": user.username, "password": password})


def _code(key: str) -> str:
    return f"{totp(bytes.fromhex(key)):06d}"


@pytest.fixture
def site_staff(db):
    user = get_user_model().objects.create_user("siteadmin", password=PASSWORD)
    user.is_staff = user.is_superuser = True
    user.save()
    return user


@pytest.mark.parametrize("role", PRIVILEGED)
def test_privileged_role_is_sent_to_enrol(client, cast, enforced, role):
    _log_in(client, getattr(cast, role))
    home = client.get(reverse("home"))
    assert home.status_code == 302
    assert home["Location"].startswith(reverse("accounts:enrol"))
    assert client.get(reverse("petitions:mine")).status_code == 302


def test_site_staff_is_sent_to_enrol(client, site_staff, enforced):
    _log_in(client, site_staff)
    response = client.get("/admin/")
    assert response.status_code == 302 and response["Location"].startswith(
        reverse("accounts:enrol")
    )


@pytest.mark.parametrize("role", ["staff", "leader"])
def test_staff_and_unit_leaders_are_not_forced(client, cast, enforced, role):
    _log_in(client, getattr(cast, role))
    assert client.get(reverse("home")).status_code == 200


def test_empty_setting_or_debug_demo_turns_the_requirement_off(client, cast, enforced):
    enforced.MFA_REQUIRED_ROLES = []
    _log_in(client, cast.head)
    assert client.get(reverse("home")).status_code == 200
    enforced.MFA_REQUIRED_ROLES = ["head"]
    enforced.MFA_ENFORCED = False  # DEBUG on, the demo
    assert client.get(reverse("home")).status_code == 200


def test_api_session_of_unverified_privileged_user_is_refused(client, cast, enforced):
    _log_in(client, cast.head)
    response = client.get("/api/v1/petitions")
    assert response.status_code == 403
    assert response.json()["code"] == "second_factor_required"


def test_enrol_with_totp_gives_recovery_codes_then_verify_next_time(
    client, cast, enforced, time_machine
):
    head = cast.head
    _log_in(client, head)
    page = client.get(reverse("accounts:enrol"))
    assert page.status_code == 200 and "<svg" in page.content.decode()
    assert "Cài đặt xác thực hai lớp" in page.content.decode()
    key = client.session["doithoai_totp_setup_key"]
    wrong = client.post(reverse("accounts:enrol"), {"token": "000000"})
    assert wrong.context["form"].errors
    done = client.post(reverse("accounts:enrol"), {"token": _code(key)})
    codes = done.context["codes"]
    assert len(codes) == 10
    assert TOTPDevice.objects.filter(user=head, confirmed=True).count() == 1
    assert client.get(reverse("home")).status_code == 200
    verbs = set(AuditEvent.objects.filter(object_id=str(head.pk)).values_list("verb", flat=True))
    assert {Verb.LOGIN, Verb.SECOND_FACTOR_ADDED, Verb.RECOVERY_CODES_ISSUED} <= verbs

    client.post(reverse("logout"))
    _log_in(client, head)
    assert client.get(reverse("home"))["Location"].startswith(reverse("accounts:verify"))
    bad = client.post(reverse("accounts:verify"), {"token": "123456"})
    assert "Mã không đúng" in bad.content.decode()
    # django-otp delays the next try after a failure.
    time_machine.move_to(datetime.datetime.now(datetime.UTC) + datetime.timedelta(seconds=3))
    ok = client.post(reverse("accounts:verify"), {"token": codes[0], "next": "/"})
    assert ok.status_code == 302
    assert client.get(reverse("home")).status_code == 200

    client.post(reverse("logout"))
    _log_in(client, head)
    reused = client.post(reverse("accounts:verify"), {"token": codes[0]})
    assert reused.status_code == 200  # a recovery code works once
    assert client.get(reverse("home")).status_code == 302


def test_the_last_required_device_cannot_be_removed(client, cast, enforced):
    _log_in(client, cast.head)
    client.get(reverse("accounts:enrol"))
    key = client.session["doithoai_totp_setup_key"]
    client.post(reverse("accounts:enrol"), {"token": _code(key)})
    device = TOTPDevice.objects.get(user=cast.head)
    client.post(reverse("accounts:remove_device", args=["totpdevice", device.pk]))
    assert TOTPDevice.objects.filter(pk=device.pk).exists()


def test_staff_may_enrol_voluntarily_and_remove(client, cast, enforced):
    _log_in(client, cast.staff)
    client.get(reverse("accounts:enrol"))
    key = client.session["doithoai_totp_setup_key"]
    client.post(reverse("accounts:enrol"), {"token": _code(key)})
    device = TOTPDevice.objects.get(user=cast.staff)
    assert client.get(reverse("accounts:security")).status_code == 200
    client.post(reverse("accounts:remove_device", args=["totpdevice", device.pk]))
    assert not TOTPDevice.objects.filter(pk=device.pk).exists()
    assert AuditEvent.objects.filter(
        verb=Verb.SECOND_FACTOR_REMOVED, object_id=str(cast.staff.pk)
    ).exists()
