"""Verify a PDF's signatures: validity, chain, time, later changes, and Decree 30 placement."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from doithoai.core.lazy import lazy_module

placement = lazy_module("doithoai.signing.placement")  # pdfminer, on first use

# pyHanko (with aiohttp and fontTools) loads on the first signature or check (see core.lazy).
pades = lazy_module("doithoai.signing.pades")

PLACEMENT_LABELS = {
    "signature": gettext_lazy("Ảnh chữ ký giữa dòng chức vụ và họ tên, căn giữa (đúng Phụ lục I)"),
    "seal": gettext_lazy("Ảnh con dấu trùm khoảng 1/3 ảnh chữ ký, bên trái (đúng Phụ lục I)"),
    "text_block": gettext_lazy("Khối thông tin góc trên bên phải trang đầu (văn bản kèm theo)"),
    "invisible": gettext_lazy("Chữ ký không hiển thị"),
    "other": gettext_lazy("Không đúng vị trí theo Phụ lục I Nghị định 30/2020"),
}
MODIFICATION_LABELS = {
    "none": gettext_lazy("Không có thay đổi sau khi ký"),
    "lta_updates": gettext_lazy("Sau khi ký chỉ thêm dữ liệu kiểm tra, dấu thời gian"),
    "form_filling": gettext_lazy("Sau khi ký chỉ thêm chữ ký khác"),
    "annotations": gettext_lazy("Sau khi ký có thêm ghi chú"),
    "other": gettext_lazy("Văn bản bị sửa đổi sau khi ký"),
}


def verify(pdf: bytes, roots=None) -> list[pades.SignatureReport]:
    """Return one report per signature, with its placement (raise ValidationFailed if unreadable)."""
    reports = pades.verify(pdf, roots)
    boxes = [r.box for r in reports if r.box is not None]
    for report in reports:
        if report.box is None or report.page is None:
            report.placement = "invisible"
            continue
        try:
            report.placement = placement.placement_of(pdf, report.page, report.box, boxes)
        except Exception:  # noqa: BLE001 - a layout we cannot read is "other", not a crash
            report.placement = "other"
    return reports


def lines(reports: list[pades.SignatureReport]) -> list[str]:
    """Return a plain-text report, one block per signature (for `doithoai verify-pdf`)."""
    if not reports:
        return [_("Tệp không có chữ ký số.")]
    out = []
    for index, r in enumerate(reports, start=1):
        verdict = _("HỢP LỆ") if r.ok else _("KHÔNG HỢP LỆ")
        when = timezone.localtime(r.signing_time).isoformat() if r.signing_time else "—"
        out += [
            f"{_('Chữ ký')} {index} ({r.field_name}): {verdict}",
            f"  {_('Người ký')}: {r.signer or '—'}",
            f"  {_('Toàn vẹn')}: {_('có') if r.intact else _('không')}; "
            f"{_('chữ ký hợp lệ')}: {_('có') if r.valid else _('không')}; "
            f"{_('chuỗi chứng thư tới gốc tin cậy')}: {_('có') if r.trusted else _('không')}",
            f"  {_('Thời điểm ký')}: {when}"
            + (
                f"; {_('dấu thời gian')}: {timezone.localtime(r.timestamp).isoformat()}"
                if r.timestamp
                else ""
            ),
            f"  {_('Thay đổi sau khi ký')}: "
            f"{MODIFICATION_LABELS.get(r.modified_after, MODIFICATION_LABELS['other'])}",
            f"  {_('Vị trí')}: {PLACEMENT_LABELS.get(r.placement, r.placement)}"
            + (f" ({_('trang')} {r.page + 1})" if r.page is not None else ""),
        ]
        out += [f"  ! {problem}" for problem in r.problems]
    return out
