"""Read a sheet (.xlsx or .csv) into rows, and import them one row at a time.

Two sheets share this reader and the import job (`importjob`): people into an agency (each
row by `actions.add_member`) and agencies into the installation (`agency_sheet`, each row by
`actions.onboard_agency`). Each row is imported in its own transaction, so a bad row never
undoes the good ones; each problem is reported with its row number and column.
"""

import csv
import io
import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

from doithoai.core.errors import ActionError
from doithoai.core.text import fold

from .models import Role, StaffCategory, Unit

MAX_ROWS = 2000
# Folded header → field; the sheet's own column names are shown back in error reports.
HEADERS = {
    "ho ten": "full_name",
    "ho va ten": "full_name",
    "ten dang nhap": "username",
    "email": "email",
    "thu dien tu": "email",
    "don vi (ma)": "unit",
    "don vi": "unit",
    "ma don vi": "unit",
    "chuc vu": "position_title",
    "doi tuong": "staff_category",
    "vai tro": "roles",
}
COLUMN_LABELS = {
    "full_name": "họ tên",
    "username": "tên đăng nhập",
    "email": "email",
    "unit": "đơn vị (mã)",
    "position_title": "chức vụ",
    "staff_category": "đối tượng",
    "roles": "vai trò",
}
REQUIRED = ("full_name", "username", "roles")


@dataclass(frozen=True)
class SheetSpec:
    """A sheet's columns: folded header → field, field → label, the required fields."""

    headers: dict
    labels: dict
    required: tuple


PEOPLE = SheetSpec(HEADERS, COLUMN_LABELS, REQUIRED)


class SheetError(Exception):
    """The sheet as a whole cannot be read."""


def _lookup(choices) -> dict[str, str]:
    table = {}
    for value, label in choices:
        table[fold(value)] = value
        table[fold(str(label))] = value
    return table


def read_sheet(upload, spec: SheetSpec = PEOPLE) -> list[dict]:
    """Return the sheet's data rows as dicts with their sheet row number under `_row`."""
    name = upload.name.lower()
    if name.endswith(".csv"):
        text = upload.read().decode("utf-8-sig", errors="replace")
        sample = text[:2000]
        delimiter = ";" if sample.count(";") > sample.count(",") else ","
        raw = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    else:
        try:
            import openpyxl

            book = openpyxl.load_workbook(upload, read_only=True, data_only=True)
        except Exception as exc:  # openpyxl raises many kinds on a broken file
            raise SheetError(_("Không đọc được tệp Excel.")) from exc
        raw = [
            ["" if v is None else str(v) for v in row]
            for row in book.worksheets[0].iter_rows(values_only=True)
        ]
    if not raw:
        raise SheetError(_("Tệp không có dữ liệu."))
    columns = [spec.headers.get(fold(h)) for h in raw[0]]
    missing = [spec.labels[f] for f in spec.required if f not in columns]
    if missing:
        raise SheetError(_("Thiếu cột: %(cols)s.") % {"cols": ", ".join(missing)})
    rows = []
    for number, values in enumerate(raw[1:], start=2):
        if not any(str(v).strip() for v in values):
            continue
        row = {"_row": number}
        for field, value in zip(columns, values, strict=False):
            if field:
                row[field] = str(value).strip()
        rows.append(row)
    if len(rows) > MAX_ROWS:
        raise SheetError(_("Tệp có quá %(n)s dòng.") % {"n": MAX_ROWS})
    if not rows:
        raise SheetError(_("Tệp không có dòng dữ liệu nào."))
    return rows


def parse_roles(cell: str) -> tuple[list[str], str]:
    """Return the roles named in a cell (labels or codes) and the first unknown part, if any.

    Labels may hold commas themselves ("CCVC, người lao động"), so whole labels are taken
    out first; what is left is split on commas and semicolons.
    """
    text = fold(cell)
    roles = []
    for value, label in sorted(Role.choices, key=lambda c: -len(str(c[1]))):
        folded = fold(str(label))
        if folded in text:
            roles.append(value)
            text = text.replace(folded, " ")
    codes = {fold(v): v for v in Role.values}
    for part in re.split(r"[,;]", text):
        part = part.strip()
        if not part:
            continue
        if part not in codes:
            return roles, part
        roles.append(codes[part])
    return roles, ""


def import_row(row: dict, *, agency, by) -> dict | None:
    """Import one row; return None, or the error as {row, column, message}."""
    from . import actions

    def problem(field, message):
        return {"row": row["_row"], "column": COLUMN_LABELS.get(field, field), "message": message}

    unit = None
    if row.get("unit"):
        unit = Unit.objects.filter(agency=agency, code__iexact=row["unit"]).first()
        if unit is None:
            return problem("unit", _("Không có đơn vị mã %(c)s.") % {"c": row["unit"]})
    category = StaffCategory.CIVIL_SERVANT
    if row.get("staff_category"):
        category = _lookup(StaffCategory.choices).get(fold(row["staff_category"]))
        if category is None:
            return problem(
                "staff_category",
                _("Đối tượng “%(v)s” không hợp lệ (công chức, viên chức, người lao động).")
                % {"v": row["staff_category"]},
            )
    roles, bad = parse_roles(row.get("roles", ""))
    if bad:
        return problem(
            "roles",
            _("Không nhận ra vai trò trong “%(v)s”. Các vai trò: %(all)s.")
            % {"v": row.get("roles", ""), "all": "; ".join(str(label) for label in Role.labels)},
        )
    try:
        actions.add_member(
            agency=agency,
            username=row.get("username", ""),
            full_name=row.get("full_name", ""),
            email=row.get("email", ""),
            unit=unit,
            position_title=row.get("position_title", ""),
            staff_category=category,
            roles=roles,
            by=by,
        )
    except ActionError as exc:
        return problem(exc.field or "", str(exc.message))
    return None
