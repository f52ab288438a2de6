"""Fixtures: the fixed cast, time frozen on the seed day, a fresh calendar cache."""

import pytest

from doithoai.testing import factories
from doithoai.workdays import loader

seed_day = pytest.fixture(factories.seed_day)


@pytest.fixture(autouse=True)
def _fresh_calendar():
    loader.clear()
    yield
    loader.clear()
