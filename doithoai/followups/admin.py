from django.contrib import admin

from doithoai.core.admin import ReadOnlyAdmin

from .models import Answer, Assignment, Commitment, ResolutionAttachment


@admin.register(Answer)
class AnswerAdmin(ReadOnlyAdmin):
    list_display = ["petition", "mode", "answered_by", "answered_on", "published_at"]
    list_filter = ["agency", "mode"]


@admin.register(Commitment)
class CommitmentAdmin(ReadOnlyAdmin):
    list_display = ["petition", "promised_on", "form", "kept_on"]


@admin.register(Assignment)
class AssignmentAdmin(ReadOnlyAdmin):
    list_display = ["petition", "unit", "status", "needs_verification", "due_date", "reported_at"]
    list_filter = ["agency", "status", "unit"]


@admin.register(ResolutionAttachment)
class ResolutionAttachmentAdmin(ReadOnlyAdmin):
    list_display = ["original_name", "assignment", "size", "sha256"]
