from django.contrib import admin

from doithoai.core.admin import ReadOnlyAdmin

from .models import ApiToken, IdempotencyRecord


@admin.register(ApiToken)
class ApiTokenAdmin(ReadOnlyAdmin):
    """Tokens without their hash: only the owner ever sees a secret, once."""

    list_display = [
        "name",
        "user",
        "prefix",
        "created_at",
        "expires_at",
        "last_used_at",
        "revoked_at",
    ]
    search_fields = ["name", "prefix", "user__username"]
    exclude = ["hash"]


@admin.register(IdempotencyRecord)
class IdempotencyRecordAdmin(ReadOnlyAdmin):
    list_display = ["user", "key", "method_path", "status", "created_at"]
    search_fields = ["key"]
