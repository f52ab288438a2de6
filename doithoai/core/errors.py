"""Errors that actions raise; pages show their message, the API maps `code` to a status."""

from django.utils.translation import gettext_lazy as _


class ActionError(Exception):
    """Refuse an action with a machine code, a translatable message and the field at fault."""

    code = "action_error"
    http_status = 400

    def __init__(self, message, *, field: str | None = None, code: str | None = None):
        super().__init__(str(message))
        self.message = message
        self.field = field
        if code:
            self.code = code

    def as_dict(self) -> dict:
        """Return the structured form used by the API."""
        return {"code": self.code, "message": str(self.message), "field": self.field}


class ValidationFailed(ActionError):
    """Reject bad input."""

    code = "validation_error"
    http_status = 400


class PermissionRefused(ActionError):
    """Refuse an actor who may not do this."""

    code = "forbidden"
    http_status = 403

    def __init__(self, message=None, **kwargs):
        super().__init__(message or _("Bạn không có quyền thực hiện thao tác này."), **kwargs)


class InvalidTransition(ActionError):
    """Refuse a change the current state does not allow."""

    code = "invalid_transition"
    http_status = 409


class Conflict(ActionError):
    """Refuse a change that conflicts with what is stored (a duplicate, a stale edit)."""

    code = "conflict"
    http_status = 409
