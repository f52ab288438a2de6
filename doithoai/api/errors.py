"""The API's error shape `{"code", "message", "field"}` and the handlers that produce it.

Actions raise `ActionError` subclasses, whose `http_status` and `code` are used as they are;
the API adds its own codes for what only it can refuse (authentication, lookups, rate
limits, idempotency). Messages follow the request's language (Vietnamese by default).
"""

from django.core.exceptions import RequestDataTooBig
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Schema
from ninja.errors import AuthenticationError, HttpError, Throttled
from ninja.errors import ValidationError as NinjaValidationError
from ninja.parser import Parser

from doithoai.core.errors import ActionError

from .middleware import error_response, logger


class ErrorOut(Schema):
    """An error: a stable machine code, a message for people, and the field at fault."""

    code: str
    message: str
    field: str | None = None


ERROR_STATUSES = frozenset({400, 401, 403, 404, 409, 413, 415, 429, 500})
# The error responses every operation documents.
ERRORS = {ERROR_STATUSES: ErrorOut}


class UnsupportedMediaType(Exception):
    """A JSON body was expected but another content type was sent."""


class JsonParser(Parser):
    """Parse JSON bodies; refuse another declared content type with 415, not a parse error."""

    def parse_body(self, request):
        content_type = request.content_type or ""
        if content_type and not (
            content_type == "application/json" or content_type.endswith("+json")
        ):
            raise UnsupportedMediaType(content_type)
        return super().parse_body(request)


class ApiError(ActionError):
    """Refuse a request for a reason only the API knows, with its HTTP status."""

    def __init__(self, message, *, status: int, code: str, field: str | None = None):
        super().__init__(message, field=field, code=code)
        self.http_status = status


def not_found(field: str | None = None) -> ApiError:
    """Return the error for an object that does not exist or that the user may not see."""
    return ApiError(
        _("Không tìm thấy hoặc bạn không có quyền xem."), status=404, code="not_found", field=field
    )


def _respond(api, request, status: int, code: str, message, field=None, headers=None):
    response = api.create_response(
        request, {"code": code, "message": str(message), "field": field}, status=status
    )
    for name, value in (headers or {}).items():
        response[name] = value
    return response


def _field_of(error: dict) -> str | None:
    loc = [str(part) for part in error.get("loc", ()) if part not in ("body", "query", "path")]
    loc = [part for part in loc if part not in ("payload", "form", "header")]
    return ".".join(loc) or None


def install_handlers(api) -> None:
    """Register the handlers that turn every refusal into the one JSON error shape."""

    @api.exception_handler(ActionError)
    def action_error(request, exc: ActionError):
        headers = {}
        if exc.http_status == 429 and getattr(exc, "retry_after", None):
            headers["Retry-After"] = str(exc.retry_after)
        if exc.http_status == 401:
            headers["WWW-Authenticate"] = 'Bearer realm="doithoai"'
        return _respond(api, request, exc.http_status, exc.code, exc.message, exc.field, headers)

    @api.exception_handler(NinjaValidationError)
    def validation_error(request, exc: NinjaValidationError):
        first = exc.errors[0] if exc.errors else {}
        field = _field_of(first)
        detail = first.get("msg", "")
        message = _("Dữ liệu gửi lên không hợp lệ")
        if field:
            message = f"{message} ({field}: {detail})"
        return _respond(api, request, 400, "validation_error", message, field)

    @api.exception_handler(AuthenticationError)
    def unauthenticated(request, exc):
        return _respond(
            api,
            request,
            401,
            "unauthorized",
            _("Cần đăng nhập hoặc gửi khóa API hợp lệ (Authorization: Bearer …)."),
            headers={"WWW-Authenticate": 'Bearer realm="doithoai"'},
        )

    @api.exception_handler(Throttled)
    def throttled(request, exc: Throttled):
        return _respond(
            api,
            request,
            429,
            "rate_limited",
            _("Quá nhiều yêu cầu; vui lòng thử lại sau."),
            headers={"Retry-After": str(int(exc.wait or 1))},
        )

    @api.exception_handler(Http404)
    def missing(request, exc):
        return action_error(request, not_found())

    @api.exception_handler(RequestDataTooBig)
    def too_big(request, exc):
        return _respond(
            api, request, 413, "payload_too_large", _("Dữ liệu gửi lên vượt quá giới hạn cho phép.")
        )

    @api.exception_handler(HttpError)
    def http_error(request, exc: HttpError):
        if isinstance(exc.__cause__, UnsupportedMediaType):
            return error_response(415, field="Content-Type")
        if exc.status_code == 400 and exc.__cause__ is not None:
            # ninja could not read the body: say so without echoing the parser's words.
            return _respond(
                api, request, 400, "bad_request", _("Nội dung gửi lên không phải JSON hợp lệ.")
            )
        return error_response(exc.status_code, message=exc.message)

    @api.exception_handler(Exception)
    def unhandled(request, exc: Exception):
        # Also with DEBUG=1: a client never receives a traceback, always the error object.
        logger.exception("Unhandled error in %s %s", request.method, request.path)
        return error_response(500)
