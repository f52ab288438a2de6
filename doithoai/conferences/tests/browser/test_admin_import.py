"""The administrator imports a sheet of people and watches the progress bar fill."""

import csv

import pytest

from doithoai.organizations.models import Membership
from doithoai.testing.browser import login, shot

pytestmark = pytest.mark.browser


def test_admin_imports_a_sheet_with_progress_and_row_errors(page, live_server, cast, tmp_path):
    sheet = tmp_path / "danh-sach.csv"
    with sheet.open("w", encoding="utf-8-sig", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(
            ["họ tên", "tên đăng nhập", "email", "đơn vị (mã)", "chức vụ", "đối tượng", "vai trò"]
        )
        for i in range(35):
            writer.writerow([f"Nguyễn Văn Thử {i}", f"thu{i}", "", "TH", "", "Công chức", "staff"])
        writer.writerow(["Lê Thị Sai", "sai1", "", "KHONGCO", "", "", "staff"])
    login(page, live_server, cast.admin)
    page.click("nav a:has-text('Quản trị')")
    page.click(".subnav a:has-text('Nhập từ tệp')")
    page.set_input_files("#id_sheet", str(sheet))
    page.click("button:has-text('Tải lên và nhập')")
    page.wait_for_selector("#import-progress progress")
    page.wait_for_selector("text=Đã nhập xong.", timeout=20_000)
    assert page.locator("#bar").get_attribute("value") == "36"
    rows = page.locator("#import-errors tbody tr").all_inner_texts()
    assert len(rows) == 1 and "37" in rows[0] and "KHONGCO" in rows[0]
    shot(page, "admin-import-report")
    assert Membership.objects.filter(user__username__startswith="thu").count() == 35
