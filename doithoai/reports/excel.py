"""Excel workbooks (openpyxl): the report's tables; the petition list's headers (see exports)."""

import datetime
import io

from django.utils.translation import gettext_lazy
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from .tables import Table

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
BOLD = Font(bold=True)


def _plain(row) -> list:
    """Turn lazy translations and other objects into what a cell can hold."""
    return [v if isinstance(v, int | float | datetime.date | type(None)) else str(v) for v in row]


def _sheet(ws, title: str, headers: list[str], rows, total=None) -> None:
    rows = [_plain(r) for r in rows]
    headers = _plain(headers)
    total = _plain(total) if total else None
    ws.append([title])
    ws["A1"].font = Font(bold=True, size=13)
    ws.append([])
    ws.append(list(headers))
    for cell in ws[3]:
        cell.font = BOLD
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for row in rows:
        ws.append(list(row))
    if total:
        ws.append(list(total))
        for cell in ws[ws.max_row]:
            cell.font = BOLD
    for index, header in enumerate(headers, start=1):
        values = [len(str(header))] + [
            len(str(r[index - 1])) for r in rows if index - 1 < len(r) and r[index - 1] is not None
        ]
        ws.column_dimensions[get_column_letter(index)].width = min(max(values) + 2, 60)
    ws.freeze_panes = "A4"


def _save(wb) -> bytes:
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def tables_workbook(tables: list[Table], heading: str) -> bytes:
    """Return a workbook with one sheet per report table."""
    wb = Workbook()
    wb.remove(wb.active)
    for table in tables:
        ws = wb.create_sheet(table.key[:31])
        _sheet(ws, f"{heading} — {table.title}", table.headers, table.rows, table.total)
    return _save(wb)


PETITION_HEADERS = [
    gettext_lazy("Mã"),
    gettext_lazy("Tiêu đề"),
    gettext_lazy("Nhóm nội dung"),
    gettext_lazy("Chủ đề"),
    gettext_lazy("Trạng thái"),
    gettext_lazy("Kênh tiếp nhận"),
    gettext_lazy("Người gửi"),
    gettext_lazy("Đơn vị liên quan"),
    gettext_lazy("Hội nghị"),
    gettext_lazy("Ngày gửi"),
]


def province_workbook(heading: str, headers: list, rows: list[list]) -> bytes:
    """Return the province table (one row per agency below the province) as a workbook."""
    wb = Workbook()
    ws = wb.active
    ws.title = "tinh"
    _sheet(ws, heading, headers, rows)
    return _save(wb)
