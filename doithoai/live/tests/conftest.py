"""Fixtures for these tests: `seed_day` freezes time on 20/06/2018 (see core.factories)."""

import pytest

from doithoai.testing import factories

seed_day = pytest.fixture(factories.seed_day)
