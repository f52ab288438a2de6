"""`/api/v1/signing/`: a document's signed versions, downloads, signing, sealing, external
signing and verification — the same actions and permissions as the signing pages."""

import datetime
import hashlib
from typing import Literal

from django.core.exceptions import ObjectDoesNotExist
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, File, Form, Router, Schema, UploadedFile

from doithoai.core.errors import PermissionRefused, ValidationFailed
from doithoai.core.lazy import lazy_module
from doithoai.organizations.models import Agency
from doithoai.organizations.rules import is_member
from doithoai.signing import actions, verification
from doithoai.signing.forms import MAX_IMAGE_BYTES, MAX_KEY_BYTES, MAX_PDF_BYTES
from doithoai.signing.models import ExternalRequest, SignedDocument
from doithoai.signing.signable import check, load

from . import schemas as s
from .errors import ERRORS, not_found
from .idempotency import idempotent

# pyHanko (with aiohttp and fontTools) loads on the first signature or check (see core.lazy).
pades = lazy_module("doithoai.signing.pades")

router = Router(tags=["signing"])

Kind = Literal["plan", "invitation", "compilation", "minutes", "notice", "report"]
PDF = {
    200: {
        "description": "The PDF, byte for byte as stored.",
        "content": {"application/pdf": {"schema": {"type": "string", "format": "binary"}}},
    }
}


class SignedVersionOut(Schema):
    """One stored version of a signed PDF (each signature adds one)."""

    id: int
    kind: str
    object_id: int
    version: int
    stage: str = Field(description="signed (a person) or sealed (the agency)")
    method: str = Field(description="pkcs12, pkcs11 or external")
    sha256: str
    signer: str
    authority: str
    certificate_subject: str
    attachment: bool
    signed_at: datetime.datetime
    download: str = Field(description="Path of the PDF")


class PreparedOut(Schema):
    """A PDF prepared with an empty signature field for the person's own signing tool."""

    id: int
    kind: str
    object_id: int
    sha256: str
    download: str
    upload: str


class SignatureOut(Schema):
    """What verification says about one signature."""

    field_name: str
    signer: str
    ok: bool
    intact: bool
    valid: bool
    trusted: bool
    signing_time: datetime.datetime | None
    timestamp: datetime.datetime | None
    covers_whole_file: bool
    modified_after: str
    placement: str
    page: int | None
    problems: list[str]


class SealIn(Schema):
    attachment: bool = Field(
        False, description="Seal as an attachment: no image, a text block at the top right."
    )


class SignIn(Schema):
    password: str = Field("", max_length=200, description="The PKCS#12 file's password.")


def _record(user, kind: str, pk: int):
    """Return the document's record when `user` may read it, else 404 (as the pages)."""
    try:
        obj = load(kind, pk)
        check(user, kind, obj)
    except (ObjectDoesNotExist, PermissionRefused) as exc:
        raise not_found() from exc
    return obj


def _version_out(signed: SignedDocument) -> dict:
    return {
        "id": signed.pk,
        "kind": signed.kind,
        "object_id": signed.object_id,
        "version": signed.version,
        "stage": signed.stage,
        "method": signed.method,
        "sha256": signed.sha256,
        "signer": signed.signer.get_full_name() or signed.signer.get_username(),
        "authority": signed.authority,
        "certificate_subject": signed.certificate_subject,
        "attachment": signed.attachment,
        "signed_at": signed.signed_at,
        "download": f"/api/v1/signing/versions/{signed.pk}/pdf",
    }


def _prepared_out(prepared: ExternalRequest) -> dict:
    return {
        "id": prepared.pk,
        "kind": prepared.kind,
        "object_id": prepared.object_id,
        "sha256": prepared.sha256,
        "download": f"/api/v1/signing/prepared/{prepared.pk}/pdf",
        "upload": f"/api/v1/signing/prepared/{prepared.pk}/upload",
    }


def _pdf(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


def _read(upload: UploadedFile, limit: int, message, field: str) -> bytes:
    if upload.size > limit:
        raise ValidationFailed(message, field=field)
    return upload.read()


def _pdf_upload(upload: UploadedFile) -> bytes:
    data = _read(upload, MAX_PDF_BYTES, _("Tệp PDF quá lớn (tối đa 20 MB)."), "file")
    if not data.startswith(b"%PDF-"):
        raise ValidationFailed(_("Tệp không phải là PDF."), field="file")
    return data


@router.get("/{kind}/{object_id}/versions", response={200: list[SignedVersionOut], **ERRORS})
def list_versions(request, kind: Kind, object_id: s.PathId):
    """List the stored signed versions of a document, oldest first."""
    obj = _record(request.auth, kind, object_id)
    rows = SignedDocument.objects.filter(kind=kind, object_id=obj.pk).select_related("signer")
    return [_version_out(v) for v in rows.order_by("version")]


@router.get("/versions/{version_id}/pdf", response={**ERRORS}, openapi_extra={"responses": PDF})
def download_version(request, version_id: s.PathId):
    """Download a signed version exactly as it was stored."""
    signed = SignedDocument.objects.filter(pk=version_id).first()
    if signed is None:
        raise not_found()
    _record(request.auth, signed.kind, signed.object_id)
    return _pdf(signed.content(), f"{signed.kind}-{signed.object_id}-v{signed.version}.pdf")


@router.post("/{kind}/{object_id}/sign", response={201: SignedVersionOut, **ERRORS})
@idempotent
def sign(
    request, kind: Kind, object_id: s.PathId, payload: Form[SignIn], pkcs12: File[UploadedFile]
):
    """Sign as the person the signature block names, with a PKCS#12 file (never stored)."""
    obj = _record(request.auth, kind, object_id)
    data = _read(pkcs12, MAX_KEY_BYTES, _("Tệp chứng thư quá lớn."), "pkcs12")
    signer = pades.pkcs12_signer(data, payload.password)
    signed = actions.sign_document(kind=kind, obj=obj, by=request.auth, signer=signer)
    return 201, _version_out(signed)


@router.post("/{kind}/{object_id}/seal", response={201: SignedVersionOut, **ERRORS})
@idempotent
def seal(request, kind: Kind, object_id: s.PathId, payload: SealIn):
    """Apply the agency's seal with its key on the server (the secretariat)."""
    obj = _record(request.auth, kind, object_id)
    signed = actions.seal_document(
        kind=kind, obj=obj, by=request.auth, attachment=payload.attachment
    )
    return 201, _version_out(signed)


@router.post("/{kind}/{object_id}/prepare", response={201: PreparedOut, **ERRORS})
@idempotent
def prepare(request, kind: Kind, object_id: s.PathId):
    """Prepare the PDF with an empty signature field, to sign in one's own tool."""
    obj = _record(request.auth, kind, object_id)
    prepared = actions.prepare_external(kind=kind, obj=obj, by=request.auth)
    return 201, _prepared_out(prepared)


def _prepared(request, prepared_id: int) -> ExternalRequest:
    prepared = ExternalRequest.objects.filter(pk=prepared_id, signer=request.auth).first()
    if prepared is None:
        raise not_found()
    return prepared


@router.get("/prepared/{prepared_id}/pdf", response={**ERRORS}, openapi_extra={"responses": PDF})
def download_prepared(request, prepared_id: s.PathId):
    """Download a prepared PDF again (only the person it was prepared for)."""
    prepared = _prepared(request, prepared_id)
    return _pdf(prepared.content(), f"{prepared.kind}-{prepared.object_id}-de-ky-{prepared.pk}.pdf")


@router.post("/prepared/{prepared_id}/upload", response={201: SignedVersionOut, **ERRORS})
@idempotent
def upload(request, prepared_id: s.PathId, file: File[UploadedFile]):
    """Upload the PDF signed in one's own tool; accepted only if it is exactly the prepared one
    plus the person's signature in the prepared field."""
    prepared = _prepared(request, prepared_id)
    signed = actions.accept_external(request=prepared, content=_pdf_upload(file), by=request.auth)
    return 201, _version_out(signed)


@router.post("/verify", response={200: list[SignatureOut], **ERRORS})
def verify(request, file: File[UploadedFile]):
    """Check every signature of an uploaded PDF (nothing is stored)."""
    reports = verification.verify(_pdf_upload(file))
    return [
        {
            "field_name": r.field_name,
            "signer": r.signer,
            "ok": r.ok,
            "intact": r.intact,
            "valid": r.valid,
            "trusted": r.trusted,
            "signing_time": timezone.localtime(r.signing_time) if r.signing_time else None,
            "timestamp": timezone.localtime(r.timestamp) if r.timestamp else None,
            "covers_whole_file": r.covers_whole_file,
            "modified_after": r.modified_after,
            "placement": r.placement,
            "page": r.page,
            "problems": [str(p) for p in r.problems],
        }
        for r in reports
    ]


class ImageOut(Schema):
    """An image stored for signing: its file name and SHA-256."""

    image: str
    sha256: str
    diameter_mm: float | None = None


class SealImageIn(Schema):
    diameter_mm: str = Field(
        "36", max_length=5, description="The seal's real diameter in mm (20 to 60)."
    )


def _image_upload(upload: UploadedFile) -> bytes:
    return _read(upload, MAX_IMAGE_BYTES, _("Ảnh quá lớn (tối đa 2 MB)."), "image")


def _sha(field) -> str:
    with field.open("rb") as handle:
        return hashlib.sha256(handle.read()).hexdigest()


@router.post("/me/signature-image", response={200: ImageOut, **ERRORS})
@idempotent
def set_signature_image(request, image: File[UploadedFile]):
    """Upload one's own signature image (blue, PNG, transparent background)."""
    profile = actions.set_signature_image(
        user=request.auth, image=_image_upload(image), by=request.auth
    )
    return 200, {"image": profile.signature_image.name, "sha256": _sha(profile.signature_image)}


@router.post("/agencies/{agency_id}/seal-image", response={200: ImageOut, **ERRORS})
@idempotent
def set_seal_image(
    request, agency_id: s.PathId, payload: Form[SealImageIn], image: File[UploadedFile]
):
    """Upload the agency's seal image and its real diameter (the agency's administrator)."""
    agency = Agency.objects.filter(pk=agency_id).first()
    if agency is None or not is_member(request.auth, agency):
        raise not_found()
    seal = actions.set_seal_image(
        agency=agency,
        image=_image_upload(image),
        diameter_mm=payload.diameter_mm,
        by=request.auth,
    )
    return 200, {
        "image": seal.image.name,
        "sha256": _sha(seal.image),
        "diameter_mm": float(seal.diameter_mm),
    }
