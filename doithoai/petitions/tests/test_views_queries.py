"""Every list page runs a fixed number of queries whatever the number of rows."""

import pytest
from django.urls import reverse

from doithoai.followups.actions import answer_petition, assign_petition, publish_answer
from doithoai.testing import factories as f

MAX_QUERIES = 16  # a query per row would add 20 at the larger size: over the cap


def _petitions(cast, n):
    for i in range(n):
        f.submitted(cast, title=f"Kiến nghị số {i} về chế độ cán bộ")


@pytest.mark.parametrize("rows", [5, 20])
def test_my_petitions(client, cast, seed_day, django_assert_max_num_queries, rows):
    _petitions(cast, rows)
    client.force_login(cast.staff)
    with django_assert_max_num_queries(MAX_QUERIES):
        response = client.get(reverse("petitions:mine"))
    assert response.status_code == 200


@pytest.mark.parametrize("rows", [5, 20])
def test_inbox(client, cast, seed_day, django_assert_max_num_queries, rows):
    _petitions(cast, rows)
    client.force_login(cast.secretariat)
    with django_assert_max_num_queries(MAX_QUERIES):
        response = client.get(reverse("petitions:inbox") + "?q=can+bo")
    assert response.status_code == 200
    assert response.context["page_obj"].paginator.count == rows


@pytest.mark.parametrize("rows", [5, 20])
def test_published_and_publish(client, cast, seed_day, django_assert_max_num_queries, rows):
    for i in range(rows):
        answer = answer_petition(
            petition=f.received(cast, title=f"Kiến nghị {i}"), text="Trả lời.", by=cast.head
        )
        if i % 2:
            publish_answer(answer=answer, by=cast.secretariat)
    client.force_login(cast.secretariat)
    for name in ("followups:published", "followups:publish"):
        with django_assert_max_num_queries(MAX_QUERIES):
            assert client.get(reverse(name)).status_code == 200


@pytest.mark.parametrize("rows", [5, 20])
def test_followup(client, cast, seed_day, django_assert_max_num_queries, rows):
    for i in range(rows):
        assign_petition(
            petition=f.received(cast, title=f"Kiến nghị {i}"), unit=cast.unit, by=cast.head
        )
    client.force_login(cast.secretariat)
    with django_assert_max_num_queries(MAX_QUERIES):
        response = client.get(reverse("followups:followup"))
    assert response.status_code == 200


@pytest.mark.parametrize("rows", [5, 20])
def test_compilation(client, cast, seed_day, django_assert_max_num_queries, rows):
    conference = f.ad_hoc_conference(cast)
    for i in range(rows):
        f.scheduled(cast, conference, title=f"Kiến nghị {i}")
    client.force_login(cast.secretariat)
    with django_assert_max_num_queries(MAX_QUERIES):
        assert (
            client.get(reverse("conferences:compilation", args=[conference.pk])).status_code == 200
        )
    with django_assert_max_num_queries(MAX_QUERIES):
        assert client.get(reverse("conferences:compilations")).status_code == 200


def test_inbox_counts_only_up_to_the_cap(client, cast, seed_day, monkeypatch):
    from doithoai.core import pages

    monkeypatch.setattr(pages, "COUNT_CAP", 3)
    _petitions(cast, 30)
    client.force_login(cast.secretariat)
    response = client.get(reverse("petitions:inbox") + "?q=can+bo")
    paginator = response.context["page_obj"].paginator
    # One page of 25 is counted at least; past the cap the page says "more than".
    assert paginator.capped and "Hơn 25 kiến nghị" in response.content.decode()
    assert response.context["page_obj"].has_next()
    response = client.get(reverse("petitions:inbox") + "?q=can+bo&page=2")
    assert not response.context["page_obj"].paginator.capped
    assert response.context["page_obj"].paginator.count == 30


def _queries(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_detail_and_manage_pages_do_not_grow_with_the_timeline(client, cast, seed_day):
    from doithoai.organizations.models import Role
    from doithoai.petitions.actions import support_petition

    petition = f.received(cast, title="Kiến nghị có nhiều người ủng hộ")
    pages = {
        cast.staff: reverse("petitions:detail", args=[petition.pk]),
        cast.secretariat: reverse("petitions:manage", args=[petition.pk]),
    }
    before = {}
    for user, url in pages.items():
        client.force_login(user)
        client.get(url)  # warm the shared membership cache
        before[user] = _queries(client, url)
    for n in range(6):  # six more events on the timeline, each by another person
        supporter = f.member(cast.agency, Role.STAFF, unit=cast.unit, username=f"ung-ho-{n}")
        support_petition(petition=petition, by=supporter)
    for user, url in pages.items():
        client.force_login(user)
        client.get(url)
        assert _queries(client, url) == before[user] <= MAX_QUERIES


@pytest.mark.parametrize("role", ["head", "secretariat"])
def test_home_and_board_pages_do_not_grow_with_rows(client, cast, seed_day, role):
    from doithoai.conferences import actions as conf
    from doithoai.testing.factories import aware

    user = getattr(cast, role)
    client.force_login(user)

    def more(first_day):
        for day in range(first_day, first_day + 3):
            conf.plan_conference(
                agency=cast.agency,
                kind="ad_hoc",
                title=f"Hội nghị {day}",
                starts_at=aware(2018, 7, day, 8),
                by=cast.secretariat,
            )
            f.received(cast, title=f"Kiến nghị thêm {day}")

    urls = ("/", "/thoi-han/")
    more(10)
    for url in urls:
        client.get(url)  # warm the calendar and the membership cache
    few = {url: _queries(client, url) for url in urls}
    more(20)
    many = {url: _queries(client, url) for url in urls}
    assert many == few and max(many.values()) <= MAX_QUERIES
