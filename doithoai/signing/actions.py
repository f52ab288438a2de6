"""Sign, seal, prepare for external signing, accept an external signature: the only writers.

Each stored PDF is a new `SignedDocument` version (incremental PDF updates keep every earlier
signature valid); a version is never changed. Rendering and signing (seconds of LibreOffice
and crypto) run before the transaction that stores the result, which re-checks that no other
version was stored meanwhile. A draft conclusion notice is the exception: the chair's signature
numbers and dates it first (`conferences.actions.sign_notice`, in the same transaction), so that
the signed PDF shows the number it is issued under; the secretariat's seal then issues it
(`conferences.actions.release_notice`, in the transaction that stores the sealed PDF). A notice
is issued when signed AND sealed; an agency that cannot seal (no seal image or no seal key)
cannot start this way and issues the notice signed on paper (the conference page).
"""

import hashlib
import io

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from doithoai.audit.log import record
from doithoai.audit.models import Verb
from doithoai.conferences import actions as conferences
from doithoai.conferences.models import ConclusionNotice, NoticeStatus
from doithoai.core.actionkit import require
from doithoai.core.errors import Conflict, InvalidTransition, PermissionRefused, ValidationFailed
from doithoai.core.lazy import lazy_module
from doithoai.reports import actions as reports

from . import keys
from .actions_profiles import admin_delete as admin_delete
from .actions_profiles import admin_save as admin_save
from .actions_profiles import set_seal_image as set_seal_image
from .actions_profiles import set_signature_image as set_signature_image
from .models import AgencySeal, ExternalRequest, Method, SignedDocument, SignerProfile, Stage
from .signable import (
    Signable,
    check,
    is_prepared_report,
    load,
    number_symbol,
    render_pdf,
    signable,
)

# pdfminer (about 8 MB) and Pillow load on the first signature placed, not in every worker.
Image = lazy_module("PIL.Image")
placement = lazy_module("doithoai.signing.placement")
# pyHanko (with aiohttp and fontTools) loads on the first signature or check (see core.lazy).
pades = lazy_module("doithoai.signing.pades")

# A signature image's proportions when the person signs in their own tool without one here.
DEFAULT_SIGNATURE_SIZE = (400, 180)


def signer_field(user) -> str:
    """Return the signature field name of a person."""
    return f"signer-{user.pk}"


def seal_field(agency) -> str:
    """Return the signature field name of the agency's seal."""
    return f"seal-{agency.code}"


def _profile(user) -> SignerProfile | None:
    return SignerProfile.objects.filter(user=user).first()


def _signature_image(user):
    profile = _profile(user)
    if profile is None or not profile.signature_image:
        return None
    with profile.signature_image.open("rb") as handle:
        return Image.open(io.BytesIO(handle.read())).convert("RGBA")


def check_can_sign(user, kind: str, obj) -> Signable:
    """Return the document with the block naming `user`, or refuse (pages ask this first)."""
    check(user, kind, obj)
    doc = signable(kind, obj, user)
    if kind == "report":
        _check_report_open(doc)
    if doc.is_draft_notice:
        # Signing the draft numbers it; the block will then name the one who signs it.
        require("conferences.issue_notice", user, doc.conference)
        _check_agency_seals(doc.agency)
    else:
        require(
            "signing.sign_document",
            user,
            doc,
            _("Chỉ người ký có tên và thẩm quyền trong khối chữ ký của văn bản mới được ký."),
        )
    latest = doc.latest()
    if latest is not None and latest.stage == Stage.SEALED:
        raise InvalidTransition(
            _("Văn bản đã được ký số của cơ quan; không ký thêm."), field="kind"
        )
    if doc.versions().filter(signer=user, stage=Stage.SIGNED).exists():
        raise InvalidTransition(_("Bạn đã ký văn bản này."), field="kind")
    return doc


def _check_report_open(doc: Signable) -> None:
    """Refuse a report version that is not frozen for signing, or that its agency can't seal."""
    if not is_prepared_report(doc.obj):
        raise InvalidTransition(
            _(
                "Chỉ ký số bản báo cáo đã chốt để ký và chưa gửi; báo cáo đã gửi hoặc bị trả "
                "lại được giữ nguyên như khi gửi."
            ),
            field="kind",
        )
    if not can_seal_digitally(doc.agency):
        raise ValidationFailed(
            _("Cơ quan chưa có ảnh con dấu hoặc khóa ký số nên không gửi báo cáo ký số được."),
            field="seal",
        )


def can_seal_digitally(agency) -> bool:
    """Tell whether the agency has a seal image and a seal key (it signs documents it sends)."""
    return AgencySeal.objects.filter(agency=agency).exclude(
        image=""
    ).exists() and keys.seal_configured(agency)


def _check_agency_seals(agency) -> None:
    """Refuse to start a notice the agency could not seal (it would never be issued)."""
    if getattr(agency, "seal", None) is None or not agency.seal.image:
        raise ValidationFailed(
            _(
                "Cơ quan chưa có ảnh con dấu nên không ban hành thông báo bằng ký số được; "
                "ban hành bản ký tay trên trang hội nghị hoặc cấu hình con dấu trước."
            ),
            field="seal",
        )
    if not keys.seal_configured(agency):
        raise ValidationFailed(
            _(
                "Chưa cấu hình khóa ký số của cơ quan nên không ban hành thông báo bằng ký số "
                "được; ban hành bản ký tay trên trang hội nghị hoặc cấu hình khóa trước."
            ),
            field="seal",
        )


def _check_person(user, cert) -> None:
    """Refuse a certificate that is not the one recorded for the person."""
    profile = _profile(user)
    if profile is None or not profile.certificate_value:
        raise ValidationFailed(
            _("Quản trị chưa ghi thông tin chứng thư số của người ký."), field="certificate"
        )
    if not pades.matches(cert, profile.certificate_attribute, profile.certificate_value):
        raise ValidationFailed(
            _("Chứng thư số không phải của người ký (%(attribute)s không khớp).")
            % {"attribute": profile.get_certificate_attribute_display()},
            field="certificate",
        )


def _base(doc: Signable) -> tuple[bytes, int]:
    """Return the PDF to sign next (the latest signed version, else a fresh rendering)."""
    latest = doc.latest()
    if latest is not None:
        return latest.content(), latest.version
    return render_pdf(doc.kind, doc.obj), 0


def _block_in_pdf(pdf: bytes, block) -> "placement.Block":
    found = placement.find_block(pdf, block.name, block.lines)
    if found is None:
        raise ValidationFailed(
            _("Không tìm thấy khối chữ ký của %(name)s trong văn bản PDF.") % {"name": block.name},
            field="kind",
        )
    return found


def _store(doc: Signable, pdf: bytes, *, base_version, by, stage, method, cert, verb, **extra):
    """Store a new version (in the caller's transaction) and write its audit event."""
    versions = SignedDocument.objects.select_for_update().filter(
        kind=doc.kind, object_id=doc.obj.pk
    )
    current = max((v.version for v in versions), default=0)
    if current != base_version:
        raise Conflict(_("Văn bản vừa được ký bởi người khác; vui lòng ký lại trên bản mới."))
    digest = hashlib.sha256(pdf).hexdigest()
    version = current + 1
    signed = SignedDocument(
        agency=doc.agency,
        kind=doc.kind,
        object_id=doc.obj.pk,
        version=version,
        stage=stage,
        method=method,
        sha256=digest,
        signer=by,
        authority=" / ".join(doc.block.lines) if doc.block else "",
        certificate_subject=cert.subject.human_friendly[:500] if cert is not None else "",
        seal_applied=stage == Stage.SEALED,
        attachment=extra.pop("attachment", False),
        signed_at=timezone.now(),
    )
    signed.file.save(
        f"{doc.kind}-{doc.obj.pk}-v{version}-{digest[:12]}.pdf", ContentFile(pdf), False
    )
    try:
        with transaction.atomic():
            signed.save(force_insert=True)
    except IntegrityError as exc:  # another version was stored at the same moment
        raise Conflict(
            _("Văn bản vừa được ký bởi người khác; vui lòng ký lại trên bản mới.")
        ) from exc
    record(
        verb,
        signed,
        by=by,
        agency=doc.agency,
        conference=doc.conference,
        after={
            "kind": doc.kind,
            "object_id": doc.obj.pk,
            "version": version,
            "sha256": digest,
            "method": method,
            "certificate": signed.certificate_subject,
            "authority": signed.authority,
            **extra,
        },
    )
    return signed


def sign_document(*, kind: str, obj, by, signer, method: str = Method.PKCS12) -> SignedDocument:
    """Sign the document as the person its signature block names, with their image.

    `signer` is a pyHanko signer (a PKCS#12 file or a PKCS#11 token) holding the person's key.
    """
    doc = check_can_sign(by, kind, obj)
    _check_person(by, signer.signing_cert)
    image = _signature_image(by)
    if image is None:
        raise ValidationFailed(_("Chưa có ảnh chữ ký của người ký."), field="signature_image")
    if doc.is_draft_notice:
        with transaction.atomic():
            conferences.sign_notice(conference=doc.conference, by=by)
            obj = load(kind, obj.pk)
            doc = signable(kind, obj, by)
            return _sign_and_store(doc, by, signer, method, image)
    return _sign_and_store(doc, by, signer, method, image)


def _sign_and_store(doc, by, signer, method, image) -> SignedDocument:
    pdf, base_version = _base(doc)
    block = _block_in_pdf(pdf, doc.block)
    signed = pades.sign(
        pdf,
        signer,
        field_name=signer_field(by),
        page=block.page,
        box=block.signature_box(image.size),
        style=pades.image_style(image),
        reason=" / ".join(doc.block.lines),
        location=doc.agency.locality,
    )
    with transaction.atomic():
        return _store(
            doc,
            signed,
            base_version=base_version,
            by=by,
            stage=Stage.SIGNED,
            method=method,
            cert=signer.signing_cert,
            verb=Verb.DOCUMENT_SIGNED,
        )


def _awaits_seal(obj) -> bool:
    """Tell whether `obj` is a notice the chair signed, to be issued by the seal."""
    return (
        isinstance(obj, ConclusionNotice)
        and ConclusionNotice.objects.filter(pk=obj.pk, status=NoticeStatus.SIGNED).exists()
    )


def check_can_seal(user, kind: str, obj, *, attachment: bool = False) -> Signable:
    """Return the document if `user` may apply the agency's seal now, or refuse."""
    doc = signable(kind, obj)
    require(
        "signing.seal_document",
        user,
        doc.agency,
        _("Chỉ văn thư (phòng Hành chính - Tổ chức) được ký số của cơ quan."),
    )
    if attachment and isinstance(doc.obj, ConclusionNotice):
        raise InvalidTransition(
            _("Thông báo kết luận là văn bản chính; không ký số như văn bản kèm theo."),
            field="attachment",
        )
    if kind == "report":
        _check_report_open(doc)
        if attachment:
            raise InvalidTransition(
                _("Báo cáo là văn bản chính; không ký số như văn bản kèm theo."),
                field="attachment",
            )
    latest = doc.latest()
    if latest is not None and latest.stage == Stage.SEALED:
        raise InvalidTransition(_("Văn bản đã được ký số của cơ quan."), field="kind")
    if not attachment:
        signed = {v.signer_id for v in doc.versions() if v.stage == Stage.SIGNED}
        missing = [b.name for b in doc.blocks if b.user.pk not in signed]
        if not doc.blocks or missing:
            raise InvalidTransition(
                _("Người ký chưa ký văn bản (%(names)s); văn thư ký số sau người ký.")
                % {"names": ", ".join(missing) or "—"},
                field="kind",
            )
    return doc


def seal_document(
    *, kind: str, obj, by, attachment: bool = False, signer=None, method: str = Method.PKCS11
) -> SignedDocument:
    """Apply the agency's digital signature (the seal) after the person's signature.

    The key is the document's agency's own (`keys.seal_signer`), opened only once the actor
    may seal; `signer` is for scripts that hold a key themselves. For the main document the
    seal image overlaps the left third of the last signer's image; for an attachment
    (`attachment=True`) the agency signs without an image, with a text block at the top right
    of the first page: the number and symbol and the signing time.
    """
    doc = check_can_seal(by, kind, obj, attachment=attachment)
    if signer is None:
        with keys.seal_signer(doc.agency) as (opened, opened_method):
            return _seal(doc, by, opened, opened_method, attachment)
    return _seal(doc, by, signer, method, attachment)


def _seal(doc: Signable, by, signer, method, attachment: bool) -> SignedDocument:
    kind, obj = doc.kind, doc.obj
    pdf, base_version = _base(doc)
    if attachment:
        number = number_symbol(kind, obj)
        _segments, size = placement.page_segments(pdf, 0)
        signed = pades.sign(
            pdf,
            signer,
            field_name=seal_field(doc.agency),
            page=0,
            box=placement.text_block_box(size),
            style=pades.text_block_style(number),
            location=doc.agency.locality,
        )
    else:
        seal = getattr(doc.agency, "seal", None)
        if seal is None:
            raise ValidationFailed(_("Cơ quan chưa có ảnh con dấu."), field="seal")
        last = doc.blocks[-1]
        page, box = pades.widget(pades.reader(pdf), signer_field(last.user))
        if box is None:
            raise ValidationFailed(
                _("Không tìm thấy chữ ký của người ký trong văn bản."), field="kind"
            )
        with seal.image.open("rb") as handle:
            image = Image.open(io.BytesIO(handle.read())).convert("RGBA")
        signed = pades.sign(
            pdf,
            signer,
            field_name=seal_field(doc.agency),
            page=page,
            box=placement.seal_box(box, float(seal.diameter_mm)),
            style=pades.image_style(image),
            location=doc.agency.locality,
        )
    with transaction.atomic():
        stored = _store(
            doc,
            signed,
            base_version=base_version,
            by=by,
            stage=Stage.SEALED,
            method=method,
            cert=signer.signing_cert,
            verb=Verb.DOCUMENT_SEALED,
            attachment=attachment,
        )
        if _awaits_seal(doc.obj):
            conferences.release_notice(notice=doc.obj, by=by)  # signed AND sealed: issued
        if kind == "report":
            reports.send_report(submission=doc.obj, by=by)  # signed AND sealed: sent
        return stored


def prepare_external(*, kind: str, obj, by) -> ExternalRequest:
    """Prepare the PDF with an empty signature field in the person's place, to sign elsewhere."""
    doc = check_can_sign(by, kind, obj)
    if doc.is_draft_notice:
        raise InvalidTransition(
            _("Thông báo chưa ban hành: ký trên hệ thống (cấp số khi ký) hoặc ban hành trước."),
            field="kind",
        )
    pdf, base_version = _base(doc)
    block = _block_in_pdf(pdf, doc.block)
    image = _signature_image(by)
    size = image.size if image is not None else DEFAULT_SIGNATURE_SIZE
    prepared = pades.prepare_field(
        pdf, field_name=signer_field(by), page=block.page, box=block.signature_box(size)
    )
    digest = hashlib.sha256(prepared).hexdigest()
    with transaction.atomic():
        request = ExternalRequest(
            agency=doc.agency,
            kind=kind,
            object_id=obj.pk,
            base_version=base_version,
            signer=by,
            field_name=signer_field(by),
            sha256=digest,
        )
        request.file.save(
            f"{kind}-{obj.pk}-{by.pk}-{digest[:12]}.pdf", ContentFile(prepared), False
        )
        request.save()
        record(
            Verb.SIGNATURE_PREPARED,
            request,
            by=by,
            agency=doc.agency,
            conference=doc.conference,
            after={"kind": kind, "object_id": obj.pk, "sha256": digest},
        )
    return request


def accept_external(*, request: ExternalRequest, content: bytes, by) -> SignedDocument:
    """Accept a PDF signed outside doithoai if it is exactly the prepared one, signed by its person.

    The signed bytes must start with the prepared file unchanged, add one revision that only
    fills the prepared field, be covered entirely by a valid signature that chains to the trust
    roots, and carry the certificate recorded for the person.
    """
    if request.signer_id != by.pk:
        raise PermissionRefused(_("Chỉ người được chuẩn bị văn bản mới tải lên bản đã ký."))
    if request.accepted_id is not None:
        raise InvalidTransition(_("Bản ký này đã được nhận."), field="file")
    obj = load(request.kind, request.object_id)
    doc = check_can_sign(by, request.kind, obj)
    status = pades.check_external(request.content(), content, request.field_name)
    _check_person(by, status.signing_cert)
    with transaction.atomic():
        signed = _store(
            doc,
            content,
            base_version=request.base_version,
            by=by,
            stage=Stage.SIGNED,
            method=Method.EXTERNAL,
            cert=status.signing_cert,
            verb=Verb.DOCUMENT_SIGNED,
        )
        ExternalRequest.objects.filter(pk=request.pk, accepted__isnull=True).update(accepted=signed)
    return signed
