"""Reads an integrator needs: topics, units, people, plans, minutes and documents, audit
trails, notifications, deadlines with their state, and the anonymous receipt lookup."""

import pytest

from doithoai.conferences import actions as conf
from doithoai.conferences.models import ConferenceStatus
from doithoai.petitions.models import Privacy
from doithoai.testing.factories import conference_in, reach, submitted

from .test_errors import _is_error

pytestmark = pytest.mark.usefixtures("seed_day")


def test_topics_and_units_of_ones_agency_only(api, cast):
    topics = api.get(cast.staff, "/topics/").json()
    assert {t["code"] for t in topics} >= {"che-do-tien-luong"}
    units = api.get(cast.staff, "/units/").json()
    assert {u["code"] for u in units} == {"HCTC", "TH", "KT"}
    assert api.get(cast.outsider, "/units/").json() == []
    assert api.get(None, "/topics/").status_code == 401


def test_people_show_roles_to_agency_wide_roles_only(api, cast):
    body = api.get(cast.secretariat, "/people/", {"page_size": 100}).json()
    head = next(p for p in body["results"] if p["username"] == "head")
    assert head["roles"] == ["head"]
    staff_view = api.get(cast.staff, "/people/", {"page_size": 100}).json()["results"]
    assert all("roles" not in p for p in staff_view) and len(staff_view) == body["count"]
    assert api.get(cast.outsider, "/people/").json()["count"] == 0
    units = api.get(cast.head, "/people/", {"unit": cast.unit.pk, "page_size": 100}).json()
    assert {p["username"] for p in units["results"]} >= {"leader", "staff", "staff2"}


def test_plans_create_issue_and_read(api, cast):
    created = api.post(cast.secretariat, "/plans/", {"year": 2019})
    assert created.status_code == 201, created.content
    plan_id = created.json()["id"]
    _is_error(api.post(cast.staff, "/plans/", {"year": 2020}), 403)
    _is_error(api.post(cast.secretariat, "/plans/", {"year": 2019}), 409)
    _is_error(api.post(cast.secretariat, "/plans/", {"year": 1800}), 400)
    issued = api.post(cast.head, f"/plans/{plan_id}/issue", {"issued_on": "2018-06-20"})
    assert issued.status_code == 200, issued.content
    assert issued.json()["symbol"].endswith("/KH-VPUBND")
    assert issued.json()["documents"]["docx"].endswith(".docx")
    assert api.get(cast.staff, f"/plans/{plan_id}").json()["year"] == 2019
    assert api.get(cast.outsider, f"/plans/{plan_id}").status_code == 404


def test_minutes_read_back_with_entries_and_links(api, cast):
    conference = conference_in(cast, ConferenceStatus.IN_PROGRESS)
    conf.record_statement(
        conference=conference, text="Đề nghị tăng phụ cấp.", speaker_name="Ông A", by=cast.head
    )
    minutes = api.get(cast.staff, f"/conferences/{conference.pk}/minutes").json()
    assert minutes["frozen"] is False
    assert [e["text"] for e in minutes["entries"]] == ["Đề nghị tăng phụ cấp."]
    assert api.get(cast.outsider, f"/conferences/{conference.pk}/minutes").status_code == 404
    detail = api.get(cast.secretariat, f"/conferences/{conference.pk}").json()
    assert detail["documents"]["invitation"]["pdf"].endswith(".pdf")


def test_trail_with_chain_status_and_masked_actor(api, cast):
    petition = reach(cast, "received")
    secret = submitted(cast, privacy=Privacy.CONFIDENTIAL)
    board = api.get(cast.inspector, f"/petitions/{petition.pk}/trail").json()
    assert [e["verb"] for e in board["events"]][:2] == ["petition.submitted", "petition.received"]
    assert board["chain"]["ok"] is True
    staff = api.get(cast.staff, f"/petitions/{petition.pk}/trail").json()
    assert staff["chain"] is None
    masked = api.get(cast.head, f"/petitions/{secret.pk}/trail").json()["events"][0]["actor"]
    assert cast.staff.get_full_name() not in masked
    assert api.get(cast.staff2, f"/petitions/{secret.pk}/trail").status_code == 404


def test_notifications_are_ones_own(api, cast):
    from doithoai.notifications.actions import notify

    notify(user=cast.staff, agency=cast.agency, text="Có việc mới", by=None)
    mine = api.get(cast.staff, "/notifications/").json()
    assert mine["count"] == 1
    assert api.get(cast.staff2, "/notifications/").json()["count"] == 0
    row = mine["results"][0]["id"]
    assert api.post(cast.staff2, f"/notifications/{row}/read").status_code == 404
    assert api.post(cast.staff, f"/notifications/{row}/read").json()["read_at"]
    assert api.get(cast.staff, "/notifications/", {"unread": "true"}).json()["count"] == 0


def test_deadlines_with_met_and_cancelled_by_filter(api, cast):
    conference = conference_in(cast, ConferenceStatus.COMPILED)  # compilation met
    open_rows = api.get(cast.head, "/deadlines/").json()["results"]
    assert all(r["status"] == "open" for r in open_rows)
    met = api.get(cast.head, "/deadlines/", {"status": "met"}).json()["results"]
    assert any(r["kind"] == "compilation" and r["conference_id"] == conference.pk for r in met)
    assert all(r["completed_on"] for r in met)
    _is_error(api.get(cast.head, "/deadlines/", {"status": "nonsense"}), 400)


def test_receipt_lookup_without_login_and_rate_limited_like_the_page(
    api, cast, client, time_machine
):
    from doithoai.petitions.actions import submit_petition
    from doithoai.petitions.receipts import FREE_FAILURES

    time_machine.move_to("2026-11-30 09:00:00+07:00", tick=False)
    petition = submit_petition(
        agency=cast.agency, title="Góp ý", content="Nội dung", by=cast.staff, privacy="anonymous"
    )
    found = api.post(None, "/receipts/lookup", {"code": petition.receipt_code.lower()})
    assert found.status_code == 200 and found.json()["code"] == petition.code
    assert "staff" not in str(found.json())
    for _ in range(FREE_FAILURES + 1):  # the free wrong codes, then one that costs a wait
        _is_error(api.post(None, "/receipts/lookup", {"code": "AN-0000"}), 400)
    _is_error(api.post(None, "/receipts/lookup", {"code": petition.receipt_code}), 429)
    # The page counts the same tries: this address waits there too.
    page = client.post("/tra-cuu/", {"code": petition.receipt_code})
    assert page.status_code == 429
