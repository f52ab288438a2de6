"""Fixtures for the access tests: the second factor enforced as in production."""

import pytest
from django.core.cache import cache


@pytest.fixture
def enforced(settings):
    """Require the second factor of the privileged roles, as with DEBUG off."""
    settings.MFA_ENFORCED = True
    settings.MFA_REQUIRED_ROLES = list(settings.PRIVILEGED_ROLES)
    cache.clear()
    return settings
