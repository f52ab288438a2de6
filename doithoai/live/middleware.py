"""Answer a phone's unchanged poll before the rest of the stack runs.

Three hundred phones poll the room once a second, and almost every poll finds the room
unchanged. Through the whole stack such a poll loads the session, the user, the second-factor
device and the person's memberships to answer `304 Not Modified`. Here it costs one signature
check and one read of the room's version:

- A phone or projector that was let in by the full stack (logged in, a member of the agency)
  receives a *room pass*: a cookie signed with the installation's secret key
  (`django.core.signing`), sent only under the rooms' path `/hn/`, naming the conference and
  the person, valid for `PASS_SECONDS`. One pass per browser: the room opened last.
- A poll that carries a valid pass for that conference and an `If-None-Match` naming the
  room's current version is answered `304` here. When the version has changed, the new
  fragment is served here too, from the per-worker copy rendered once per version (the room's
  state is the same for every member and never names a confidential petitioner), with the
  CSRF token of the person's own cookie and gzip: when an answer is recorded, all the phones
  ask within the same second, and this keeps that burst cheap. Anything else (no pass, an
  expired or forged one, no earlier ETag, any other method or path) goes through the full
  stack, which checks the log-in and the membership again and renews the pass.
- What the shortcut reveals is only "nothing changed" to a person who was a member minutes
  ago; a person who logs out or loses the membership stops getting it within `PASS_SECONDS`
  (the log-out also deletes the pass).

No library answers conditional requests before authentication: Django's `ConditionalGetMiddleware`
and `condition()` decorator run after the session and authentication middleware, which is the
cost this module removes.
"""

import re

from django.conf import settings
from django.core import signing
from django.middleware.csrf import CsrfViewMiddleware
from django.middleware.gzip import GZipMiddleware

PASS_COOKIE = "doithoai_room"
PASS_SALT = "doithoai.live.room-pass"
PASS_SECONDS = 10 * 60
POLL_PATH = re.compile(r"^/hn/(?P<pk>[0-9]{1,18})/(?P<view>dien-thoai|may-chieu)/trang-thai/$")
VARIANTS = {"dien-thoai": "phone", "may-chieu": "projector"}


PASS_PATH = "/hn/"


def give_pass(response, user, conference_id: int) -> None:
    """Set the room pass of `user` for the conference on a response of the full stack."""
    value = signing.dumps({"u": user.pk, "c": conference_id}, salt=PASS_SALT, compress=False)
    response.set_cookie(
        PASS_COOKIE,
        value,
        max_age=PASS_SECONDS,
        path=PASS_PATH,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )


def take_pass(response) -> None:
    """Delete the room pass (at log-out)."""
    response.delete_cookie(PASS_COOKIE, path=PASS_PATH, samesite="Lax")


def holds_pass(request, conference_id: int) -> bool:
    """Return whether the request carries a valid, unexpired pass for the conference."""
    token = request.COOKIES.get(PASS_COOKIE)
    if not token:
        return False
    try:
        value = signing.loads(token, salt=PASS_SALT, max_age=PASS_SECONDS)
    except signing.BadSignature:
        return False
    return isinstance(value, dict) and value.get("c") == conference_id


class RoomPollMiddleware:
    """Answer a room poll that carries a valid pass before the session is read: `304` when
    the room has not changed, else its new fragment."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method == "GET":
            match = POLL_PATH.match(request.path_info)
            if match:
                response = self.answer(request, int(match["pk"]), VARIANTS[match["view"]])
                if response is not None:
                    return response
        response = self.get_response(request)
        if getattr(request, "drop_room_pass", False):
            take_pass(response)
        return response

    def answer(self, request, conference_id: int, variant: str):
        """Return the poll's answer, or None to let the full stack answer it."""
        tags = request.headers.get("If-None-Match")
        if not tags or not holds_pass(request, conference_id):
            return None
        lang = _language(tags, conference_id, variant)
        if lang is None:
            return None
        from .views import poll_response, stored_version

        version = stored_version(conference_id)
        if version is None:
            return None
        # The person's own CSRF cookie, read (and set if missing) as the CSRF middleware does.
        csrf = CsrfViewMiddleware(self.get_response)
        csrf.process_request(request)
        response = poll_response(request, variant, conference_id, version, lang)
        if response.status_code == 304:
            return response
        response["Content-Language"] = lang
        response["Vary"] = "Cookie, Accept-Language"
        response = csrf.process_response(request, response)
        return GZipMiddleware(self.get_response).process_response(request, response)


def _language(tags: str, conference_id: int, variant: str) -> str | None:
    """Return the language of the phone's last fragment, named in its ETag."""
    match = re.search(rf'W/"r{conference_id}-v[0-9]+-{variant}-([a-z-]+)"', tags)
    if match and match[1] in dict(settings.LANGUAGES):
        return match[1]
    return None
