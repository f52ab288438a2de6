"""Every list page runs a fixed number of queries whatever the number of rows."""

import pytest
from django.urls import reverse

from doithoai.followups.actions import answer_petition, assign_petition, publish_answer
from doithoai.testing import factories as f

MAX_QUERIES = 16


def _petitions(cast, n):
    for i in range(n):
        f.submitted(cast, title=f"Kiến nghị số {i} về chế độ cán bộ")


@pytest.mark.parametrize("rows", [5, 50])
def test_my_petitions(client, cast, seed_day, django_assert_max_num_queries, rows):
    _petitions(cast, rows)
    client.force_login(cast.staff)
    with django_assert_max_num_queries(MAX_QUERIES):
        response = client.get(reverse("petitions:mine"))
    assert response.status_code == 200


@pytest.mark.parametrize("rows", [5, 50])
def test_inbox(client, cast, seed_day, django_assert_max_num_queries, rows):
    _petitions(cast, rows)
    client.force_login(cast.secretariat)
    with django_assert_max_num_queries(MAX_QUERIES):
        response = client.get(reverse("petitions:inbox") + "?q=can+bo")
    assert response.status_code == 200
    assert response.context["page_obj"].paginator.count == rows


@pytest.mark.parametrize("rows", [5, 50])
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


@pytest.mark.parametrize("rows", [5, 50])
def test_followup(client, cast, seed_day, django_assert_max_num_queries, rows):
    for i in range(rows):
        assign_petition(
            petition=f.received(cast, title=f"Kiến nghị {i}"), unit=cast.unit, by=cast.head
        )
    client.force_login(cast.secretariat)
    with django_assert_max_num_queries(MAX_QUERIES):
        response = client.get(reverse("followups:followup"))
    assert response.status_code == 200


@pytest.mark.parametrize("rows", [5, 50])
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
