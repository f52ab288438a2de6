"""Browser-test kit, loaded once as a pytest plugin from the root conftest so that every
browser test shares one Chromium: Playwright's sync API allows one instance per thread.

Use the `page` fixture and `login(page, live_server, user)`; mark tests `@pytest.mark.browser`.
A browser test folder's conftest gives its tests the committed cast with
`cast = pytest.fixture(committed_cast)` (the live server runs in another thread and sees only
committed rows).
Screenshots go to test-artifacts/screenshots/ (git-ignored) through `shot(page, name)`.
"""

import os
import random
import socket
from pathlib import Path

import pytest

# The live server runs in a thread while Playwright's sync API drives the browser.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def _free_port(low: int = 20000, high: int = 32000) -> int:
    """Return a free loopback port below the ephemeral range (which clients use)."""
    for _ in range(200):
        port = random.randrange(low, high)
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError("no free port below 32000")


# pytest-django's live server listens on an ephemeral port unless told otherwise. Each
# process picks its own: pytest-xdist's workers inherit the controller's environment, and
# one port for all of them would make every worker's server but the first fail to bind.
# An address the caller set (without our marker) is kept.
if os.environ.get("DOITHOAI_LIVE_PORT_PICKED") or not os.environ.get(
    "DJANGO_LIVE_TEST_SERVER_ADDRESS"
):
    os.environ["DJANGO_LIVE_TEST_SERVER_ADDRESS"] = f"127.0.0.1:{_free_port()}"
    os.environ["DOITHOAI_LIVE_PORT_PICKED"] = "1"

from doithoai.testing import factories  # noqa: E402

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"


@pytest.fixture(scope="session")
def browser():
    """Start one headless Chromium for the session (skip when it is not installed)."""
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} not installed")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    """Open a fresh browser context (cookies, storage) per test, Vietnamese, phone-wide by
    default callers may resize."""
    context = browser.new_context(locale="vi-VN", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)
    tab = context.new_page()
    yield tab
    context.close()


def committed_cast(transactional_db):
    """Return the fixed cast of users, committed so that the live server thread sees it."""
    return factories.Cast()


def login(page, live_server, user, password=factories.PASSWORD):
    """Log `user` in through the login form."""
    page.goto(f"{live_server.url}/dang-nhap/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", password)
    page.click("button[type=submit]:has-text('Đăng nhập')")
    page.wait_for_url(f"{live_server.url}/")


def logout(page):
    """Log out with the header button."""
    page.click("header button:has-text('Đăng xuất')")


def shot(page, name: str, *, full_page: bool = True) -> Path:
    """Save a screenshot under test-artifacts/screenshots/ and return its path."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=full_page)
    return path
