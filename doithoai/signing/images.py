"""Checks on the uploaded signature and seal images (Decree 30/2020 Appendix I).

A signature image is the person's handwritten signature in blue; a seal image is the agency's
red seal; both PNG with a transparent background. Pillow is imported by the first check,
not by every worker that loads the models (whose fields name these validators).
"""

from __future__ import annotations

import io

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from doithoai.core.lazy import lazy_module

Image = lazy_module("PIL.Image")

MAX_BYTES = 2 * 1024 * 1024
# (min width, min height, max width, max height) in pixels.
SIGNATURE_PIXELS = (150, 50, 3000, 2000)
SEAL_PIXELS = (200, 200, 3000, 3000)


def open_png(data: bytes) -> Image.Image:
    """Return the image if `data` is a real PNG with an alpha channel and transparent pixels."""
    if len(data) > MAX_BYTES:
        raise ValidationError(_("Ảnh quá lớn (tối đa 2 MB)."))
    try:
        image = Image.open(io.BytesIO(data))
        image.load()
    except (Image.UnidentifiedImageError, OSError, ValueError) as exc:
        raise ValidationError(_("Tệp không phải là ảnh PNG hợp lệ.")) from exc
    if image.format != "PNG":
        raise ValidationError(_("Ảnh phải ở định dạng PNG."))
    has_alpha = image.mode in ("RGBA", "LA") or (image.mode == "P" and "transparency" in image.info)
    if not has_alpha:
        raise ValidationError(_("Ảnh PNG phải có nền trong suốt (kênh alpha)."))
    rgba = image.convert("RGBA")
    alpha = rgba.getchannel("A")
    histogram = alpha.histogram()
    pixels = rgba.width * rgba.height
    if histogram[0] < pixels * 0.2:
        raise ValidationError(_("Nền ảnh chưa trong suốt: phần lớn điểm ảnh phải trong suốt."))
    if histogram[0] == pixels:
        raise ValidationError(_("Ảnh trong suốt hoàn toàn, không có nét nào."))
    return rgba


def _check_size(image: Image.Image, limits) -> None:
    min_w, min_h, max_w, max_h = limits
    if not (min_w <= image.width <= max_w and min_h <= image.height <= max_h):
        raise ValidationError(
            _("Kích thước ảnh %(w)s×%(h)s điểm ảnh không phù hợp (từ %(a)s×%(b)s đến %(c)s×%(d)s).")
            % {"w": image.width, "h": image.height, "a": min_w, "b": min_h, "c": max_w, "d": max_h}
        )


def _dominant(image: Image.Image) -> tuple[float, float, float]:
    """Return the mean colour of the opaque pixels."""
    raw = image.tobytes()  # RGBA, four bytes per pixel
    opaque = [raw[i : i + 4] for i in range(0, len(raw), 4) if raw[i + 3] > 128]
    n = len(opaque) or 1
    return tuple(sum(p[c] for p in opaque) / n for c in range(3))


def check_signature_image(data: bytes) -> Image.Image:
    """Refuse a signature image that is not a blue handwritten signature on transparency."""
    image = open_png(data)
    _check_size(image, SIGNATURE_PIXELS)
    red, green, blue = _dominant(image)
    if not (blue > red + 20 and blue > green):
        raise ValidationError(_("Chữ ký phải là nét màu xanh."))
    return image


def check_seal_image(data: bytes) -> Image.Image:
    """Refuse a seal image that is not a red seal on transparency, roughly square."""
    image = open_png(data)
    _check_size(image, SEAL_PIXELS)
    if not 0.8 <= image.width / image.height <= 1.25:
        raise ValidationError(_("Ảnh con dấu phải gần vuông (dấu tròn)."))
    red, green, blue = _dominant(image)
    if not (red > blue + 40 and red > green + 40):
        raise ValidationError(_("Con dấu phải màu đỏ."))
    return image


def validate_signature_file(upload) -> None:
    """Model field validator for the signature image."""
    upload.seek(0)
    check_signature_image(upload.read())
    upload.seek(0)


def validate_seal_file(upload) -> None:
    """Model field validator for the seal image."""
    upload.seek(0)
    check_seal_image(upload.read())
    upload.seek(0)
