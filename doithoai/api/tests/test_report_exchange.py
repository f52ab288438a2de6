"""The report exchange through the API: the province reads, returns and accepts a report."""

import datetime

import pytest

from doithoai.conferences import actions as conf
from doithoai.organizations.models import Role
from doithoai.reports.actions import latest_submission, submit_report
from doithoai.testing import factories as f


@pytest.fixture
def sent(cast, time_machine):
    f.freeze(time_machine, f.aware(2018, 1, 3, 9))
    province = f.AgencyFactory(code="UBNDHG", name="UBND tỉnh Hà Giang")
    cast.agency.parent = province
    cast.agency.save(update_fields=["parent"])
    plan = conf.create_plan(agency=cast.agency, year=2018, by=cast.secretariat)
    conf.issue_plan(plan=plan, issued_on=datetime.date(2018, 1, 3), by=cast.secretariat)
    f.freeze(time_machine, f.aware(2018, 6, 22, 9))
    submit_report(agency=cast.agency, year=2018, half=1, by=cast.secretariat)
    return {
        "submission": latest_submission(cast.agency, 2018, 1),
        "supervisor": f.member(province, Role.SUPERVISOR, username="tinh"),
    }


def _url(submission, action=""):
    return f"/api/v1/reports/submissions/{submission.pk}" + (f"/{action}" if action else "")


def test_the_province_returns_then_accepts_through_the_api(client, cast, sent, time_machine):
    first = sent["submission"]
    client.force_login(sent["supervisor"])
    body = client.get(_url(first)).json()
    assert (body["version"], body["status"], body["half"]) == (1, "submitted", 1)
    response = client.post(
        _url(first, "return"), {"reason": "Thiếu số liệu."}, content_type="application/json"
    )
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "returned"
    again = client.post(
        _url(first, "return"), {"reason": "Lần nữa."}, content_type="application/json"
    )
    assert again.status_code == 409 and again.json()["code"] == "invalid_transition"
    submit_report(agency=cast.agency, year=2018, half=1, by=cast.secretariat)
    second = latest_submission(cast.agency, 2018, 1)
    accepted = client.post(_url(second, "accept"), content_type="application/json")
    assert accepted.status_code == 200 and accepted.json()["status"] == "accepted"


def test_the_agency_reads_but_may_not_review_and_outsiders_see_nothing(client, cast, sent):
    submission = sent["submission"]
    client.force_login(cast.secretariat)
    assert client.get(_url(submission)).status_code == 200
    refused = client.post(_url(submission, "accept"), content_type="application/json")
    assert refused.status_code == 403
    client.force_login(f.member(f.AgencyFactory(), Role.HEAD))
    assert client.get(_url(submission)).status_code == 404
    assert (
        client.post(_url(submission, "accept"), content_type="application/json").status_code == 404
    )
