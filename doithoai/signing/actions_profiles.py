"""Signature images, seal images, signer profiles and seal keys: the audited writers.

The pages upload images (`set_signature_image`, `set_seal_image`); the installation's
operator (a superuser) edits the same records in the Django admin, whose saves and deletes go
through `admin_save` / `admin_delete`: one transaction, the actor, what changed before and
after, an image by its file name and SHA-256 (never its bytes).
"""

import hashlib
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from doithoai.audit.log import record
from doithoai.audit.models import Verb
from doithoai.core.actionkit import require
from doithoai.core.errors import PermissionRefused, ValidationFailed

from . import images
from .models import AgencySeal, SealKey, SignerProfile


def _image(data: bytes, check) -> str:
    """Check an uploaded PNG as the admin does; return its SHA-256."""
    try:
        check(data)
    except DjangoValidationError as exc:
        raise ValidationFailed(exc.messages[0], field="image") from exc
    return hashlib.sha256(data).hexdigest()


def set_signature_image(*, user, image: bytes, by) -> SignerProfile:
    """Upload one's own handwritten signature (blue PNG, transparent background)."""
    require(
        "signing.change_signature_image",
        by,
        user,
        _("Mỗi người chỉ tải ảnh chữ ký của chính mình."),
    )
    membership = user.memberships.filter(is_active=True).select_related("agency").first()
    if membership is None:
        raise PermissionRefused(_("Bạn không thuộc cơ quan nào."))
    digest = _image(image, images.check_signature_image)
    with transaction.atomic():
        profile, _created = SignerProfile.objects.select_for_update().get_or_create(user=user)
        before = {"image": profile.signature_image.name or ""}
        profile.signature_image.save(
            f"chu-ky-{user.pk}-{digest[:12]}.png", ContentFile(image), False
        )
        profile.save(update_fields=["signature_image"])
        record(
            Verb.SIGNATURE_IMAGE_SET,
            profile,
            by=by,
            agency=membership.agency,
            before=before,
            after={"image": profile.signature_image.name, "sha256": digest},
        )
    return profile


def set_seal_image(*, agency, image: bytes, diameter_mm, by) -> AgencySeal:
    """Upload the agency's seal (red PNG, transparent background) and its real diameter."""
    require(
        "signing.change_seal",
        by,
        agency,
        _("Chỉ quản trị của cơ quan được tải ảnh con dấu."),
    )
    try:
        diameter = Decimal(str(diameter_mm)).quantize(Decimal("0.1"))
    except (InvalidOperation, ValueError) as exc:
        raise ValidationFailed(_("Đường kính không hợp lệ."), field="diameter_mm") from exc
    if not Decimal(20) <= diameter <= Decimal(60):
        raise ValidationFailed(_("Đường kính con dấu thật từ 20 đến 60 mm."), field="diameter_mm")
    digest = _image(image, images.check_seal_image)
    with transaction.atomic():
        seal = AgencySeal.objects.select_for_update().filter(agency=agency).first()
        before = {"image": seal.image.name, "diameter_mm": seal.diameter_mm} if seal else {}
        seal = seal or AgencySeal(agency=agency)
        seal.diameter_mm = diameter
        seal.image.save(f"dau-{agency.code}-{digest[:12]}.png", ContentFile(image), False)
        seal.save()
        record(
            Verb.SEAL_IMAGE_SET,
            seal,
            by=by,
            before=before,
            after={"image": seal.image.name, "diameter_mm": diameter, "sha256": digest},
        )
    return seal


# What the admin may change, the verb of a save and of a delete.
ADMIN_VERBS = {
    SignerProfile: (Verb.SIGNER_PROFILE_SET, Verb.SIGNER_PROFILE_DELETED),
    AgencySeal: (Verb.SEAL_IMAGE_SET, Verb.SEAL_IMAGE_DELETED),
    SealKey: (Verb.SEAL_KEY_SET, Verb.SEAL_KEY_DELETED),
}
SEAL_KEY_FIELDS = (
    "agency_id",
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
)


def _digest(field) -> str:
    """Return the SHA-256 of a stored file, or "" when there is none."""
    if not field:
        return ""
    try:
        with field.storage.open(field.name, "rb") as handle:
            return hashlib.sha256(handle.read()).hexdigest()
    except OSError:
        return ""


def _snapshot(obj) -> dict:
    """Return what the audit keeps of a record: its fields, an image as name and SHA-256."""
    if isinstance(obj, SignerProfile):
        return {
            "user_id": obj.user_id,
            "certificate_attribute": obj.certificate_attribute,
            "certificate_value": obj.certificate_value,
            "signature_image": obj.signature_image.name or "",
            "signature_image_sha256": _digest(obj.signature_image),
        }
    if isinstance(obj, AgencySeal):
        return {
            "agency_id": obj.agency_id,
            "diameter_mm": str(obj.diameter_mm),
            "image": obj.image.name or "",
            "image_sha256": _digest(obj.image),
        }
    return {name: getattr(obj, name) for name in SEAL_KEY_FIELDS}


def _agency_of(obj):
    """Return the agency whose chain records the change (a person's: their agency)."""
    if isinstance(obj, SignerProfile):
        membership = obj.user.memberships.filter(is_active=True).select_related("agency").first()
        return membership.agency if membership else None
    return obj.agency


def _require_operator(by, obj) -> None:
    if type(obj) not in ADMIN_VERBS:
        raise ValidationFailed(_("Bản ghi này không sửa qua trang quản trị ký số."), field="obj")
    require(
        "signing.administer",
        by,
        None,
        _("Chỉ quản trị hệ thống sửa hồ sơ người ký, con dấu và khóa ký số tại trang quản trị."),
    )


def admin_save(*, obj, by):
    """Create or change a signer profile, seal image or seal key edited in the Django admin.

    Writes the row and its audit event (the actor, the fields changed before and after) in one
    transaction; nothing is recorded when nothing changed.
    """
    _require_operator(by, obj)
    verb, _deleted = ADMIN_VERBS[type(obj)]
    with transaction.atomic():
        old = None
        if obj.pk is not None:
            old = type(obj).objects.select_for_update().filter(pk=obj.pk).first()
        before = _snapshot(old) if old is not None else {}
        obj.save()
        after = _snapshot(obj)
        changed = [name for name in after if before.get(name) != after[name]]
        if not changed:
            return obj
        record(
            verb,
            obj,
            by=by,
            agency=_agency_of(obj),
            before={name: before[name] for name in changed if name in before},
            after={"admin": "created" if old is None else "changed"}
            | {name: after[name] for name in changed},
        )
    return obj


def admin_delete(*, obj, by) -> None:
    """Delete a signer profile, seal image or seal key in the Django admin, audited."""
    _require_operator(by, obj)
    _saved, verb = ADMIN_VERBS[type(obj)]
    with transaction.atomic():
        record(verb, obj, by=by, agency=_agency_of(obj), before=_snapshot(obj), after={})
        obj.delete()
