"""Site-wide request guards: refuse NUL characters, send a Permissions-Policy."""

import json
import re

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import HttpResponse, JsonResponse
from django.utils.translation import gettext as _

# A NUL as sent: raw, percent-encoded (forms, query strings) or JSON-escaped.
_NUL = re.compile(rb"\x00|%00|\\u0000", re.IGNORECASE)
_TEXT_BODIES = ("application/json", "application/x-www-form-urlencoded", "text/")


def _has_nul(request) -> bool:
    if _NUL.search(request.META.get("QUERY_STRING", "").encode("latin-1", "replace")):
        return True
    content_type = request.content_type or ""
    if content_type.startswith(_TEXT_BODIES):
        try:
            return bool(_NUL.search(request.body))
        except RequestDataTooBig:
            return False  # the view answers that (413)
    if content_type.startswith("multipart/"):
        # Only the text fields: an uploaded file may well contain NUL bytes.
        return any("\x00" in v for vs in request.POST.lists() for v in vs[1])
    return False


def _nul_field(request) -> str | None:
    """Name the field whose text holds the NUL: a form field, or a JSON body's dotted path."""
    if (request.content_type or "").startswith("multipart/"):
        # The multipart stream was read to parse the form: search the parsed text fields.
        return next((k for k, vs in request.POST.lists() if any("\x00" in v for v in vs)), None)

    def search(value, path):
        if isinstance(value, str):
            return path if "\x00" in value else None
        if isinstance(value, dict | list):
            items = value.items() if isinstance(value, dict) else enumerate(value)
            for key, item in items:
                found = search(item, f"{path}.{key}" if path else str(key))
                if found:
                    return found
        return None

    try:
        return search(json.loads(request.body), "")
    except (ValueError, UnicodeDecodeError):
        return None


class RefuseNulMiddleware:
    """Answer 400 to any request carrying a NUL character in its text.

    PostgreSQL cannot store NUL in text columns; letting one through gave a 500. Pages get
    a short Vietnamese message, the API its usual `{"code", "message", "field"}` error.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method in ("POST", "PUT", "PATCH", "GET", "DELETE") and _has_nul(request):
            message = _("Dữ liệu gửi lên chứa ký tự NUL (\\0), không được chấp nhận.")
            if request.path.startswith("/api/"):
                body = {
                    "code": "validation_error",
                    "message": message,
                    "field": _nul_field(request),
                }
                return JsonResponse(body, status=400, json_dumps_params={"ensure_ascii": False})
            return HttpResponse(message, status=400, content_type="text/plain; charset=utf-8")
        return self.get_response(request)


class PermissionsPolicyMiddleware:
    """Send settings.PERMISSIONS_POLICY on every response (browser features switched off)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        policy = getattr(settings, "PERMISSIONS_POLICY", "")
        if policy and "Permissions-Policy" not in response:
            response["Permissions-Policy"] = policy
        return response
