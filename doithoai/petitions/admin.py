from django.contrib import admin

from doithoai.core.admin import ReadOnlyAdmin, ReadOnlyInline

from .models import Attachment, Petition, Support, Topic


@admin.register(Topic)
class TopicAdmin(ReadOnlyAdmin):
    list_display = ["name", "group", "agency", "confidential_by_default"]
    list_filter = ["agency", "group"]


class AttachmentInline(ReadOnlyInline):
    model = Attachment
    fields = ["original_name", "size", "sha256", "uploaded_at"]


@admin.register(Petition)
class PetitionAdmin(ReadOnlyAdmin):
    """Petitions without the submitter's identity: the admin is not an intake officer."""

    list_display = ["code", "title", "status", "topic", "channel", "privacy", "submitted_at"]
    list_filter = ["agency", "status", "channel", "privacy", "topic__group"]
    search_fields = ["code", "search_text"]
    list_select_related = ["topic"]
    exclude = ["submitter", "submitter_name", "submitter_unit", "receipt_hash", "search_text"]
    inlines = [AttachmentInline]
    show_full_result_count = False


@admin.register(Attachment)
class AttachmentAdmin(ReadOnlyAdmin):
    list_display = ["original_name", "petition", "size", "sha256"]


@admin.register(Support)
class SupportAdmin(ReadOnlyAdmin):
    list_display = ["petition", "created_at"]
    exclude = ["user"]
