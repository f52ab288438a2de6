"""Who is calling: a personal API token (`Authorization: Bearer …`) or the site's session.

Every call acts as that user, with that user's permissions. Calls are rate-limited per
token (or per user for the session) with Django's cache: `API_RATE_LIMIT` requests per
`API_RATE_WINDOW` seconds, read from the settings at each request.
"""

import datetime
import time

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone
from ninja.security import HttpBearer, SessionAuth
from ninja.throttling import BaseThrottle

from .actions import hash_token
from .models import ApiToken

DEFAULT_RATE_LIMIT = 600
DEFAULT_RATE_WINDOW = 60
# Record a token's use at most this often, so a busy client does not write on every call.
LAST_USED_EVERY = datetime.timedelta(minutes=1)


class TokenAuth(HttpBearer):
    """Authenticate a personal API token; its user becomes `request.user`."""

    def authenticate(self, request, token: str):
        token = (token or "").strip()
        if not token or len(token) > 200:
            return None
        row = (
            ApiToken.objects.usable().select_related("user").filter(hash=hash_token(token)).first()
        )
        if row is None or not row.user.is_active:
            return None
        now = timezone.now()
        if row.last_used_at is None or now - row.last_used_at > LAST_USED_EVERY:
            # Bookkeeping on the token itself, not a domain change: no action, no audit event.
            ApiToken.objects.filter(pk=row.pk).update(last_used_at=now)
        request.user = row.user
        request.api_token = row
        return row.user


class SiteSessionAuth(SessionAuth):
    """Authenticate the site's own session (CSRF-checked on unsafe methods)."""

    def authenticate(self, request, key):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.is_active:
            return user
        return None


class RateLimit(BaseThrottle):
    """Allow a fixed number of calls per window for each token or session user."""

    def __init__(self):
        self._wait = None

    def allow_request(self, request) -> bool:
        limit = int(getattr(settings, "API_RATE_LIMIT", DEFAULT_RATE_LIMIT))
        window = int(getattr(settings, "API_RATE_WINDOW", DEFAULT_RATE_WINDOW))
        if limit <= 0:
            return True
        token = getattr(request, "api_token", None)
        if token is not None:
            who = f"t{token.pk}"
        elif getattr(request, "auth", None) is not None:
            who = f"u{request.auth.pk}"
        else:
            who = f"a{self.get_ident(request)}"
        now = time.time()
        slot = int(now // window)
        key = f"doithoai:api-rate:{who}:{slot}"
        try:
            count = cache.incr(key)  # the window's counter exists after its first call
        except ValueError:  # the window's first call (or another worker's, meanwhile)
            count = 1 if cache.add(key, 1, timeout=window + 1) else cache.incr(key)
        if count > limit:
            self._wait = max(1, int((slot + 1) * window - now) + 1)
            return False
        return True

    def wait(self):
        return self._wait
