"""Session limits and the second-factor gate, applied to every request."""

from urllib.parse import quote

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from .events import current_request
from .policy import is_enrolled, is_privileged, needs_second_factor
from .signals import LOGIN_AT, SEEN_AT

SEEN_RESOLUTION = 30  # seconds: the last-seen time is rewritten at most this often


def _refuse_api(message: str, code: str, status: int):
    body = {"code": code, "message": message, "field": None}
    return JsonResponse(body, status=status, json_dumps_params={"ensure_ascii": False})


class SessionLimitsMiddleware:
    """End a session 12 hours after log-in (SESSION_COOKIE_AGE), and a privileged role's
    after SESSION_IDLE_SECONDS without a request; remember the request for audit signals."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = current_request.set(request)
        try:
            expired = self._expire(request)
            if expired is not None:
                return expired
            return self.get_response(request)
        finally:
            current_request.reset(token)

    def _expire(self, request):
        user = getattr(request, "user", None)
        if not getattr(user, "is_authenticated", False):
            return None
        session = request.session
        now = timezone.now().timestamp()
        started = session.setdefault(LOGIN_AT, now)
        seen = session.get(SEEN_AT, started)
        reason = ""
        if now - started > settings.SESSION_COOKIE_AGE:
            reason = "absolute"
        elif is_privileged(user) and now - seen > settings.SESSION_IDLE_SECONDS:
            reason = "idle"
        if not reason:
            if now - seen >= SEEN_RESOLUTION:
                session[SEEN_AT] = now
            return None
        request.doithoai_logout_reason = reason
        logout(request)
        message = _("Phiên làm việc đã hết hạn; vui lòng đăng nhập lại.")
        if request.path.startswith("/api/"):
            return _refuse_api(message, "session_expired", 401)
        messages.info(request, message)
        return redirect(f"{reverse('login')}?next={quote(request.get_full_path())}")


class SecondFactorMiddleware:
    """Send a user who must use a second factor to enrol or verify before anything else."""

    def __init__(self, get_response):
        self.get_response = get_response

    def _exempt(self, path: str) -> bool:
        prefixes = [
            reverse("accounts:verify"),
            reverse("accounts:enrol"),
            reverse("logout"),
            reverse("set_language"),
            "/xac-thuc/webauthn/",
            "/" + settings.STATIC_URL.lstrip("/"),
        ]
        return any(path.startswith(p) for p in prefixes)

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            getattr(user, "is_authenticated", False)
            and not user.is_verified()
            and needs_second_factor(user)
            and not self._exempt(request.path)
        ):
            if request.path.startswith("/api/"):
                return _refuse_api(
                    _("Tài khoản này cần xác thực hai lớp trước khi dùng hệ thống."),
                    "second_factor_required",
                    403,
                )
            target = "accounts:verify" if is_enrolled(user) else "accounts:enrol"
            return redirect(f"{reverse(target)}?next={quote(request.get_full_path())}")
        return self.get_response(request)
