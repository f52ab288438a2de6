"""Signature and seal images, the certificate that identifies a signer, signed documents."""

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from doithoai.organizations.models import Agency

from .images import validate_seal_file, validate_signature_file


class CertificateAttribute(models.TextChoices):
    """Which attribute of a signer's certificate identifies the person."""

    SERIAL = "serial", _("Số hiệu chứng thư (serial, hệ 16)")
    COMMON_NAME = "cn", _("Tên chủ thể (CN)")
    SUBJECT_UID = "uid", _("Mã định danh trong chủ thể (UID: CMND/CCCD)")


class SignerProfile(models.Model):
    """A person's signature image and the certificate attribute that identifies them."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="signer_profile"
    )
    signature_image = models.FileField(
        _("ảnh chữ ký (PNG nền trong suốt, màu xanh)"),
        upload_to="signing/signatures/",
        validators=[validate_signature_file],
        blank=True,
    )
    certificate_attribute = models.CharField(
        _("thuộc tính chứng thư"),
        max_length=10,
        choices=CertificateAttribute.choices,
        default=CertificateAttribute.SUBJECT_UID,
    )
    certificate_value = models.CharField(
        _("giá trị"),
        max_length=200,
        blank=True,
        help_text=_("Ví dụ: CMND:012345678 hoặc CCCD:001234567890 (UID), hay số hiệu chứng thư."),
    )

    class Meta:
        verbose_name = _("hồ sơ người ký")
        verbose_name_plural = _("hồ sơ người ký")

    def __str__(self):
        return self.user.get_full_name() or self.user.get_username()


class AgencySeal(models.Model):
    """An agency's seal image, drawn at its actual diameter."""

    agency = models.OneToOneField(Agency, on_delete=models.CASCADE, related_name="seal")
    image = models.FileField(
        _("ảnh con dấu (PNG nền trong suốt, màu đỏ)"),
        upload_to="signing/seals/",
        validators=[validate_seal_file],
    )
    diameter_mm = models.DecimalField(
        _("đường kính thật (mm)"), max_digits=4, decimal_places=1, default=36
    )

    class Meta:
        verbose_name = _("con dấu cơ quan")
        verbose_name_plural = _("con dấu cơ quan")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(diameter_mm__gte=20, diameter_mm__lte=60),
                name="seal_diameter_sensible",
            )
        ]

    def __str__(self):
        return str(self.agency)


# The PIN or password is never stored: the configuration names the secret that holds it.
SECRET_NAME = RegexValidator(
    r"^DOITHOAI_SEAL_[A-Z0-9_]{1,50}$",
    _("Tên biến bí mật phải viết hoa, bắt đầu bằng DOITHOAI_SEAL_ (ví dụ DOITHOAI_SEAL_PIN_VP)."),
)


class KeyStore(models.TextChoices):
    PKCS11 = "pkcs11", _("Thiết bị PKCS#11 (token/HSM)")
    PKCS12 = "pkcs12", _("Tệp PKCS#12 trên máy chủ")


class SealKey(models.Model):
    """Where an agency's seal key lives (its own token or file), set by the installation.

    Only the installation's operator (a superuser) records it: a module path is a library the
    server loads. The PIN or password is read from the secret named here (an environment
    variable, or a file of that name in `DOITHOAI_SECRETS_DIR`), never from the database.
    An agency without one seals with the installation's key (`DOITHOAI_SEAL_*`).
    """

    agency = models.OneToOneField(Agency, on_delete=models.CASCADE, related_name="seal_key")
    store = models.CharField(
        _("nơi giữ khóa"), max_length=10, choices=KeyStore.choices, default=KeyStore.PKCS11
    )
    pkcs11_module = models.CharField(
        _("thư viện PKCS#11"),
        max_length=300,
        blank=True,
        help_text=_("Một trong các thư viện máy chủ cho phép (DOITHOAI_PKCS11_MODULES)."),
    )
    slot = models.PositiveIntegerField(_("khe (slot)"), null=True, blank=True)
    token_label = models.CharField(_("nhãn token"), max_length=100, blank=True)
    key_label = models.CharField(_("nhãn khóa"), max_length=100, blank=True)
    cert_file = models.CharField(
        _("tệp chứng thư (PEM)"),
        max_length=300,
        blank=True,
        help_text=_("Chỉ khi chứng thư không nằm trên token."),
    )
    pkcs12_file = models.CharField(
        _("tệp PKCS#12"),
        max_length=300,
        blank=True,
        help_text=_("Đường dẫn trong thư mục khóa của máy chủ (DOITHOAI_SEAL_KEYS_DIR)."),
    )
    secret_name = models.CharField(
        _("tên biến bí mật chứa PIN/mật khẩu"), max_length=64, validators=[SECRET_NAME]
    )
    certificate_attribute = models.CharField(
        _("thuộc tính chứng thư của cơ quan"),
        max_length=10,
        choices=CertificateAttribute.choices,
        default=CertificateAttribute.COMMON_NAME,
    )
    certificate_value = models.CharField(
        _("giá trị"),
        max_length=200,
        blank=True,
        help_text=_("Nếu có: khóa chỉ được dùng khi chứng thư mang giá trị này (tên cơ quan)."),
    )

    class Meta:
        verbose_name = _("khóa ký số của cơ quan")
        verbose_name_plural = _("khóa ký số của cơ quan")

    def __str__(self):
        return str(self.agency)


class Stage(models.TextChoices):
    SIGNED = "signed", _("Đã ký")
    SEALED = "sealed", _("Đã ký số cơ quan (đóng dấu)")


class Method(models.TextChoices):
    PKCS12 = "pkcs12", _("Tệp PKCS#12 trên máy chủ")
    PKCS11 = "pkcs11", _("Thiết bị PKCS#11 (token/HSM)")
    EXTERNAL = "external", _("Ký bằng công cụ riêng, tải lên")


class ImmutableError(Exception):
    """A stored signed document is never changed or deleted."""


class SignedDocument(models.Model):
    """One stored version of a signed PDF; each later signature is a new version."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("loại văn bản"), max_length=20)
    object_id = models.PositiveBigIntegerField()
    version = models.PositiveSmallIntegerField()
    stage = models.CharField(max_length=10, choices=Stage.choices)
    method = models.CharField(max_length=10, choices=Method.choices)
    sha256 = models.CharField(max_length=64, unique=True)
    file = models.FileField(upload_to="signing/signed/")
    signer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    authority = models.CharField(_("thẩm quyền ký"), max_length=200, blank=True)
    certificate_subject = models.CharField(max_length=500, blank=True)
    seal_applied = models.BooleanField(default=False)
    attachment = models.BooleanField(default=False)
    signed_at = models.DateTimeField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("văn bản đã ký số")
        verbose_name_plural = _("văn bản đã ký số")
        ordering = ["kind", "object_id", "version"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "object_id", "version"], name="one_signed_version"
            )
        ]

    def __str__(self):
        return f"{self.kind} {self.object_id} v{self.version}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ImmutableError("A signed document is stored once and never changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ImmutableError("A signed document is never deleted.")

    def content(self) -> bytes:
        """Return the stored PDF bytes, exactly as signed."""
        with self.file.open("rb") as handle:
            return handle.read()


class ExternalRequest(models.Model):
    """A PDF prepared with an empty signature field for a person to sign in their own tool."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=20)
    object_id = models.PositiveBigIntegerField()
    base_version = models.PositiveSmallIntegerField(default=0)
    signer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    field_name = models.CharField(max_length=60)
    sha256 = models.CharField(max_length=64)
    file = models.FileField(upload_to="signing/prepared/")
    created_at = models.DateTimeField(auto_now_add=True)
    accepted = models.OneToOneField(
        SignedDocument, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("yêu cầu ký ngoài")
        verbose_name_plural = _("yêu cầu ký ngoài")

    def __str__(self):
        return f"{self.kind} {self.object_id} → {self.signer}"

    def content(self) -> bytes:
        """Return the prepared PDF bytes."""
        with self.file.open("rb") as handle:
            return handle.read()
