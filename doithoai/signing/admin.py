"""Admin: the installation's operator records signer profiles, seal images and seal keys.

Superusers only; every save and delete goes through the audited `actions_profiles.admin_save`
and `admin_delete` (the actor, before and after, images by SHA-256). People upload their own
signature and agencies' administrators their seal on the pages, also audited.
"""

from django import forms
from django.contrib import admin
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from doithoai.core.admin import ReadOnlyAdmin

from . import actions_profiles, keys
from .models import AgencySeal, ExternalRequest, KeyStore, SealKey, SignedDocument, SignerProfile


class SealKeyForm(forms.ModelForm):
    """Check that the library is one the server allows and the file is in its key folder."""

    class Meta:
        model = SealKey
        fields = [
            "agency",
            "store",
            "pkcs11_module",
            "slot",
            "token_label",
            "key_label",
            "cert_file",
            "pkcs12_file",
            "secret_name",
            "certificate_attribute",
            "certificate_value",
        ]

    def clean(self):
        data = super().clean()
        if data.get("store") == KeyStore.PKCS12:
            if not keys.in_keys_dir(data.get("pkcs12_file", "")):
                self.add_error(
                    "pkcs12_file",
                    _("Tệp phải nằm trong thư mục khóa của máy chủ (DOITHOAI_SEAL_KEYS_DIR)."),
                )
        else:
            if data.get("pkcs11_module") not in keys.allowed_modules():
                self.add_error(
                    "pkcs11_module",
                    _(
                        "Thư viện không nằm trong danh sách máy chủ cho phép (DOITHOAI_PKCS11_MODULES)."
                    ),
                )
            if not data.get("key_label"):
                self.add_error("key_label", _("Nhập nhãn khóa trên token."))
        return data


class AuditedOperatorAdmin(admin.ModelAdmin):
    """Reached by superusers only; saves and deletes are the audited admin actions."""

    def _operator(self, request) -> bool:
        return request.user.is_active and request.user.is_superuser

    def has_module_permission(self, request):
        return self._operator(request)

    def has_view_permission(self, request, obj=None):
        return self._operator(request)

    def has_add_permission(self, request):
        return self._operator(request)

    def has_change_permission(self, request, obj=None):
        return self._operator(request)

    def has_delete_permission(self, request, obj=None):
        return self._operator(request)

    def save_model(self, request, obj, form, change):
        actions_profiles.admin_save(obj=obj, by=request.user)

    def delete_model(self, request, obj):
        actions_profiles.admin_delete(obj=obj, by=request.user)

    def delete_queryset(self, request, queryset):
        with transaction.atomic():
            for obj in queryset:
                actions_profiles.admin_delete(obj=obj, by=request.user)


@admin.register(SealKey)
class SealKeyAdmin(AuditedOperatorAdmin):
    """The installation's operator records each agency's seal key (a library is loaded code)."""

    form = SealKeyForm
    list_display = ("agency", "store", "token_label", "key_label", "secret_name")


@admin.register(SignerProfile)
class SignerProfileAdmin(AuditedOperatorAdmin):
    list_display = ("user", "certificate_attribute", "certificate_value")
    search_fields = ("user__username", "user__first_name", "user__last_name", "certificate_value")
    autocomplete_fields = ("user",)


@admin.register(AgencySeal)
class AgencySealAdmin(AuditedOperatorAdmin):
    list_display = ("agency", "diameter_mm")


@admin.register(SignedDocument)
class SignedDocumentAdmin(ReadOnlyAdmin):
    list_display = ("kind", "object_id", "version", "stage", "signer", "sha256", "signed_at")
    list_filter = ("kind", "stage", "method")


@admin.register(ExternalRequest)
class ExternalRequestAdmin(ReadOnlyAdmin):
    list_display = ("kind", "object_id", "signer", "created_at", "accepted")
