"""Reuse the browser-test cast of doithoai/core/tests/browser (one shared Chromium)."""

from doithoai.core.tests.browser.conftest import cast  # noqa: F401
