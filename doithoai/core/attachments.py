"""Validate and fingerprint uploaded files before an action stores them."""

import hashlib
from pathlib import Path

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from .errors import ValidationFailed


def check_upload(upload, *, field: str = "attachments") -> str:
    """Refuse an oversize or disallowed file; return the SHA-256 of its content."""
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
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return digest.hexdigest()
