from django.contrib import admin

from doithoai.core.admin import ReadOnlyAdmin

from .models import AuditChainHead, AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdmin):
    list_display = ["chain", "seq", "verb", "object_type", "object_id", "created_at"]
    list_filter = ["verb", "chain"]
    show_full_result_count = False


@admin.register(AuditChainHead)
class AuditChainHeadAdmin(ReadOnlyAdmin):
    list_display = ["chain", "last_seq", "last_hash"]
