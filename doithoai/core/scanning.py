"""Scanners for uploaded files, named by ATTACHMENT_SCANNER; each raises to refuse a file.

`clamd_scan` streams the file to ClamAV's daemon (INSTREAM command) over the Unix socket
CLAMD_SOCKET or TCP CLAMD_HOST:CLAMD_PORT. The protocol is a few lines, so no client
library is needed. If clamd cannot be reached the file is refused: an installation that
configured a scanner must not silently accept unscanned files.
"""

import socket
import struct

from django.conf import settings
from django.utils.translation import gettext as _

from .errors import ValidationFailed

CHUNK = 64 * 1024


def _connect() -> socket.socket:
    if settings.CLAMD_SOCKET:
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        sock.settimeout(30)
        sock.connect(settings.CLAMD_SOCKET)
        return sock
    return socket.create_connection((settings.CLAMD_HOST, settings.CLAMD_PORT), timeout=30)


def clamd_reply(upload) -> str:
    """Send the file to clamd and return its reply, e.g. `stream: OK`."""
    with _connect() as sock:
        sock.sendall(b"zINSTREAM\0")
        upload.seek(0)
        for chunk in upload.chunks(CHUNK):
            sock.sendall(struct.pack("!L", len(chunk)) + chunk)
        sock.sendall(struct.pack("!L", 0))
        reply = b""
        while not reply.endswith(b"\0"):
            data = sock.recv(4096)
            if not data:
                break
            reply += data
    upload.seek(0)
    return reply.rstrip(b"\0").decode("utf-8", "replace").strip()


def clamd_scan(upload, *, name: str) -> None:
    """Refuse a file ClamAV finds infected, or any file when clamd does not answer."""
    try:
        reply = clamd_reply(upload)
    except OSError:
        raise ValidationFailed(
            _("Không kiểm tra được virus cho tệp “%(name)s”; vui lòng thử lại sau.")
            % {"name": name},
            code="scanner_unavailable",
        ) from None
    if reply.endswith("FOUND"):
        raise ValidationFailed(
            _("Tệp “%(name)s” bị phát hiện chứa mã độc, không được chấp nhận.") % {"name": name},
            code="infected_file",
        )
    if not reply.endswith("OK"):
        raise ValidationFailed(
            _("Không kiểm tra được virus cho tệp “%(name)s”; vui lòng thử lại sau.")
            % {"name": name},
            code="scanner_unavailable",
        )
