"""A logged-in person's pages, kept whole in the shared cache until their agency changes.

The secretariat's inbox, a petition, the head's home, the deadline board, the dashboard, the
province roll-up and the API's petition list are opened again and again between two writes
(back from a petition, a colleague's refresh, the next page and back, a client polling);
each costs 50-150 ms of templates and queries to produce the same bytes.
`cached_page` keeps the rendered response of a GET under a key that names everything the
bytes depend on:

- the view, the full path with its query, the language, today's date (deadlines and
  "overdue" move with the day), and the htmx headers (a partial is not the whole page);
- the person, their session and their CSRF cookie (the page carries their CSRF token);
- the generations of the site, of the person (their unread notifications) and of every
  agency the person belongs to or the page shows (`core.generations`): every action records
  an audit event, and its commit gives the agency a new generation, so no page is served
  from before a write that changed it.

What is not an action (an operator's shell, a row loaded by hand) is caught by the
timeout, `PAGE_CACHE_SECONDS` (60 s by default; 0 turns the cache off).

It is not used, and the page is rendered as usual, when there is anything the person must
see once (a message queued by the last action), when the request has no CSRF cookie yet,
or when the response is not a plain 200 (a redirect, an error, a file streamed, a cookie
set, `Cache-Control: no-store`). Who may open the page is decided before it: put it inside
`role_required`, so a refusal is never cached and a person who lost a role is refused.
"""

import functools
import hashlib

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.contrib.messages.storage.session import SessionStorage
from django.core.cache import cache
from django.http import HttpResponse
from django.utils import timezone, translation

from doithoai.core import generations

from .access import memberships

HTMX_HEADERS = (
    "HTTP_HX_REQUEST",
    "HTTP_HX_TARGET",
    "HTTP_HX_BOOSTED",
    "HTTP_HX_HISTORY_RESTORE_REQUEST",
)
KEPT_HEADERS = ("Content-Type", "Content-Disposition", "Content-Language", "Vary")


def _seconds() -> int:
    return int(getattr(settings, "PAGE_CACHE_SECONDS", 60))


def _has_messages(request) -> bool:
    if CookieStorage.cookie_name in request.COOKIES:
        return True
    session = getattr(request, "session", None)
    return bool(session is not None and session.get(SessionStorage.session_key))


def _key(name: str, request, user, parts, extra=()) -> str:
    """Hash what every cached answer depends on with the answer's own `parts`."""
    own = sorted(memberships(user))
    seen = set(own)
    scopes = [generations.SITE, generations.person(user.pk), *own]
    scopes += [agency_id for agency_id in extra if agency_id not in seen]
    common = [
        name,
        request.get_full_path(),
        str(user.pk),
        translation.get_language() or "",
        timezone.localdate().isoformat(),
        *generations.current(*scopes),
    ]
    digest = hashlib.sha256("\x1f".join(common + list(parts)).encode()).hexdigest()
    return f"doithoai:page:{digest}"


def page_key(request, view_name: str, extra=()) -> str | None:
    """Return the cache key of this request's page, or None when it must be rendered."""
    user = getattr(request, "user", None)
    if request.method not in ("GET", "HEAD") or not getattr(user, "is_authenticated", False):
        return None
    csrf = request.COOKIES.get(settings.CSRF_COOKIE_NAME, "")
    session = getattr(request, "session", None)
    if not csrf or session is None or not session.session_key or _has_messages(request):
        return None
    parts = [session.session_key, csrf, *(request.META.get(h, "") for h in HTMX_HEADERS)]
    return _key(view_name, request, user, parts, extra)


def data_key(request, name: str, user) -> str | None:
    """Return the cache key of an API answer for `user` (no session, no CSRF token in it)."""
    if request.method != "GET" or _seconds() <= 0:
        return None
    return _key(name, request, user, ())


def remember(key: str, value) -> None:
    """Keep `value` under `key` for PAGE_CACHE_SECONDS."""
    cache.set(key, value, _seconds())


def _storable(response) -> bool:
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and "no-store" not in response.get("Cache-Control", "")
    )


def cached_page(view=None, *, agencies=None):
    """Serve the view's GET response from the cache while nothing it shows has changed.

    `agencies(request, *args, **kwargs)` names the agencies a page shows beyond the
    person's own (a dashboard opened by the province): their generations join the key.
    Use as `@cached_page` or `@cached_page(agencies=...)`.
    """
    if view is None:
        return functools.partial(cached_page, agencies=agencies)
    view_name = f"{view.__module__}.{view.__qualname__}"

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        seconds = _seconds()
        key = None
        if seconds > 0:
            extra = agencies(request, *args, **kwargs) if agencies is not None else ()
            key = page_key(request, view_name, extra)
        if key is None:
            return view(request, *args, **kwargs)
        stored = cache.get(key)
        if stored is not None:
            content, headers = stored
            response = HttpResponse(content)
            for name, value in headers:
                response[name] = value
            return response
        response = view(request, *args, **kwargs)
        if _storable(response):
            headers = [
                (name, value)
                for name, value in response.items()
                if name in KEPT_HEADERS or name.lower().startswith("hx-")
            ]
            cache.set(key, (response.content, headers), seconds)
        return response

    return wrapped
