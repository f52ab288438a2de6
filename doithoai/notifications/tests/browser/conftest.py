"""Browser tests: the live server driven by Playwright (see doithoai.testing.browser)."""

import pytest

from doithoai.testing.browser import committed_cast

cast = pytest.fixture(committed_cast)
