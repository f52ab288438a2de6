"""Browser tests of the second factor: a cast committed for the live server."""

import pytest

from doithoai.testing import factories


@pytest.fixture
def cast(transactional_db):
    """The fixed cast of users, committed so that the live server thread sees it."""
    return factories.Cast()
