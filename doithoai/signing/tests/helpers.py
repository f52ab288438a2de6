"""Helpers of the signing tests: sign as a person, seal with the token, render to pixels."""

import hashlib
import io
import subprocess
import tempfile
from pathlib import Path

from PIL import Image

from doithoai.audit.models import AuditEvent
from doithoai.signing import actions, pades

from .pki import PASSWORD


def person_signer(pki, who="deputy"):
    return pades.pkcs12_signer(pki["people"][who][0], PASSWORD)


def sign_as(pki, user, kind, obj, who="deputy"):
    return actions.sign_document(kind=kind, obj=obj, by=user, signer=person_signer(pki, who))


def seal(user, kind, obj, **kwargs):
    """Seal as `user` with the document's agency's key (its own, else the installation's)."""
    return actions.seal_document(kind=kind, obj=obj, by=user, **kwargs)


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def audit_after(verb):
    return AuditEvent.objects.filter(verb=verb).order_by("-seq").first().after


def render_page(pdf: bytes, page: int) -> Image.Image:
    """Render one page (0-based) at 72 dpi: one pixel per PDF point, origin top left."""
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "in.pdf"
        source.write_bytes(pdf)
        subprocess.run(
            [
                "pdftoppm",
                "-r",
                "72",
                "-f",
                str(page + 1),
                "-l",
                str(page + 1),
                "-png",
                str(source),
                str(Path(folder) / "out"),
            ],
            check=True,
            timeout=60,
        )
        (png,) = Path(folder).glob("out*.png")
        return Image.open(io.BytesIO(png.read_bytes())).convert("RGB")


def pixel(image: Image.Image, x: float, y: float):
    """Return the colour at PDF point (x, y) (origin bottom left)."""
    return image.getpixel((int(x), int(image.height - y)))


def is_blue(rgb) -> bool:
    r, g, b = rgb
    return b > 150 and r < 100 and g < 120


def is_red(rgb) -> bool:
    r, g, b = rgb
    return r > 150 and g < 90 and b < 90


def count(image, box, predicate) -> int:
    """Count the pixels inside a PDF box (x0, y0, x1, y1) that satisfy `predicate`."""
    x0, y0, x1, y1 = box
    top, bottom = int(image.height - y1), int(image.height - y0)
    return sum(
        1
        for x in range(max(int(x0), 0), min(int(x1), image.width))
        for y in range(max(top, 0), min(bottom, image.height))
        if predicate(image.getpixel((x, y)))
    )


def text_in(pdf: bytes, page: int, box, page_height: float) -> str:
    """Return the text poppler prints inside a PDF box (appearance streams included)."""
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "in.pdf"
        source.write_bytes(pdf)
        result = subprocess.run(
            [
                "pdftotext",
                "-r",
                "72",
                "-f",
                str(page + 1),
                "-l",
                str(page + 1),
                "-x",
                str(int(box.x0) - 1),
                "-y",
                str(int(page_height - box.y1) - 1),
                "-W",
                str(int(box.width) + 2),
                "-H",
                str(int(box.height) + 2),
                str(source),
                "-",
            ],
            check=True,
            timeout=60,
            capture_output=True,
        )
        return result.stdout.decode()
