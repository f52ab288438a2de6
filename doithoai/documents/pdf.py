"""Convert DOCX to PDF with LibreOffice headless, time-bounded, one private profile per run."""

import shutil
import subprocess
import tempfile
from pathlib import Path

from django.utils.translation import gettext as _

from doithoai.core.errors import ActionError

TIMEOUT_SECONDS = 90


class ConversionFailed(ActionError):
    """LibreOffice is missing, failed, or ran out of time."""

    code = "pdf_conversion_failed"
    http_status = 503


def soffice() -> str | None:
    """Return the LibreOffice executable, or None when it is not installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def docx_to_pdf(docx: bytes, *, timeout: int = TIMEOUT_SECONDS) -> bytes:
    """Return the PDF rendering of DOCX bytes.

    Each run gets its own LibreOffice profile (`-env:UserInstallation`) in a temporary folder,
    so parallel conversions never share a lock, and the folder goes away afterwards.
    """
    program = soffice()
    if program is None:
        raise ConversionFailed(_("Máy chủ chưa cài LibreOffice nên chưa xuất được PDF."))
    with tempfile.TemporaryDirectory(prefix="doithoai-pdf-") as tmp:
        folder = Path(tmp)
        source = folder / "document.docx"
        source.write_bytes(docx)
        command = [
            program,
            f"-env:UserInstallation={(folder / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            str(source),
        ]
        try:
            subprocess.run(  # noqa: S603 - fixed program and arguments, no shell
                command, capture_output=True, timeout=timeout, check=False
            )
        except subprocess.TimeoutExpired as exc:
            raise ConversionFailed(_("Chuyển sang PDF quá thời gian cho phép.")) from exc
        target = folder / "document.pdf"
        if not target.exists():
            raise ConversionFailed(_("LibreOffice không chuyển được văn bản sang PDF."))
        return target.read_bytes()
