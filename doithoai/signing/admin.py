"""Admin: the agency admin records signature images, seals and certificate attributes."""

from django.contrib import admin

from doithoai.core.admin import ReadOnlyAdmin

from .models import AgencySeal, ExternalRequest, SignedDocument, SignerProfile


@admin.register(SignerProfile)
class SignerProfileAdmin(admin.ModelAdmin):
    list_display = ("user", "certificate_attribute", "certificate_value")
    search_fields = ("user__username", "user__first_name", "user__last_name", "certificate_value")
    autocomplete_fields = ("user",)


@admin.register(AgencySeal)
class AgencySealAdmin(admin.ModelAdmin):
    list_display = ("agency", "diameter_mm")


@admin.register(SignedDocument)
class SignedDocumentAdmin(ReadOnlyAdmin):
    list_display = ("kind", "object_id", "version", "stage", "signer", "sha256", "signed_at")
    list_filter = ("kind", "stage", "method")


@admin.register(ExternalRequest)
class ExternalRequestAdmin(ReadOnlyAdmin):
    list_display = ("kind", "object_id", "signer", "created_at", "accepted")
