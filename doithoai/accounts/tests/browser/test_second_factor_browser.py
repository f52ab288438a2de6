"""The head's first log-in with the second factor enforced, in a real browser under the CSP."""

import base64

import pytest
from django_otp.oath import totp

from doithoai.testing import factories
from doithoai.testing.browser import shot

pytestmark = pytest.mark.browser


def _code(secret_text: str) -> str:
    return f"{totp(base64.b32decode(secret_text.replace(' ', ''))):06d}"


def test_head_enrols_then_verifies_next_time(page, live_server, cast, settings):
    settings.MFA_ENFORCED = True
    settings.MFA_REQUIRED_ROLES = list(settings.PRIVILEGED_ROLES)
    blocked = []
    page.on(
        "console",
        lambda m: blocked.append(m.text) if "Content Security Policy" in m.text else None,
    )
    page.goto(f"{live_server.url}/dang-nhap/")
    page.fill("#id_username", cast.head.username)
    page.fill("#id_password", factories.PASSWORD)
    page.click("button[type=submit]:has-text('Đăng nhập')")
    page.wait_for_selector("h1:has-text('Cài đặt xác thực hai lớp')")
    assert page.locator(".qr svg").count() == 1
    shot(page, "mfa-enrol")
    page.fill("#id_token", _code(page.inner_text("#totp-secret")))
    page.click("button:has-text('Xác nhận')")
    page.wait_for_selector("#recovery-codes")
    codes = page.locator("#recovery-codes code").all_inner_texts()
    assert len(codes) == 10
    page.click("a:has-text('Tiếp tục')")
    page.wait_for_url(f"{live_server.url}/")
    page.click("header button:has-text('Đăng xuất')")

    page.goto(f"{live_server.url}/dang-nhap/")
    page.fill("#id_username", cast.head.username)
    page.fill("#id_password", factories.PASSWORD)
    page.click("button[type=submit]:has-text('Đăng nhập')")
    page.wait_for_selector("h1:has-text('Xác thực hai lớp')")
    page.fill("#id_token", codes[0])
    page.click("button:has-text('Xác thực')")
    page.wait_for_url(f"{live_server.url}/")
    assert blocked == []


def test_staff_is_not_asked(page, live_server, cast, settings):
    settings.MFA_ENFORCED = True
    settings.MFA_REQUIRED_ROLES = list(settings.PRIVILEGED_ROLES)
    from doithoai.testing.browser import login

    login(page, live_server, cast.staff)
    assert page.locator("h1:has-text('Xác thực hai lớp')").count() == 0


def test_vendored_scripts_run_under_the_content_security_policy(page, live_server, cast):
    """htmx, Chart.js and swagger-ui work with scripts limited to the site's own files."""
    from doithoai.testing.browser import login

    blocked = []
    page.on(
        "console",
        lambda m: blocked.append(m.text) if "Content Security Policy" in m.text else None,
    )
    login(page, live_server, cast.head)
    page.goto(f"{live_server.url}/thong-ke/")
    page.goto(f"{live_server.url}/api/v1/docs")
    page.wait_for_selector(".swagger-ui .info", timeout=20_000)
    page.goto(f"{live_server.url}/thoi-han/")
    assert blocked == []
