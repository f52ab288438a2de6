"""The installation administrator's sheet of agencies: one row per agency, its administrator
and its units, each row onboarded by `actions.onboard_agency` in its own transaction.

A sheet is imported row by row, like the people sheet: a bad row is reported with its
number, column and reason and the good rows stay. Rows are taken in order, so a row may name
as its parent an agency created by a row above it. Sending the same sheet again creates
nothing new: every row is reported as a code already used.
"""

import io
import re

from django.utils.translation import gettext as _

from doithoai.core.errors import ActionError
from doithoai.core.text import fold

from .models import Agency
from .sheet import SheetSpec

# (field, Vietnamese header, required, example) in the template's column order.
COLUMNS = [
    ("code", "Ký hiệu cơ quan", True, "SNV"),
    ("name", "Tên cơ quan", True, "Sở Nội vụ tỉnh Tuyên Quang"),
    ("locality", "Địa danh", True, "Tuyên Quang"),
    ("parent", "Ký hiệu cơ quan cấp trên", False, "UBNDTQ"),
    ("parent_body_name", "Tên cơ quan chủ quản", False, "UBND TỈNH TUYÊN QUANG"),
    ("short_name", "Tên viết tắt", False, "SNV"),
    ("admin_full_name", "Họ tên quản trị", True, "Nguyễn Văn An"),
    ("admin_username", "Tên đăng nhập quản trị", True, "quantri.snv"),
    ("admin_email", "Email quản trị", False, "an@snv.example.vn"),
    ("units", "Đơn vị", False, "VP=Văn phòng Sở; CCVC=Phòng Công chức, viên chức"),
]
AGENCIES = SheetSpec(
    headers={fold(header): field for field, header, _r, _e in COLUMNS}
    | {"ma co quan": "code", "ma co quan cap tren": "parent", "email": "admin_email"},
    labels={field: header.lower() for field, header, _r, _e in COLUMNS},
    required=tuple(field for field, _h, required, _e in COLUMNS if required),
)
FIELD_OF = {
    "code": "code",
    "name": "name",
    "locality": "locality",
    "parent": "parent",
    "admin_username": "admin_username",
    "admin_full_name": "admin_full_name",
    "admin_email": "admin_email",
    "units": "units",
}


def parse_units(cell: str) -> list[tuple[str, str]] | None:
    """Return the units of a cell "CODE=Name; CODE=Name" (or one per line); None if malformed."""
    units = []
    for part in re.split(r"[;\n]", cell or ""):
        part = part.strip()
        if not part:
            continue
        code, sep, name = part.partition("=")
        if not sep or not code.strip() or not name.strip():
            return None
        units.append((code.strip(), name.strip()))
    return units


def import_row(row: dict, *, by) -> dict | None:
    """Onboard one row's agency; return None, or the error as {row, column, message}."""
    from . import actions

    def problem(field, message):
        label = AGENCIES.labels.get(FIELD_OF.get(field or "", ""), "")
        return {"row": row["_row"], "column": label, "message": str(message)}

    parent = None
    if row.get("parent"):
        parent = Agency.objects.filter(code__iexact=row["parent"]).first()
        if parent is None:
            return problem(
                "parent",
                _("Không có cơ quan cấp trên ký hiệu %(c)s (tạo cơ quan đó ở một dòng phía trên).")
                % {"c": row["parent"]},
            )
    units = parse_units(row.get("units", ""))
    if units is None:
        return problem(
            "units",
            _("Đơn vị phải có dạng KÝ_HIỆU=Tên, cách nhau bởi dấu chấm phẩy: “%(v)s”.")
            % {"v": row.get("units", "")},
        )
    try:
        actions.onboard_agency(
            code=row.get("code", ""),
            name=row.get("name", ""),
            locality=row.get("locality", ""),
            parent=parent,
            parent_body_name=row.get("parent_body_name", ""),
            short_name=row.get("short_name", ""),
            admin_username=row.get("admin_username", ""),
            admin_full_name=row.get("admin_full_name", ""),
            admin_email=row.get("admin_email", ""),
            units=units,
            by=by,
        )
    except ActionError as exc:
        return problem(exc.field, exc.message)
    return None


def template_workbook() -> bytes:
    """Return the sheet to fill in: the Vietnamese headers and one example row."""
    import openpyxl
    from openpyxl.styles import Font

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Co quan"
    sheet.append([header for _f, header, _r, _e in COLUMNS])
    sheet.append([example for _f, _h, _r, example in COLUMNS])
    for cell, (_f, _h, required, _e) in zip(sheet[1], COLUMNS, strict=True):
        cell.font = Font(bold=required)
        sheet.column_dimensions[cell.column_letter].width = max(16, len(str(cell.value)) + 4)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
