"""Answer every error under `/api/v1/` as the API's JSON error object, whoever raised it.

The operations answer their own errors (see `errors.install_handlers`); this catches what
happens outside them: Django's 404 for an unknown path, ninja's 405 for an unknown method,
a request refused before any view (413), and an unhandled exception with `DEBUG=0`.
"""

import logging

from django.http import Http404, JsonResponse
from django.utils.translation import gettext as _

logger = logging.getLogger("doithoai.api")

PREFIX = "/api/v1/"


def is_api(request) -> bool:
    """Tell whether the request is for the JSON API (not the token page or the docs)."""
    path = request.path_info
    return path.startswith(PREFIX) and not path.startswith(PREFIX + "docs")


def _messages() -> dict[int, tuple[str, str]]:
    return {
        400: ("bad_request", _("Yêu cầu không hợp lệ.")),
        401: (
            "unauthorized",
            _("Cần đăng nhập hoặc gửi khóa API hợp lệ (Authorization: Bearer …)."),
        ),
        403: ("forbidden", _("Bạn không có quyền thực hiện thao tác này.")),
        404: ("not_found", _("Không tìm thấy hoặc bạn không có quyền xem.")),
        405: ("method_not_allowed", _("Phương thức HTTP này không được hỗ trợ ở địa chỉ này.")),
        413: ("payload_too_large", _("Dữ liệu gửi lên vượt quá giới hạn cho phép.")),
        415: ("unsupported_media_type", _("Kiểu dữ liệu gửi lên không được hỗ trợ; hãy gửi JSON.")),
        429: ("rate_limited", _("Quá nhiều yêu cầu; vui lòng thử lại sau.")),
        500: ("server_error", _("Lỗi máy chủ; yêu cầu chưa được thực hiện. Vui lòng thử lại sau.")),
    }


def error_response(status: int, code: str | None = None, message=None, field=None):
    """Return the JSON error object for `status`, with the standard code and message."""
    default_code, default_message = _messages().get(
        status, ("server_error" if status >= 500 else "error", _("Yêu cầu không thành công."))
    )
    body = {"code": code or default_code, "message": str(message or default_message)}
    body["field"] = field
    return JsonResponse(body, status=status, json_dumps_params={"ensure_ascii": False})


KEPT_HEADERS = ("Allow", "Retry-After", "WWW-Authenticate", "Vary", "Content-Language")


class ApiErrorMiddleware:
    """Turn any non-JSON error response or unhandled exception under `/api/v1/` into JSON."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code < 400 or not is_api(request):
            return response
        if (response.get("Content-Type") or "").startswith("application/json"):
            return response
        converted = error_response(response.status_code)
        for name in KEPT_HEADERS:
            if name in response:
                converted[name] = response[name]
        return converted

    def process_exception(self, request, exception):
        """Log an unhandled exception and answer 500 JSON, never a traceback or an HTML page."""
        if not is_api(request):
            return None
        if isinstance(exception, Http404):  # e.g. ninja's own root view: not an error of ours
            return error_response(404)
        logger.exception("Unhandled error in %s %s", request.method, request.path)
        return error_response(500)
