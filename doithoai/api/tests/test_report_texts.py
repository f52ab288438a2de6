"""`/reports/text`: the report's prose through the API, as on the report page."""

import datetime

import pytest


@pytest.fixture(autouse=True)
def _on_seed_day(seed_day):
    pass


def test_secretariat_writes_parts_and_reads_them_back(api, cast):
    body = {"year": 2018, "half": 1, "shortcomings": "Một số đơn vị trả lời chậm."}
    response = api.post(cast.secretariat, "/reports/text", body)
    assert response.status_code == 200, response.json()
    out = response.json()
    assert out["saved"]["shortcomings"] == "Một số đơn vị trả lời chậm."
    assert out["printed"]["shortcomings"] == "Một số đơn vị trả lời chậm."
    assert out["saved"]["assessment"] == "" and out["printed"]["assessment"]  # the draft
    assert out["frozen"] is False
    # A second write of another part keeps the first.
    api.post(cast.secretariat, "/reports/text", {"year": 2018, "half": 1, "causes": "Thiếu người."})
    read = api.get(cast.inspector, "/reports/text", {"year": 2018, "half": 1}).json()
    assert read["saved"]["shortcomings"] == "Một số đơn vị trả lời chậm."
    assert read["saved"]["causes"] == "Thiếu người."


def test_the_write_is_audited(api, cast):
    from doithoai.audit.models import AuditEvent, Verb

    api.post(cast.secretariat, "/reports/text", {"year": 2018, "assessment": "Đạt kế hoạch."})
    event = AuditEvent.objects.filter(verb=Verb.REPORT_TEXT_SAVED).get()
    assert event.actor_id == cast.secretariat.pk and event.after["assessment"] == "Đạt kế hoạch."


@pytest.mark.parametrize("who", ["staff", "head", "inspector", "leader"])
def test_only_the_secretariat_writes(api, cast, who):
    response = api.post(getattr(cast, who), "/reports/text", {"year": 2018, "causes": "x"})
    assert response.status_code == 403 and response.json()["code"] == "forbidden"


def test_staff_may_not_read(api, cast):
    assert api.get(cast.staff, "/reports/text", {"year": 2018}).status_code == 403


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"year": 2018, "half": 3, "causes": "x"}, "half"),
        ({"year": 99999, "causes": "x"}, "year"),
        ({"year": 2018, "summary": "x"}, "summary"),
        ({"year": 2018, "causes": "x" * 20001}, "causes"),
    ],
)
def test_bad_input_names_the_field(api, cast, body, field):
    response = api.post(cast.secretariat, "/reports/text", body)
    assert response.status_code == 400 and response.json()["field"] == field


def test_sent_report_is_frozen(api, cast):
    from doithoai.conferences.actions import create_plan, issue_plan

    plan = create_plan(agency=cast.agency, year=2018, by=cast.secretariat)
    issue_plan(plan=plan, issued_on=datetime.date(2018, 1, 3), number=9, by=cast.head)
    api.post(cast.secretariat, "/reports/text", {"year": 2018, "half": 1, "causes": "Trước."})
    sent = api.post(cast.secretariat, "/reports/sent", {"year": 2018, "half": 1, "symbol": "1/BC"})
    assert sent.status_code == 200, sent.json()
    late = api.post(cast.secretariat, "/reports/text", {"year": 2018, "half": 1, "causes": "Sau."})
    assert late.status_code == 409
    read = api.get(cast.head, "/reports/text", {"year": 2018, "half": 1}).json()
    assert read["frozen"] is True and read["saved"]["causes"] == "Trước."
