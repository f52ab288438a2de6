"""Fixtures shared by every test: the fixed cast of users and an isolated media folder."""

import pytest

# One Chromium for every browser test of the session (see doithoai/testing/browser.py);
# audit keys and checkpoints in a temporary folder for every test (doithoai/audit/testing.py).
pytest_plugins = ["doithoai.testing.browser", "doithoai.audit.testing"]


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path, request):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.EXPORTS_DIR = tmp_path / "exports"
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    # Tests log in with a password only; doithoai/accounts/tests enforce the second factor.
    settings.MFA_REQUIRED_ROLES = []
    # A test's transaction never commits, so no write would renew a cached page: pages are
    # rendered every time (query counts measure the rendering), except in the browser
    # tests, whose server commits, and in the page cache's own tests (`page_cache`).
    if not request.node.get_closest_marker("browser"):
        settings.PAGE_CACHE_SECONDS = 0
    # The local-memory cache outlives a test's rolled-back rows: start each test empty.
    from django.core.cache import cache

    cache.clear()
    # So does each worker's copy of a room's fragment (keyed by conference id and version,
    # which a rolled-back test may reuse).
    from doithoai.live.views import _cached_fragment

    _cached_fragment.cache_clear()
    # A request in an earlier test may have left another language active in this thread.
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def page_cache(settings):
    """Turn the page cache on (`organizations.pagecache`), as in production."""
    settings.PAGE_CACHE_SECONDS = 60


@pytest.fixture
def cast(db):
    """One agency with one user per role (see doithoai.testing.factories.Cast)."""
    from doithoai.testing.factories import Cast

    return Cast()
