"""Validate and fingerprint uploaded files before an action stores them.

A file is judged by its content, not its name: the magic bytes (read with the `filetype`
library, pure Python and maintained) must be those of the type its extension claims,
ZIP-based office files (DOCX, XLSX, ODT, ODS) must hold the parts of that format and
inflate to at most ATTACHMENT_MAX_UNCOMPRESSED_BYTES (a "zip bomb" is refused while it is
being inflated, without trusting the sizes it declares), and the scanner named by
ATTACHMENT_SCANNER (e.g. ClamAV, doithoai.core.scanning) runs last. Files are stored under
random names (RandomName); the original name is kept only as data.
"""

import hashlib
import uuid
import zipfile
from pathlib import Path

import filetype
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from .errors import ValidationFailed

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .doc / .xls (Compound File Binary)
# What each allowed extension must contain: magic type(s) per `filetype`, or a special check.
EXPECTED = {
    "pdf": {"pdf"},
    "jpg": {"jpg"},
    "jpeg": {"jpg"},
    "png": {"png"},
    "gif": {"gif"},
    "webp": {"webp"},
    "tif": {"tif"},
    "tiff": {"tif"},
}
ZIP_PARTS = {  # ZIP-based formats: a part that must exist, or the OpenDocument mimetype
    "docx": "word/document.xml",
    "xlsx": "xl/workbook.xml",
    "pptx": "ppt/presentation.xml",
    "odt": "application/vnd.oasis.opendocument.text",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
    "odp": "application/vnd.oasis.opendocument.presentation",
}
OLE2 = {"doc", "xls", "ppt"}
MAX_ZIP_MEMBERS = 5000


@deconstructible
class RandomName:
    """Give a stored file a random name under `prefix/YYYY/MM/`, keeping only its extension."""

    def __init__(self, prefix: str):
        self.prefix = prefix.strip("/")

    def __call__(self, instance, filename: str) -> str:
        ext = Path(filename).suffix.lower()[:10]
        now = timezone.localtime()
        return f"{self.prefix}/{now:%Y/%m}/{uuid.uuid4().hex}{ext}"

    def __eq__(self, other):
        return isinstance(other, RandomName) and other.prefix == self.prefix


def _refuse(name: str, ext: str) -> ValidationFailed:
    return ValidationFailed(
        _(
            "Nội dung tệp “%(name)s” không phải là tệp %(type)s hợp lệ "
            "(hệ thống kiểm tra nội dung tệp, không chỉ phần đuôi tên)."
        )
        % {"name": name, "type": ext.upper()},
        code="unsupported_file_type",
    )


def _check_zip(upload, name: str, ext: str) -> None:
    limit = settings.ATTACHMENT_MAX_UNCOMPRESSED_BYTES
    try:
        with zipfile.ZipFile(upload) as archive:
            members = archive.infolist()
            if len(members) > MAX_ZIP_MEMBERS:
                raise _refuse(name, ext)
            wanted = ZIP_PARTS[ext]
            names = {m.filename for m in members}
            if wanted.startswith("application/"):
                if "mimetype" not in names or archive.read("mimetype").strip() != wanted.encode():
                    raise _refuse(name, ext)
            elif wanted not in names:
                raise _refuse(name, ext)
            total = 0
            for member in members:
                with archive.open(member) as stream:
                    while chunk := stream.read(1024 * 1024):
                        total += len(chunk)
                        if total > limit:
                            raise ValidationFailed(
                                _(
                                    "Tệp “%(name)s” khi giải nén vượt quá %(limit)s "
                                    "(có thể là tệp nén độc hại), không được chấp nhận."
                                )
                                % {"name": name, "limit": filesizeformat(limit)},
                                code="unsupported_file_type",
                            )
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError, OSError):
        raise _refuse(name, ext) from None
    except RuntimeError:  # an encrypted member
        raise _refuse(name, ext) from None
    finally:
        upload.seek(0)


def _check_text(upload, name: str, ext: str) -> None:
    head = upload.read(64 * 1024)
    upload.seek(0)
    if b"\x00" in head or filetype.guess(head) is not None:
        raise _refuse(name, ext)
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start < len(head) - 4:  # not just a character cut at the end of the sample
            raise _refuse(name, ext) from None


def check_content(upload, name: str, ext: str) -> None:
    """Refuse a file whose content is not what its extension says."""
    head = upload.read(8192)
    upload.seek(0)
    if ext in ZIP_PARTS:
        if not head.startswith(b"PK\x03\x04"):
            raise _refuse(name, ext)
        _check_zip(upload, name, ext)
    elif ext in OLE2:
        if not head.startswith(OLE2_MAGIC):
            raise _refuse(name, ext)
    elif ext == "txt":
        _check_text(upload, name, ext)
    else:
        kind = filetype.guess(head)
        if kind is None or kind.extension not in EXPECTED.get(ext, {ext}):
            raise _refuse(name, ext)


def scan(upload, name: str) -> None:
    """Run the configured scanner (ATTACHMENT_SCANNER), which raises to refuse the file."""
    path = getattr(settings, "ATTACHMENT_SCANNER", "")
    if path:
        import_string(path)(upload, name=name)
        upload.seek(0)


def check_upload(upload, *, field: str = "attachments") -> str:
    """Refuse an oversize, disallowed or disguised file; return the SHA-256 of its content."""
    name = getattr(upload, "name", "") or ""
    ext = Path(name).suffix.lower().lstrip(".")
    allowed = settings.ATTACHMENT_ALLOWED_EXTENSIONS
    if ext not in allowed:
        raise ValidationFailed(
            _("Tệp “%(name)s” không được chấp nhận. Chỉ nhận các định dạng: %(allowed)s.")
            % {"name": name, "allowed": ", ".join(allowed)},
            field=field,
            code="unsupported_file_type",
        )
    if upload.size > settings.ATTACHMENT_MAX_BYTES:
        error = ValidationFailed(
            _("Tệp “%(name)s” quá lớn (%(size)s); giới hạn là %(limit)s.")
            % {
                "name": name,
                "size": filesizeformat(upload.size),
                "limit": filesizeformat(settings.ATTACHMENT_MAX_BYTES),
            },
            field=field,
            code="file_too_large",
        )
        error.http_status = 413
        raise error
    if upload.size == 0:
        raise ValidationFailed(_("Tệp “%(name)s” rỗng.") % {"name": name}, field=field)
    try:
        check_content(upload, name, ext)
        scan(upload, name)
    except ValidationFailed as exc:
        exc.field = field
        raise
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return digest.hexdigest()
