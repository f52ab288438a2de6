"""PAdES signing and validation with pyHanko: keys, appearances, prepared fields, reports.

Baseline B-B always; B-T when a timestamp authority is configured (`DOITHOAI_TSA_URL`).
"""

import datetime
import functools
import io
import logging
import os
import tempfile
from dataclasses import dataclass, field

from asn1crypto import x509 as asn1_x509
from django.conf import settings
from django.utils.translation import gettext as _
from pyhanko.keys import load_certs_from_pemder, load_certs_from_pemder_data
from pyhanko.pdf_utils import generic, layout
from pyhanko.pdf_utils.font.opentype import GlyphAccumulatorFactory
from pyhanko.pdf_utils.images import PdfImage
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.pdf_utils.text import TextBoxStyle
from pyhanko.sign import fields, signers
from pyhanko.sign.diff_analysis import ModificationLevel
from pyhanko.sign.diff_analysis.policies import DEFAULT_DIFF_POLICY
from pyhanko.sign.general import SigningError
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.stamp import StaticStampStyle, TextStampStyle
from pyhanko_certvalidator import ValidationContext

from doithoai.core.errors import ValidationFailed

from .placement import Box

# Times New Roman where installed, else a serif with every Vietnamese letter.
SERIF_FONTS = (
    "/usr/share/fonts/truetype/msttcorefonts/Times_New_Roman.ttf",
    "/usr/share/fonts/truetype/msttcorefonts/times.ttf",
    "/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf",
)
VIETNAMESE_LETTERS = "ăâđêôơưáàảãạấầẩẫậắằẳẵặếềểễệốồổỗộớờởỡợứừửữựíìỉĩịýỳỷỹỵ"


class SignerUnavailable(ValidationFailed):
    """The key could not be opened (wrong password, missing token, bad file)."""

    code = "signer_unavailable"


# --- Keys --------------------------------------------------------------------------------


def pkcs12_signer(data: bytes, password: str | None) -> signers.Signer:
    """Return a signer from PKCS#12 bytes, refusing a wrong password with a clear message."""
    try:
        signer = signers.SimpleSigner.load_pkcs12_data(
            data, None, passphrase=password.encode() if password else None
        )
    except (ValueError, TypeError, OSError) as exc:
        raise SignerUnavailable(
            _("Không mở được tệp PKCS#12 (sai mật khẩu hoặc tệp hỏng).")
        ) from exc
    if signer is None:
        raise SignerUnavailable(_("Không mở được tệp PKCS#12 (sai mật khẩu hoặc tệp hỏng)."))
    return signer


@dataclass
class Pkcs11Config:
    """Where the agency's seal key lives on a PKCS#11 token (from the environment)."""

    module: str
    key_label: str
    pin: str
    token_label: str = ""
    slot: int | None = None
    cert_file: str = ""


def open_pkcs11(config: Pkcs11Config):
    """Open a session and return (session, signer); the caller closes the session."""
    from pkcs11 import PKCS11Error
    from pyhanko.config.pkcs11 import TokenCriteria
    from pyhanko.sign import pkcs11 as p11

    try:
        session = p11.open_pkcs11_session(
            config.module,
            slot_no=config.slot,
            token_criteria=TokenCriteria(label=config.token_label) if config.token_label else None,
            user_pin=config.pin,
        )
    except (PKCS11Error, SigningError, OSError, RuntimeError) as exc:
        raise SignerUnavailable(
            _("Không mở được thiết bị ký số của cơ quan: %(error)s") % {"error": exc}
        ) from exc
    kwargs = {"key_label": config.key_label}
    if config.cert_file:
        kwargs["signing_cert"] = load_certs_from_pemder([config.cert_file]).__next__()
    else:
        kwargs["cert_label"] = config.key_label
    return session, p11.PKCS11Signer(session, **kwargs)


# --- Appearances -------------------------------------------------------------------------


def image_style(png) -> StaticStampStyle:
    """Return an appearance that is only the image, filling the widget, no border."""
    return StaticStampStyle(
        background=PdfImage(png),
        border_width=0,
        background_opacity=1.0,
        background_layout=layout.SimpleBoxLayoutRule(
            x_align=layout.AxisAlignment.ALIGN_MID,
            y_align=layout.AxisAlignment.ALIGN_MID,
            margins=layout.Margins.uniform(0),
            inner_content_scaling=layout.InnerScaling.SHRINK_TO_FIT,
        ),
    )


class _VietnamTimeStyle(TextStampStyle):
    """A text stamp whose `%(ts)s` reads 2018-07-05T09:30:12+07:00 (ISO 8601 with a colon)."""

    def create_stamp(self, writer, box, text_params):
        stamp = dict(text_params)
        ts = stamp.get("ts", "")
        if len(ts) >= 5 and ts[-5] in "+-":
            stamp["ts"] = f"{ts[:-2]}:{ts[-2:]}"
        return super().create_stamp(writer, box, stamp)


@functools.cache
def serif_font() -> str:
    """Return a TrueType serif covering Vietnamese, scaled to 1000 units per em.

    `DOITHOAI_SIGN_FONT` names one explicitly. pyHanko writes the font's widths without
    converting them to 1/1000 em, so a 2048-unit TrueType font would print spaced out; a
    copy scaled to 1000 units (fontTools) prints right.
    """
    from fontTools import ttLib
    from fontTools.ttLib.scaleUpem import scale_upem

    candidates = [settings.SIGNING_FONT] if settings.SIGNING_FONT else list(SERIF_FONTS)
    for path in candidates:
        if not os.path.exists(path):
            continue
        font = ttLib.TTFont(path)
        cmap = font.getBestCmap()
        if not all(ord(ch) in cmap for ch in VIETNAMESE_LETTERS + VIETNAMESE_LETTERS.upper()):
            continue
        if font["head"].unitsPerEm != 1000:
            scale_upem(font, 1000)
        target = os.path.join(tempfile.gettempdir(), f"doithoai-{os.path.basename(path)}")
        font.save(target)
        return target
    raise SignerUnavailable(_("Máy chủ thiếu phông chữ có dấu tiếng Việt (Times New Roman)."))


def text_block_style(number_symbol: str) -> TextStampStyle:
    """Return the attachment's text block: number and symbol, signing time; Times 10 pt."""
    # fontTools warns that it drops a table it does not subset (FFTM): harmless.
    logging.getLogger("fontTools.subset").setLevel(logging.ERROR)
    return _VietnamTimeStyle(
        stamp_text=f"{number_symbol}\n%(ts)s",
        timestamp_format="%Y-%m-%dT%H:%M:%S%z",
        border_width=0,
        text_box_style=TextBoxStyle(
            font=GlyphAccumulatorFactory(serif_font()), font_size=10, leading=12
        ),
    )


# --- Signing -----------------------------------------------------------------------------


def _timestamper():
    if not settings.SIGNING_TSA_URL:
        return None
    from pyhanko.sign.timestamps.requests_client import HTTPTimeStamper

    return HTTPTimeStamper(settings.SIGNING_TSA_URL, timeout=20)


def sign(
    pdf: bytes,
    signer: signers.Signer,
    *,
    field_name: str,
    page: int,
    box: Box,
    style,
    reason: str = "",
    location: str = "",
) -> bytes:
    """Append a PAdES signature in a new visible field at `box` on `page` (incremental)."""
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
    meta = signers.PdfSignatureMetadata(
        field_name=field_name,
        md_algorithm="sha256",
        subfilter=fields.SigSeedSubFilter.PADES,
        reason=reason or None,
        location=location or None,
    )
    spec = fields.SigFieldSpec(field_name, on_page=page, box=box.as_tuple())
    pdf_signer = signers.PdfSigner(
        meta,
        signer=signer,
        timestamper=_timestamper(),
        stamp_style=style,
        new_field_spec=spec,
    )
    try:
        out = pdf_signer.sign_pdf(writer)
    except SigningError as exc:
        raise SignerUnavailable(_("Ký số không thành công: %(error)s") % {"error": exc}) from exc
    return out.getvalue()


def prepare_field(pdf: bytes, *, field_name: str, page: int, box: Box) -> bytes:
    """Return the PDF with an empty signature field at `box` (an incremental update)."""
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
    fields.append_signature_field(
        writer, fields.SigFieldSpec(field_name, on_page=page, box=box.as_tuple())
    )
    # Signing tools set SignaturesExist | AppendOnly when they sign; set it now, so that the
    # signing revision changes nothing but the field (which `check_external` insists on).
    ref = writer.root.raw_get("/AcroForm")
    form = ref.get_object()
    form[generic.pdf_name("/SigFlags")] = generic.NumberObject(3)
    if isinstance(ref, generic.IndirectObject):
        writer.mark_update(ref)
    else:
        writer.update_root()
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


# --- Certificates ------------------------------------------------------------------------


def certificate_value(cert: asn1_x509.Certificate, attribute: str) -> str:
    """Return the certificate's serial (hex), subject CN, or subject UID."""
    if attribute == "serial":
        return format(cert.serial_number, "x")
    subject = cert.subject.native
    if attribute == "cn":
        return str(subject.get("common_name", ""))
    for key in ("user_id", "0.9.2342.19200300.100.1.1"):
        if key in subject:
            value = subject[key]
            return str(value[0] if isinstance(value, list) else value)
    return ""


def matches(cert: asn1_x509.Certificate, attribute: str, expected: str) -> bool:
    """Tell whether the certificate carries the value recorded for the person."""
    value = certificate_value(cert, attribute).strip()
    wanted = expected.strip()
    if attribute == "serial":
        value, wanted = value.lower().lstrip("0"), wanted.lower().replace(":", "").lstrip("0")
    return bool(wanted) and value == wanted


# --- Validation --------------------------------------------------------------------------


def trust_roots() -> list:
    """Return the configured trust roots (`DOITHOAI_TRUST_ROOTS`, a PEM bundle)."""
    path = settings.SIGNING_TRUST_ROOTS
    if not path:
        return []
    with open(path, "rb") as handle:
        return list(load_certs_from_pemder_data(handle.read()))


def validation_context(roots=None) -> ValidationContext:
    """Return a validation context over the trust roots (revocation fetched only if enabled)."""
    return ValidationContext(
        trust_roots=roots if roots is not None else trust_roots(),
        allow_fetching=settings.SIGNING_FETCH_REVOCATION,
    )


@dataclass
class SignatureReport:
    """What verification says about one signature."""

    field_name: str
    signer: str
    intact: bool
    valid: bool
    trusted: bool
    signing_time: datetime.datetime | None
    timestamp: datetime.datetime | None
    covers_whole_file: bool
    modified_after: str
    page: int | None
    box: Box | None
    placement: str = ""
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """A signature that is intact, valid, trusted, and not followed by forbidden changes."""
        return self.intact and self.valid and self.trusted and not self.problems


def _leaf_pages(node):
    node = node.get_object()
    if node.get("/Type") == "/Pages" or "/Kids" in node:
        for kid in node["/Kids"]:
            yield from _leaf_pages(kid)
    else:
        yield node


def widget(reader, field_name: str) -> tuple[int | None, Box | None]:
    """Return the page index and rectangle of a signature field's widget."""
    for index, page in enumerate(_leaf_pages(reader.root["/Pages"])):
        for ref in page.get("/Annots", []) or []:
            annot = ref.get_object()
            name = annot.get("/T")
            if name is None and "/Parent" in annot:
                name = annot["/Parent"].get_object().get("/T")
            if name is not None and str(name) == field_name and "/Rect" in annot:
                x0, y0, x1, y1 = (float(v) for v in annot["/Rect"])
                return index, Box(min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1))
    return None, None


def verify(pdf: bytes, roots=None) -> list[SignatureReport]:
    """Validate every signature of a PDF; raise ValidationFailed when it cannot be read."""
    try:
        reader = PdfFileReader(io.BytesIO(pdf), strict=False)
        embedded = list(reader.embedded_regular_signatures)
    except Exception as exc:  # noqa: BLE001 - any parse error means an unreadable file
        raise ValidationFailed(_("Không đọc được tệp PDF: %(error)s") % {"error": exc}) from exc
    context = validation_context(roots)
    reports = []
    for sig in embedded:
        problems = []
        try:
            status = validate_pdf_signature(
                sig, signer_validation_context=context, diff_policy=DEFAULT_DIFF_POLICY
            )
        except Exception as exc:  # noqa: BLE001 - a broken signature is reported, not raised
            page, box = _safe_widget(sig)
            reports.append(
                SignatureReport(
                    sig.field_name,
                    "",
                    False,
                    False,
                    False,
                    None,
                    None,
                    False,
                    "",
                    page,
                    box,
                    problems=[str(exc)],
                )
            )
            continue
        cert = status.signing_cert
        coverage = getattr(status.coverage, "name", str(status.coverage))
        whole = coverage == "ENTIRE_FILE"
        level = status.modification_level
        if whole or level is None or level == ModificationLevel.NONE:
            modified = "none"
        else:
            modified = level.name.lower()
        if status.docmdp_ok is False:
            problems.append(_("Văn bản bị sửa đổi sau khi ký (ngoài phạm vi cho phép)."))
        if not whole and level is not None and level > ModificationLevel.FORM_FILLING:
            problems.append(_("Văn bản bị sửa đổi sau khi ký."))
        ts = status.timestamp_validity
        page, box = _safe_widget(sig)
        reports.append(
            SignatureReport(
                field_name=sig.field_name,
                signer=cert.subject.human_friendly if cert is not None else "",
                intact=bool(status.intact),
                valid=bool(status.valid),
                trusted=bool(status.trusted),
                signing_time=status.signer_reported_dt,
                timestamp=ts.timestamp if ts is not None else None,
                covers_whole_file=whole,
                modified_after=modified,
                page=page,
                box=box,
                problems=problems,
            )
        )
    return reports


def _safe_widget(sig):
    try:
        return widget(sig.reader, sig.field_name)
    except Exception:  # noqa: BLE001 - placement is informative only
        return None, None


def reader(pdf: bytes) -> PdfFileReader:
    """Return a lenient reader over PDF bytes."""
    return PdfFileReader(io.BytesIO(pdf), strict=False)


def check_external(prepared: bytes, signed: bytes, field_name: str, roots=None):
    """Return the validation status of a PDF signed outside doithoai, or refuse it.

    Accepted only when the signed file is the prepared file unchanged plus one revision that
    fills `field_name` and nothing else, the signature covers the whole file, is intact and
    valid, and chains to the trust roots.
    """
    if not signed.startswith(prepared):
        raise ValidationFailed(
            _("Tệp đã ký không phải là văn bản đã chuẩn bị (nội dung khác bản gốc)."), field="file"
        )
    try:
        base = reader(prepared)
        pdf = reader(signed)
        base_revisions = base.xrefs.total_revisions
        revisions = pdf.xrefs.total_revisions
        ours = [s for s in pdf.embedded_regular_signatures if s.field_name == field_name]
    except Exception as exc:  # noqa: BLE001 - any parse error means an unreadable upload
        raise ValidationFailed(_("Không đọc được tệp PDF đã ký."), field="file") from exc
    if len(ours) != 1:
        raise ValidationFailed(_("Không có chữ ký trong ô ký đã chuẩn bị."), field="file")
    if revisions != base_revisions + 1:
        raise ValidationFailed(
            _("Tệp đã ký có thêm thay đổi ngoài chữ ký (%(n)s lần cập nhật).")
            % {"n": revisions - base_revisions},
            field="file",
        )
    sig = ours[0]
    status = validate_pdf_signature(sig, signer_validation_context=validation_context(roots))
    if getattr(status.coverage, "name", "") != "ENTIRE_FILE":
        raise ValidationFailed(_("Chữ ký không bao trùm toàn bộ tệp."), field="file")
    if not (status.intact and status.valid):
        raise ValidationFailed(_("Chữ ký số không hợp lệ."), field="file")
    if not status.trusted:
        raise ValidationFailed(
            _("Chứng thư số không thuộc tổ chức cung cấp dịch vụ được tin cậy."), field="file"
        )
    review = DEFAULT_DIFF_POLICY.review_file(pdf, base_revision=base_revisions - 1)
    level = getattr(review, "modification_level", None)
    changed = getattr(review, "changed_form_fields", None)
    if level is None or level > ModificationLevel.FORM_FILLING or changed - {field_name}:
        raise ValidationFailed(
            _("Lần ký đã thay đổi văn bản ngoài ô chữ ký đã chuẩn bị."), field="file"
        )
    return status
