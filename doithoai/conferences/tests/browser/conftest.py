"""Reuse the browser fixtures of doithoai/core/tests/browser (Playwright, Debian Chromium)."""

from doithoai.core.tests.browser.conftest import browser, cast, page  # noqa: F401
