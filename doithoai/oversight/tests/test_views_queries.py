"""Every list page of the workspace, follow-up, oversight and admin runs a fixed number of
queries whatever the number of rows (counted at 5 and again at 50)."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from doithoai.conferences.actions import create_plan
from doithoai.followups.actions import report_resolution
from doithoai.organizations.models import Role
from doithoai.oversight.actions import record_observation
from doithoai.testing import factories as f
from doithoai.testing.factories import member

MAX_QUERIES = 12  # measured 7-10 at both 5 and 50 rows


def _fill(cast, rows, start=0):
    for i in range(start, start + rows):
        create_plan(agency=cast.agency, year=2018 + i, by=cast.head)
        f.UnitFactory(agency=cast.agency)
        f.ad_hoc_conference(cast, title=f"Hội nghị {i}", starts_at=f.aware(2018, 7, 1 + i % 28))
        _p, assignment = f.assigned(cast, title=f"Kiến nghị {i}")
        if i % 2:
            report_resolution(assignment=assignment, text="Đã xử lý.", by=cast.leader)
        record_observation(
            agency=cast.agency, kind="recommendation", text=f"Ý kiến {i}", by=cast.inspector
        )
        member(cast.agency, Role.STAFF, unit=cast.unit)


PAGES = [
    ("head", "conferences:list", ""),
    ("head", "conferences:plans", ""),
    ("leader", "followups:unit", ""),
    ("head", "followups:decisions", "?status="),
    ("inspector", "oversight:petitions", "?q=kien+nghi"),
    ("inspector", "oversight:conferences", ""),
    ("inspector", "oversight:assignments", ""),
    ("inspector", "oversight:observations", ""),
    ("head", "oversight:observations", ""),
    ("admin", "organizations:members", ""),
    ("admin", "organizations:units", ""),
]


def _queries(client, cast, role, name, query) -> int:
    client.force_login(getattr(cast, role))
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse(name) + query)
    assert response.status_code == 200, name
    assert len(response.context["page_obj"].object_list) >= 5, name
    return len(captured)


def test_list_pages_run_a_fixed_number_of_queries(client, cast, seed_day):
    """Count each page's queries at 5 rows, add 45 more rows, count again: the same."""
    _fill(cast, 5)
    at_five = {page: _queries(client, cast, *page) for page in PAGES}
    _fill(cast, 45, start=5)
    at_fifty = {page: _queries(client, cast, *page) for page in PAGES}
    assert max(at_fifty.values()) <= MAX_QUERIES, at_fifty
    grown = {page[1]: (at_five[page], n) for page, n in at_fifty.items() if n > at_five[page]}
    assert grown == {}, f"queries grow with rows: {grown}"
