"""The streaming .xlsx writer of the large exports: every file opens in openpyxl intact."""

import datetime

import pytest
from openpyxl import load_workbook

from doithoai.reports.xlsx import BOLD, TITLE, SheetWriter, column_letter


def test_column_letters():
    assert [column_letter(i) for i in (0, 25, 26, 51, 52, 701, 702)] == [
        "A",
        "Z",
        "AA",
        "AZ",
        "BA",
        "ZZ",
        "AAA",
    ]


def test_cells_come_back_as_written(tmp_path):
    path = tmp_path / "a.xlsx"
    awkward = "Lương & phụ cấp <tháng 5> \"cũ\" 'mới'"
    with SheetWriter(path, sheet_name="kien-nghi", widths=[16, 60], frozen_rows=3) as sheet:
        sheet.append(["Danh sách kiến nghị"], TITLE)
        sheet.append([])
        sheet.append(["Mã", "Tiêu đề"], BOLD)
        sheet.append(["KN-1", awkward, 7, 2.5, datetime.date(2026, 2, 28), None, True])
        sheet.append(["  lề trái", "dòng\nthứ hai\tcó tab", "", "x"])
        sheet.append(["ký tự điều khiển\x00\x07\x1b bị bỏ"])
        sheet.append([datetime.datetime(2018, 12, 20, 15, 30)])
    book = load_workbook(path)
    ws = book.active
    assert ws.title == "kien-nghi"
    assert ws.freeze_panes == "A4"
    assert ws.column_dimensions["A"].width == 16 and ws.column_dimensions["B"].width == 60
    assert ws["A1"].value == "Danh sách kiến nghị" and ws["A1"].font.b and ws["A1"].font.sz == 13
    assert ws["A2"].value is None
    assert ws["B3"].value == "Tiêu đề" and ws["B3"].font.b
    assert [c.value for c in ws[4]] == [
        "KN-1",
        awkward,
        7,
        2.5,
        datetime.datetime(2026, 2, 28),
        None,
        True,
    ]
    assert ws["E4"].number_format == "dd/mm/yyyy" and not ws["A4"].font.b
    assert ws["A5"].value == "  lề trái" and ws["B5"].value == "dòng\nthứ hai\tcó tab"
    assert ws["C5"].value is None and ws["D5"].value == "x"
    assert ws["A6"].value == "ký tự điều khiển bị bỏ"
    assert ws["A7"].value == datetime.datetime(2018, 12, 20)


def test_a_cell_is_cut_at_excels_limit(tmp_path):
    path = tmp_path / "long.xlsx"
    with SheetWriter(path) as sheet:
        sheet.append(["a" * 40000])
    assert len(load_workbook(path).active["A1"].value) == 32767


def test_a_failure_leaves_no_file(tmp_path):
    path = tmp_path / "broken.xlsx"
    with pytest.raises(RuntimeError), SheetWriter(path) as sheet:
        sheet.append(["một"])
        raise RuntimeError("the database went away")
    assert not path.exists()
