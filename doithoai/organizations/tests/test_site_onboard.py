"""The installation administrator's pages: one agency onboarded from a page, many from a sheet
(the people import's job: progress bar and per-row report)."""

import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from doithoai.audit.models import AuditEvent, Verb
from doithoai.core.errors import ValidationFailed
from doithoai.organizations import actions
from doithoai.organizations.access import roles
from doithoai.organizations.agency_sheet import COLUMNS
from doithoai.organizations.models import Agency, Role, Unit
from doithoai.testing import factories as f

HEADER = [header for _f, header, _r, _e in COLUMNS]
SITE_URLS = ["site_agencies", "site_onboard", "site_import", "site_import_template"]


@pytest.fixture
def root(db):
    f.AgencyFactory(code="UBNDTQ", name="UBND tỉnh Tuyên Quang")
    return f.UserFactory(username="root", is_superuser=True, is_staff=True)


def _xlsx(rows, header=HEADER) -> SimpleUploadedFile:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return SimpleUploadedFile("co-quan.xlsx", out.getvalue())


def _row(code, parent="UBNDTQ", *, admin=None, email="", units="VP=Văn phòng"):
    return [
        code,
        f"Cơ quan {code}",
        "Tuyên Quang",
        parent,
        "UBND TỈNH TUYÊN QUANG",
        "",
        f"Quản trị {code}",
        f"quantri.{code.lower()}" if admin is None else admin,
        email,
        units,
    ]


def _run(client, rows):
    """Upload a sheet and step through it; return the job page's first and last contexts."""
    response = client.post(reverse("organizations:site_import"), {"sheet": _xlsx(rows)})
    assert response.status_code == 302, response.content
    job_url = response["Location"]
    first = client.get(job_url)
    while True:
        partial = client.post(job_url + "tiep/", HTTP_HX_REQUEST="true")
        if partial.context["finished"]:
            return first, partial


def test_only_a_superuser_opens_the_installation_pages(client, cast, root):
    for name in SITE_URLS:
        client.force_login(cast.admin)
        assert client.get(reverse(f"organizations:{name}")).status_code == 403, name
        client.force_login(root)
        assert client.get(reverse(f"organizations:{name}")).status_code == 200, name


def test_an_agency_admin_cannot_onboard_nor_import(client, cast, root):
    client.force_login(cast.admin)
    before = f.db_state()
    data = {
        "code": "SNV",
        "name": "Sở",
        "locality": "TQ",
        "admin_full_name": "A",
        "admin_username": "a",
    }
    assert client.post(reverse("organizations:site_onboard"), data).status_code == 403
    sheet = _xlsx([_row("SNV")])
    assert client.post(reverse("organizations:site_import"), {"sheet": sheet}).status_code == 403
    assert f.db_state() == before
    with pytest.raises(Exception) as refused:
        actions.onboard_agency(
            code="SNV", name="Sở", locality="TQ", admin_username="a", admin_full_name="A",
            by=cast.admin,
        )  # fmt: skip
    assert getattr(refused.value, "code", "") == "forbidden"


def test_the_onboard_page_creates_agency_admin_and_units_audited(client, root):
    client.force_login(root)
    parent = Agency.objects.get(code="UBNDTQ")
    data = {
        "code": "snv",
        "name": "Sở Nội vụ tỉnh Tuyên Quang",
        "locality": "Tuyên Quang",
        "parent": parent.pk,
        "parent_body_name": "UBND TỈNH TUYÊN QUANG",
        "admin_full_name": "Nguyễn Văn An",
        "admin_username": "quantri.snv",
        "admin_email": "an@snv.example.vn",
        "units": "VP=Văn phòng Sở\nCCVC=Phòng Công chức, viên chức",
    }
    response = client.post(reverse("organizations:site_onboard"), data)
    assert response.status_code == 302
    agency = Agency.objects.get(code="SNV")
    assert agency.parent == parent
    assert set(Unit.objects.filter(agency=agency).values_list("code", flat=True)) == {"VP", "CCVC"}
    admin = agency.memberships.get().user
    assert roles(admin, agency) == {Role.ADMIN} and admin.email == "an@snv.example.vn"
    verbs = list(AuditEvent.objects.filter(agency=agency).values_list("verb", flat=True))
    assert verbs.count(Verb.UNIT_CREATED) == 2 and Verb.MEMBER_ADDED in verbs
    created = AuditEvent.objects.get(verb=Verb.AGENCY_CREATED, actor=root)
    assert created.after["code"] == "SNV"


def test_the_onboard_page_refuses_bad_input_and_creates_nothing(client, root):
    client.force_login(root)
    base = {
        "code": "SNV",
        "name": "Sở Nội vụ",
        "locality": "Tuyên Quang",
        "admin_full_name": "Nguyễn Văn An",
        "admin_username": "quantri.snv",
    }
    before = f.db_state()
    cases = [
        ({"code": "UBNDTQ"}, "code", "đã được dùng"),
        ({"admin_email": "khong-phai-email"}, "admin_email", ""),
        ({"units": "VP=Văn phòng\nVP=Trùng"}, "units", "lặp lại"),
        ({"units": "Văn phòng không ký hiệu"}, "units", "KÝ_HIỆU=Tên"),
    ]
    for change, field, text in cases:
        response = client.post(reverse("organizations:site_onboard"), base | change)
        assert response.status_code == 400, change
        assert text in response.context["form"].errors[field][0], change
    assert f.db_state() == before


def test_the_action_refuses_a_bad_email_and_a_merged_parent(root):
    common = {"code": "SNV", "name": "Sở", "locality": "TQ", "admin_username": "a"}
    with pytest.raises(ValidationFailed) as bad:
        actions.onboard_agency(**common, admin_full_name="A", admin_email="a@", by=root)
    assert bad.value.field == "admin_email" and "không hợp lệ" in str(bad.value.message)
    ended = f.AgencyFactory(code="CU")
    successor = Agency.objects.get(code="UBNDTQ")
    Agency.objects.filter(pk=ended.pk).update(ended_on="2025-07-01", successor=successor)
    ended.refresh_from_db()
    with pytest.raises(ValidationFailed) as merged:
        actions.onboard_agency(**common, admin_full_name="A", parent=ended, by=root)
    assert merged.value.field == "parent"
    assert not Agency.objects.filter(code="SNV").exists()


def test_a_sheet_creates_its_agencies_in_order_with_progress(client, root):
    client.force_login(root)
    rows = [_row("UBNDHG2", parent="")] + [_row(f"SO{i}", parent="UBNDHG2") for i in range(12)]
    first, last = _run(client, rows)
    assert first.context["done"] == 0 and first.context["total"] == 13
    assert '<progress id="bar" max="13" value="0">' in first.content.decode()
    assert last.context["percent"] == 100 and last.context["created"] == 13
    assert last.context["errors"] == []
    top = Agency.objects.get(code="UBNDHG2")
    assert Agency.objects.filter(parent=top).count() == 12
    assert Unit.objects.filter(agency__parent=top, code="VP").count() == 12
    assert AuditEvent.objects.filter(verb=Verb.AGENCY_CREATED, actor=root).count() == 13


def test_bad_rows_are_reported_in_vietnamese_and_good_rows_kept(client, root):
    client.force_login(root)
    rows = [
        _row("SNV"),
        _row("SYT", parent="KHONGCO"),
        _row("UBNDTQ"),
        _row("STC", email="sai-email"),
        _row("SGD", units="Phòng không có ký hiệu"),
        _row("SNN", admin=""),
        _row("SXD"),
    ]
    _first, last = _run(client, rows)
    errors = {e["row"]: (e["column"], e["message"]) for e in last.context["errors"]}
    assert set(errors) == {3, 4, 5, 6, 7}
    assert errors[3][0] == "ký hiệu cơ quan cấp trên" and "KHONGCO" in errors[3][1]
    assert errors[4][0] == "ký hiệu cơ quan" and "đã được dùng" in errors[4][1]
    assert errors[5][0] == "email quản trị" and "không hợp lệ" in errors[5][1]
    assert errors[6][0] == "đơn vị"
    assert errors[7][0] == "tên đăng nhập quản trị"
    assert last.context["created"] == 2
    assert set(Agency.objects.filter(parent__code="UBNDTQ").values_list("code", flat=True)) == {
        "SNV",
        "SXD",
    }
    assert "Không có cơ quan cấp trên ký hiệu KHONGCO" in last.content.decode()


def test_sending_the_same_sheet_again_duplicates_nothing(client, root):
    client.force_login(root)
    rows = [_row("SNV"), _row("SYT")]
    _run(client, rows)
    before = f.db_state()
    _first, again = _run(client, rows)
    assert again.context["created"] == 0
    assert [e["row"] for e in again.context["errors"]] == [2, 3]
    assert all("đã được dùng" in e["message"] for e in again.context["errors"])
    assert f.db_state() == before


def test_the_template_has_vietnamese_headers_and_its_example_imports(client, root):
    client.force_login(root)
    response = client.get(reverse("organizations:site_import_template"))
    assert response["Content-Disposition"].endswith('mau-nhap-co-quan.xlsx"')
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    header, example = list(book.active.iter_rows(values_only=True))
    assert header[:3] == ("Ký hiệu cơ quan", "Tên cơ quan", "Địa danh")
    upload = SimpleUploadedFile("mau.xlsx", response.content)
    response = client.post(reverse("organizations:site_import"), {"sheet": upload})
    client.post(response["Location"] + "tiep/")
    snv = Agency.objects.get(code=example[0])
    assert snv.parent.code == "UBNDTQ" and Unit.objects.filter(agency=snv).count() == 2


def test_a_sheet_without_the_required_columns_is_refused(client, root):
    client.force_login(root)
    sheet = _xlsx([["SNV", "Sở"]], header=["Ký hiệu cơ quan", "Tên cơ quan"])
    response = client.post(reverse("organizations:site_import"), {"sheet": sheet})
    assert response.status_code == 400
    assert "Thiếu cột: địa danh" in response.context["form"].errors["sheet"][0]


def test_an_agency_import_job_is_not_another_sessions(client, root):
    client.force_login(root)
    response = client.post(reverse("organizations:site_import"), {"sheet": _xlsx([_row("SNV")])})
    client.logout()
    client.force_login(root)
    assert client.get(response["Location"]).status_code == 404
