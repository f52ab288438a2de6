"""Admin: the agency admin records signature images, seals and certificate attributes."""

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from doithoai.core.admin import ReadOnlyAdmin

from . import keys
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


@admin.register(SealKey)
class SealKeyAdmin(admin.ModelAdmin):
    """The installation's operator records each agency's seal key (a library is loaded code)."""

    form = SealKeyForm
    list_display = ("agency", "store", "token_label", "key_label", "secret_name")

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser

    def has_add_permission(self, request):
        return request.user.is_active and request.user.is_superuser

    def has_change_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser


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
