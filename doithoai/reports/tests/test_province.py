"""The province office's table: every agency below it, none beside; agencies see no siblings."""

import datetime
import io

import openpyxl
import pytest
from django.urls import reverse

from doithoai.conferences import actions as conf
from doithoai.organizations.models import Role
from doithoai.reports.actions import submit_report
from doithoai.testing import factories as f


@pytest.fixture
def tree(cast, time_machine):
    """UBND tỉnh Hà Giang above the cast's office, a department and a district body under it;
    another province beside it."""
    f.freeze(time_machine, f.aware(2018, 1, 3, 9))
    province = f.AgencyFactory(code="UBNDHG", name="UBND tỉnh Hà Giang")
    cast.agency.parent = province
    cast.agency.save(update_fields=["parent"])
    home_affairs = f.AgencyFactory(code="SNV", name="Sở Nội vụ tỉnh Hà Giang", parent=province)
    district = f.AgencyFactory(code="UBNDVX", name="UBND huyện Vị Xuyên", parent=home_affairs)
    other = f.AgencyFactory(code="UBNDTQ", name="UBND tỉnh Tuyên Quang")
    beside = f.AgencyFactory(code="SNVTQ", name="Sở Nội vụ tỉnh Tuyên Quang", parent=other)
    supervisor = f.member(province, Role.SUPERVISOR, username="tinh")
    plan = conf.create_plan(agency=cast.agency, year=2018, by=cast.secretariat)
    conf.issue_plan(plan=plan, issued_on=datetime.date(2018, 1, 3), by=cast.secretariat)
    return {
        "province": province,
        "below": [cast.agency, home_affairs, district],
        "beside": [other, beside],
        "supervisor": supervisor,
        "home_affairs_head": f.member(home_affairs, Role.HEAD),
    }


def _page(client, user, code, **query):
    client.force_login(user)
    return client.get(reverse("reports:province", args=[code]), query)


def _codes(response) -> set[str]:
    return {a.code for row, _links in response.context["lines"] for a in [row.agency]}


def test_province_user_sees_every_agency_below_and_none_beside(client, cast, tree):
    response = _page(client, tree["supervisor"], "UBNDHG", year=2018)
    assert response.status_code == 200
    assert _codes(response) == {a.code for a in tree["below"]}
    for agency in tree["below"]:
        dashboard = client.get(reverse("reports:dashboard", args=[agency.code]))
        assert dashboard.status_code == 200, agency.code
    for agency in tree["beside"]:
        assert client.get(reverse("reports:dashboard", args=[agency.code])).status_code == 403
    assert _page(client, tree["supervisor"], "UBNDTQ").status_code == 403


def test_the_menu_leads_the_province_user_to_the_table(client, cast, tree):
    client.force_login(tree["supervisor"])
    response = client.get(reverse("reports:province_index"))
    assert response.status_code == 302
    assert response["Location"] == reverse("reports:province", args=["UBNDHG"])
    client.force_login(cast.head)
    assert client.get(reverse("reports:province_index")).status_code == 403


def test_an_agency_sees_neither_the_province_table_nor_its_siblings(client, cast, tree):
    for user in (cast.head, cast.secretariat, tree["home_affairs_head"]):
        assert _page(client, user, "UBNDHG").status_code == 403
    client.force_login(cast.head)
    assert client.get(reverse("reports:dashboard", args=["SNV"])).status_code == 403
    client.force_login(tree["home_affairs_head"])
    assert client.get(reverse("reports:dashboard", args=["VPUBND"])).status_code == 403
    assert client.get(reverse("reports:dashboard", args=["SNV"])).status_code == 200


def _row(response, code):
    return next(row for row, _links in response.context["lines"] if row.agency.code == code)


def test_report_states_filter_and_one_click_to_the_report(client, cast, tree, time_machine):
    f.freeze(time_machine, f.aware(2018, 6, 27, 9))
    row = _row(_page(client, tree["supervisor"], "UBNDHG", year=2018), "VPUBND")
    assert row.half_year["state"] == "missing"
    assert row.plan_issued_on == datetime.date(2018, 1, 3)
    assert (
        _row(_page(client, tree["supervisor"], "UBNDHG", year=2018), "SNV").half_year["state"]
        == "none"
    )
    missing = _page(client, tree["supervisor"], "UBNDHG", year=2018, state="missing")
    assert _codes(missing) == {"VPUBND"}
    submit_report(agency=cast.agency, year=2018, half=1, by=cast.secretariat)
    response = _page(client, tree["supervisor"], "UBNDHG", year=2018)
    row = _row(response, "VPUBND")
    assert row.half_year["state"] == "late" and row.half_year["done"] == datetime.date(2018, 6, 27)
    assert row.annual["state"] == "due"
    link = reverse(
        "documents:report_half", kwargs={"code": "VPUBND", "year": 2018, "half": 1, "fmt": "docx"}
    )
    from doithoai.reports.actions import latest_submission

    sent = reverse("reports:submission_docx", args=[latest_submission(cast.agency, 2018, 1).pk])
    assert sent in response.content.decode()  # the report as it was sent, one click away
    assert client.get(sent).status_code == 200
    assert client.get(link).status_code == 200  # and the live one, with today's figures
    client.force_login(tree["home_affairs_head"])
    assert client.get(link).status_code == 403
    assert client.get(sent).status_code == 404


def test_export_has_the_filtered_rows(client, cast, tree):
    client.force_login(tree["supervisor"])
    response = client.get(reverse("reports:province_xlsx", args=["UBNDHG"]), {"year": 2018})
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    names = [r[0] for r in sheet.iter_rows(min_row=4, values_only=True)]
    assert sorted(names) == sorted(a.name for a in tree["below"])
    client.force_login(cast.secretariat)
    forbidden = client.get(reverse("reports:province_xlsx", args=["UBNDHG"]))
    assert forbidden.status_code == 403


def test_the_province_page_receives_returns_and_accepts(client, cast, tree, time_machine):
    from doithoai.reports.actions import latest_submission

    f.freeze(time_machine, f.aware(2018, 6, 22, 9))
    submit_report(agency=cast.agency, year=2018, half=1, by=cast.secretariat)
    sent = latest_submission(cast.agency, 2018, 1)
    page = _page(client, tree["supervisor"], "UBNDHG", year=2018).content.decode()
    download = reverse("reports:submission_docx", args=[sent.pk])
    assert download in page and reverse("reports:submission_accept", args=[sent.pk]) in page
    frozen = client.get(download)
    assert frozen.status_code == 200 and frozen.content == bytes(sent.document)
    # Nobody beside may return it; the province returns it with the reason.
    client.force_login(tree["home_affairs_head"])
    refused = client.post(reverse("reports:submission_return", args=[sent.pk]), {"reason": "x"})
    assert refused.status_code == 404
    client.force_login(tree["supervisor"])
    client.post(reverse("reports:submission_return", args=[sent.pk]), {"reason": "Thiếu số liệu."})
    sent.refresh_from_db()
    assert (sent.status, sent.return_reason) == ("returned", "Thiếu số liệu.")
    submit_report(agency=cast.agency, year=2018, half=1, by=cast.secretariat)
    second = latest_submission(cast.agency, 2018, 1)
    client.post(reverse("reports:submission_accept", args=[second.pk]))
    second.refresh_from_db()
    assert second.status == "accepted"
    row = _row(_page(client, tree["supervisor"], "UBNDHG", year=2018), "VPUBND")
    assert row.half_year["sent"].pk == second.pk


def test_the_consolidated_report_sums_only_the_accepted_reports(client, cast, tree, time_machine):
    from doithoai.documents.tests.helpers import full_text, open_docx
    from doithoai.reports.actions import accept_report, latest_submission

    f.freeze(time_machine, f.aware(2018, 6, 22, 9))
    f.received(cast)
    f.received(cast, title="Kiến nghị thứ hai")
    submit_report(agency=cast.agency, year=2018, half=1, by=cast.secretariat, symbol="45/BC")
    snv = tree["below"][1]
    snv_sec = f.member(snv, Role.SECRETARIAT)
    plan = conf.create_plan(agency=snv, year=2018, by=snv_sec)
    conf.issue_plan(plan=plan, issued_on=datetime.date(2018, 1, 5), by=snv_sec)
    submit_report(agency=snv, year=2018, half=1, by=snv_sec, symbol="12/BC")  # not accepted
    url = reverse("documents:consolidated_half", args=["UBNDHG", 2018, 1, "docx"])
    client.force_login(tree["supervisor"])
    before = full_text(open_docx(client.get(url).content))
    assert "Chưa có báo cáo nào được tiếp nhận" in before
    accept_report(submission=latest_submission(cast.agency, 2018, 1), by=tree["supervisor"])
    f.received(cast, title="Kiến nghị sau khi tiếp nhận")  # live figures move on, not the report
    response = client.get(url)
    assert response.status_code == 200
    document = open_docx(response.content)
    text = full_text(document)
    assert "BÁO CÁO" in text and "Văn phòng UBND tỉnh Hà Giang" in text and "45/BC" in text
    assert "Sở Nội vụ" not in text and "12/BC" not in text
    table = document.tables[1] if len(document.tables) > 1 else document.tables[0]
    rows = [[c.text for c in r.cells] for r in table.rows]
    line = next(r for r in rows if r[1] == "Văn phòng UBND tỉnh Hà Giang")
    assert line[4] == "2"  # petitions received as sent (frozen), not the 3 of today
    client.force_login(cast.head)
    assert client.get(url).status_code == 403
