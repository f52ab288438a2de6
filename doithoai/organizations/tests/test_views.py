"""The administrator's pages: units, people, roles and the sheet import with its report."""

import io

import openpyxl
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from doithoai.organizations.models import Membership, Unit

HEADER = ["Họ tên", "Tên đăng nhập", "Email", "Đơn vị (mã)", "Chức vụ", "Đối tượng", "Vai trò"]


def _xlsx(rows) -> SimpleUploadedFile:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return SimpleUploadedFile("danh-sach.xlsx", out.getvalue())


def test_add_unit_error_next_to_the_code(client, cast):
    client.force_login(cast.admin)
    response = client.post(reverse("organizations:unit_add"), {"name": "Phòng mới", "code": "th"})
    assert response.status_code == 400
    assert "TH" in response.context["form"].errors["code"][0]
    assert response.context["form"]["name"].value() == "Phòng mới"
    client.post(reverse("organizations:unit_add"), {"name": "Phòng mới", "code": "PM"})
    assert Unit.objects.filter(agency=cast.agency, code="PM").exists()


def test_add_member_and_change_roles(client, cast):
    client.force_login(cast.admin)
    data = {
        "full_name": "Nguyễn Thị Hoa",
        "username": "hoant",
        "unit": cast.unit.pk,
        "staff_category": "vien_chuc",
        "roles": ["unit_leader", "inspector"],
    }
    response = client.post(reverse("organizations:member_add"), data)
    assert response.status_code == 302
    member = Membership.objects.get(user__username="hoant")
    assert member.role_set == {"unit_leader", "inspector"}
    url = reverse("organizations:member_edit", args=[member.pk])
    response = client.post(url, {"roles": ["inspector", "head"]})
    assert response.status_code == 400
    assert "Thanh tra" in response.context["form"].errors["roles"][0]
    assert client.post(url, {"roles": ["staff"], "unit": cast.unit.pk}).status_code == 302
    member.refresh_from_db()
    assert member.role_set == {"staff"}


def test_import_reports_each_bad_row_and_keeps_the_good_ones(client, cast):
    rows = [
        [
            "Trần Văn An",
            "antv",
            "an@example.vn",
            "TH",
            "Chuyên viên",
            "Công chức",
            "CCVC, người lao động",
        ],
        ["Lê Thị Bình", "binhlt", "", "XYZ", "", "", "staff"],
        ["Phạm Văn Cường", "", "", "TH", "", "", "staff"],
        [
            "Hoàng Thị Dung",
            "dunght",
            "",
            "KT",
            "Trưởng phòng",
            "Viên chức",
            "Lãnh đạo đơn vị; staff",
        ],
        ["Vũ Văn Em", "emvv", "", "TH", "", "Hợp đồng", "staff"],
        ["Đỗ Thị Gấm", "gamdt", "", "TH", "", "", "thủ quỹ"],
    ] + [[f"Người {i}", f"nguoi{i}", "", "TH", "", "", "staff"] for i in range(20)]
    client.force_login(cast.admin)
    response = client.post(reverse("organizations:import"), {"sheet": _xlsx(rows)})
    assert response.status_code == 302
    job_url = response["Location"]
    page = client.get(job_url)
    assert page.context["done"] == 0 and page.context["total"] == 26
    step_url = job_url + "tiep/"
    percents = []
    while True:
        partial = client.post(step_url, HTTP_HX_REQUEST="true")
        percents.append(partial.context["percent"])
        if partial.context["finished"]:
            break
    assert percents == [38, 76, 100]
    errors = {(e["row"], e["column"]) for e in partial.context["errors"]}
    assert errors == {
        (3, "đơn vị (mã)"),
        (4, "tên đăng nhập"),
        (6, "đối tượng"),
        (7, "vai trò"),
    }
    assert "Không có đơn vị mã XYZ" in partial.content.decode()
    assert partial.context["created"] == 22
    dung = Membership.objects.get(user__username="dunght")
    assert dung.role_set == {"unit_leader", "staff"} and dung.unit == cast.other_unit


def test_import_refuses_a_sheet_without_required_columns(client, cast):
    client.force_login(cast.admin)
    sheet = SimpleUploadedFile("ds.csv", "Họ tên;Email\nAn;a@b.vn\n".encode())
    response = client.post(reverse("organizations:import"), {"sheet": sheet})
    assert response.status_code == 400
    assert "Thiếu cột" in response.context["form"].errors["sheet"][0]


def test_import_csv(client, cast):
    text = ";".join(HEADER) + "\nTrần An;antr;;TH;;;staff\n"
    client.force_login(cast.admin)
    response = client.post(
        reverse("organizations:import"),
        {"sheet": SimpleUploadedFile("ds.csv", text.encode("utf-8-sig"))},
    )
    client.post(response["Location"] + "tiep/")
    assert Membership.objects.filter(user__username="antr").exists()


def test_an_import_job_belongs_to_its_session(client, cast):
    client.force_login(cast.admin)
    response = client.post(
        reverse("organizations:import"), {"sheet": _xlsx([["An", "an1", "", "", "", "", "staff"]])}
    )
    client.logout()
    client.force_login(cast.admin)
    assert client.get(response["Location"]).status_code == 404


def test_deadline_rules_page(client, cast):
    import pytest

    api = pytest.importorskip("doithoai.deadlines.actions")
    if not hasattr(api, "update_rules"):
        pytest.skip("the deadlines app has no rules yet")
    client.force_login(cast.admin)
    url = reverse("deadlines:rules")
    form = client.get(url).context["form"]
    data = {name: form.initial[name] for name in form.fields}
    data["resolution_working_days"] = 0
    response = client.post(url, data)
    assert response.status_code == 400
    assert response.context["form"].errors["resolution_working_days"]
    data["resolution_working_days"] = 10
    assert client.post(url, data).status_code == 302
    assert api.rules_for(cast.agency).resolution_working_days == 10
