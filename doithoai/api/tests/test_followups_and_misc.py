"""Assignments, deadlines, working days, the report summary and audit verification."""

import datetime

import pytest

from doithoai.followups.actions import assign_petition

from .conftest import received


def _assigned(cast, unit=None):
    petition = received(cast)
    return assign_petition(petition=petition, unit=unit or cast.unit, by=cast.head)


def test_assignments_list_by_unit(api, cast):
    mine, other = _assigned(cast), _assigned(cast, cast.other_unit)
    rows = api.get(cast.leader, "/assignments/").json()["results"]
    assert [r["id"] for r in rows] == [mine.pk]
    rows = api.get(cast.secretariat, "/assignments/", {"unit": cast.other_unit.pk}).json()
    assert [r["id"] for r in rows["results"]] == [other.pk]
    assert api.get(cast.staff, "/assignments/").json()["count"] == 0


def test_assignments_overdue_filter(api, cast):
    from doithoai.followups.models import Assignment

    late = _assigned(cast)
    Assignment.objects.filter(pk=late.pk).update(due_date=datetime.date(2020, 1, 2))
    _assigned(cast, cast.other_unit)
    rows = api.get(cast.head, "/assignments/", {"overdue": "true"}).json()["results"]
    assert [(r["id"], r["overdue"]) for r in rows] == [(late.pk, True)]


def test_report_by_the_assigned_unit_leader(api, cast):
    assignment = _assigned(cast)
    body = {"text": "Đã xử lý xong"}
    assert api.post(cast.head, f"/assignments/{assignment.pk}/report", body).status_code == 403
    assert (
        api.post(cast.other_leader, f"/assignments/{assignment.pk}/report", body).status_code == 404
    )
    response = api.post(cast.leader, f"/assignments/{assignment.pk}/report", body)
    assert response.status_code == 200 and response.json()["status"] == "reported"


def test_deadlines_overdue_first(api, cast):
    pytest.importorskip("doithoai.deadlines.models")
    response = api.get(cast.head, "/deadlines/")
    assert response.status_code == 200
    dues = [row["due_date"] for row in response.json()["results"]]
    assert dues == sorted(dues)
    assert api.get(cast.staff, "/deadlines/").json()["count"] == 0
    assert api.get(None, "/deadlines/").status_code == 401


def test_workdays(api, cast):
    # Monday 5 March 2018 + 5 working days = Monday 12 March 2018.
    response = api.get(cast.staff, "/workdays/add", {"start": "2018-03-05", "days": 5})
    assert response.json() == {"start": "2018-03-05", "days": 5, "date": "2018-03-12"}
    between = api.get(cast.staff, "/workdays/between", {"start": "2018-03-05", "end": "2018-03-12"})
    assert between.json() == {"working_days": 5}
    assert api.get(None, "/workdays/add", {"start": "2018-03-05", "days": 5}).status_code == 401
    bad = api.get(cast.staff, "/workdays/add", {"start": "not-a-date", "days": 5})
    assert bad.status_code == 400 and bad.json()["field"] == "start"


def test_report_summary(api, cast):
    received(cast)
    year = datetime.date.today().year
    response = api.get(cast.secretariat, "/reports/summary", {"year": year})
    assert response.status_code == 200
    assert response.json()["figures"]["petitions_received"] == 1
    half = api.get(cast.secretariat, "/reports/summary", {"year": year, "half": 1}).json()
    assert half["period_end"] == f"{year}-06-30"
    assert api.get(cast.staff, "/reports/summary", {"year": year}).status_code == 403


def test_audit_verify_for_the_inspection_board(api, cast):
    received(cast)
    response = api.get(cast.inspector, "/audit/verify")
    assert response.status_code == 200 and response.json()["ok"] is True
    assert response.json()["chains"][0]["events"] >= 2
    assert api.get(cast.staff, "/audit/verify").status_code == 403


def test_assignments_page_by_cursor_with_and_without_due_dates(api, cast):
    """Assignments without a due date (clock not started) sort last on every database."""
    from doithoai.followups.models import Assignment

    made = [_assigned(cast) for _ in range(5)]
    Assignment.objects.filter(pk__in=[made[1].pk, made[3].pk]).update(due_date=None)
    Assignment.objects.filter(pk=made[4].pk).update(due_date=datetime.date(2026, 1, 5))
    first = api.get(cast.head, "/assignments/", {"page_size": 2}).json()
    seen, page = [r["id"] for r in first["results"]], first
    while page["next"]:
        page = api.get(cast.head, "/assignments/", {"page_size": 2, "cursor": page["next"]})
        assert page.status_code == 200, page.json()
        page = page.json()
        seen += [r["id"] for r in page["results"]]
    by_number = [
        r["id"]
        for n in (1, 2, 3)
        for r in api.get(cast.head, "/assignments/", {"page_size": 2, "page": n}).json()["results"]
    ]
    assert seen == by_number and len(seen) == 5
    assert seen[0] == made[4].pk and set(seen[-2:]) == {made[1].pk, made[3].pk}


def test_a_cursor_page_does_not_count_the_whole_list(api, cast):
    for _ in range(3):
        _assigned(cast)
    first = api.get(cast.head, "/assignments/", {"page_size": 1}).json()
    assert first["count"] == 3 and first["pages"] == 3
    second = api.get(cast.head, "/assignments/", {"page_size": 1, "cursor": first["next"]}).json()
    assert second["count"] is None and second["pages"] is None and second["page"] is None
    assert len(second["results"]) == 1
