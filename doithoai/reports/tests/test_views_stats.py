"""The statistics pages read stored summaries: right numbers, who may see them, few queries."""

import pytest

from doithoai.organizations.models import Agency
from doithoai.petitions import actions as pet
from doithoai.testing.factories import aware

from .world import build_year, fixed_deadlines


@pytest.fixture
def world(cast, time_machine, monkeypatch):
    fixed_deadlines(monkeypatch)
    built = build_year(cast, time_machine)
    time_machine.move_to(aware(2018, 8, 1, 9), tick=False)
    return built


def test_head_sees_the_dashboard_with_the_years_numbers(client, cast, world):
    client.force_login(cast.head)
    response = client.get(f"/thong-ke/{cast.agency.code}/?year=2018")
    assert response.status_code == 200
    assert response.context["summary"]["figures"]["petitions_received"] == 5
    assert response.context["charts"]["conferences"]["rows"] == [
        {"year": 2018, "planned": 2, "scheduled": 2, "held": 1}
    ]


def test_staff_may_not_see_the_dashboard(client, cast, world):
    client.force_login(cast.staff)
    assert client.get(f"/thong-ke/{cast.agency.code}/?year=2018").status_code == 403


def test_dashboard_queries_do_not_grow_with_rows(
    client, cast, world, django_assert_max_num_queries
):
    client.force_login(cast.head)
    url = f"/thong-ke/{cast.agency.code}/?year=2018"
    client.get(url)  # stores the summary
    with django_assert_max_num_queries(12):
        assert client.get(url).status_code == 200
    for n in range(5):
        pet.submit_petition(agency=cast.agency, title=f"Thêm {n}", content="N.", by=cast.staff)
    client.get(url)  # recomputes the stale summary once
    with django_assert_max_num_queries(12):
        response = client.get(url)
    assert response.context["summary"]["figures"]["petitions_received"] == 10


def test_rollup_and_tables_export_read_the_stored_summaries(
    client, cast, world, django_assert_max_num_queries
):
    province = Agency.objects.create(name="UBND tỉnh", code="UBNDT", locality="Hà Giang")
    for n in range(3):
        Agency.objects.create(name=f"Sở {n}", code=f"SO{n}", locality="HG", parent=province)
    Agency.objects.filter(pk=cast.agency.pk).update(parent=province)
    cast.head.is_superuser = True
    cast.head.save(update_fields=["is_superuser"])
    client.force_login(cast.head)
    url = "/thong-ke/UBNDT/tong-hop/?year=2018"
    assert client.get(url).context["summary"]["figures"]["petitions_received"] == 5
    with django_assert_max_num_queries(12):
        assert client.get(url).status_code == 200
    with django_assert_max_num_queries(12):
        response = client.get("/thong-ke/UBNDT/so-lieu.xlsx?year=2018")
    assert response.status_code == 200 and response.content[:2] == b"PK"


def test_secretariat_of_a_child_may_not_open_the_rollup_of_others(client, cast, world):
    province = Agency.objects.create(name="UBND tỉnh", code="UBNDT", locality="Hà Giang")
    Agency.objects.create(name="Sở khác", code="SOK", locality="HG", parent=province)
    client.force_login(cast.staff)
    assert client.get("/thong-ke/UBNDT/tong-hop/?year=2018").status_code in (403, 404)


def test_rollup_page_lists_agencies_not_every_unit(client, cast, world):
    province = Agency.objects.create(name="UBND tỉnh", code="UBNDT", locality="Hà Giang")
    Agency.objects.create(name="Sở khác", code="SOK", locality="HG", parent=province)
    Agency.objects.filter(pk=cast.agency.pk).update(parent=province)
    cast.head.is_superuser = True
    cast.head.save(update_fields=["is_superuser"])
    client.force_login(cast.head)
    summary = client.get("/thong-ke/UBNDT/tong-hop/?year=2018").context["summary"]
    rows = {u["code"]: u for u in summary["units"]}
    assert set(rows) == {cast.agency.code}  # the agency with assignments, its units summed
    assert (rows[cast.agency.code]["assigned"], rows[cast.agency.code]["on_time_rate"]) == (2, 0.5)
    received = {r["code"]: r["count"] for r in summary["petitions"]["by_unit"]}
    assert received == {cast.agency.code: 5, "SOK": 0}
