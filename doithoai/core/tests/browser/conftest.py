"""Browser tests: pytest-django's live server driven by Playwright with Debian's Chromium.

The shared fixtures (`browser`, `page`) and helpers live in `kit.py`, loaded once by the
root conftest; this file gives the browser tests a cast committed for the live server.
"""

import pytest

from doithoai.core import factories

from .kit import login, logout, shot  # noqa: F401 - the helpers browser tests import


@pytest.fixture
def cast(transactional_db):
    """The fixed cast of users, committed so that the live server thread sees it."""
    return factories.Cast()
