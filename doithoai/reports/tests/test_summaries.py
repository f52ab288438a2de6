"""Stored summaries give exactly the numbers of `stats.summary`, and stay fresh after writes."""

import datetime
import statistics

import pytest
from django.contrib.auth import get_user_model
from hypothesis import given
from hypothesis import strategies as st

from doithoai.organizations.models import Role
from doithoai.petitions import actions as pet
from doithoai.reports import stats, summaries
from doithoai.reports.models import ReportSummary
from doithoai.testing.factories import AgencyFactory, aware, member, topic

from .world import build_year, fixed_deadlines

AS_OF = datetime.date(2018, 8, 1)
COMMON = ["conferences", "petitions", "outcomes", "commitments", "units", "resolution"]


@pytest.fixture
def world(cast, time_machine, monkeypatch):
    fixed_deadlines(monkeypatch)
    built = build_year(cast, time_machine)
    time_machine.move_to(aware(2018, 8, 1, 9), tick=False)  # today is AS_OF
    return built


def _same(stored: dict, computed: dict) -> None:
    for key in COMMON + ["figures", "observations", "agency", "period_start", "as_of"]:
        assert stored[key] == computed[key], key


def test_stored_summary_has_the_numbers_of_the_hand_built_year(cast, world):
    stored = summaries.summary(cast.agency, 2018)
    _same(stored, stats.summary(cast.agency, 2018, as_of=AS_OF))
    assert stored["figures"]["petitions_received"] == 5
    assert stored["resolution"] == {"answered": 3, "median_days": 52, "max_days": 67}
    assert list(stored["petitions"]["by_group"]) == [
        "aspirations",
        "implementation",
        "public_opinion",
    ]
    assert stored["dashboard"]["by_year"] == stats.conferences_by_year(cast.agency)
    assert stored["dashboard"]["overdue_now"] == stats.overdue_now(cast.agency, as_of=AS_OF)
    for half in (1, 2):
        _same(
            summaries.summary(cast.agency, 2018, half),
            stats.summary(cast.agency, 2018, half, as_of=AS_OF),
        )


def test_a_second_read_uses_the_stored_row(cast, world, django_assert_max_num_queries):
    summaries.summary(cast.agency, 2018)
    with django_assert_max_num_queries(1):
        again = summaries.summary(cast.agency, 2018)
    assert again["figures"]["petitions_received"] == 5


def test_a_write_makes_the_stored_summary_stale_in_its_transaction(cast, world):
    assert summaries.summary(cast.agency, 2018)["figures"]["petitions_received"] == 5
    row = ReportSummary.objects.get(agency=cast.agency, year=2018, half=0)
    assert row.clean == row.version
    pet.submit_petition(agency=cast.agency, title="Mới", content="Nội dung.", by=cast.staff)
    row.refresh_from_db()
    assert row.version == row.clean + 1
    assert summaries.summary(cast.agency, 2018)["figures"]["petitions_received"] == 6
    row.refresh_from_db()
    assert row.clean == row.version


def test_the_refresh_task_recomputes_stale_rows(cast, world, django_capture_on_commit_callbacks):
    summaries.summary(cast.agency, 2018)
    with django_capture_on_commit_callbacks(execute=True):
        pet.submit_petition(agency=cast.agency, title="Mới", content="Nội dung.", by=cast.staff)
    row = ReportSummary.objects.get(agency=cast.agency, year=2018, half=0)
    # The immediate backend of the tests ran the queued refresh on commit.
    assert row.clean == row.version and row.data["petitions"]["received"] == 6


def test_a_new_day_makes_the_stored_summary_stale(cast, world, time_machine):
    summaries.summary(cast.agency, 2018)
    time_machine.move_to(aware(2018, 12, 1, 9), tick=False)
    # P4's unit reported late; nothing overdue. The stored row is recomputed for the new day.
    stored = summaries.summary(cast.agency, 2018)
    assert stored["as_of"] == datetime.date(2018, 12, 1)
    assert ReportSummary.objects.get(agency=cast.agency, half=0).as_of == stored["as_of"]
    _same(stored, stats.summary(cast.agency, 2018, as_of=datetime.date(2018, 12, 1)))


def test_a_past_as_of_is_computed_from_rows(cast, world):
    s = summaries.summary(cast.agency, 2018, as_of=datetime.date(2018, 7, 1))
    assert "dashboard" not in s and s["as_of"] == datetime.date(2018, 7, 1)


def _second_agency():
    """Another agency with three petitions of its own in May 2018, one answered."""
    agency = AgencyFactory(code="SNV", name="Sở Nội vụ")
    staff = member(agency, Role.STAFF, username="snv-staff")
    sec = member(agency, Role.SECRETARIAT, username="snv-sec")
    made = [
        pet.submit_petition(
            agency=agency,
            title=f"SNV {n}",
            content="Nội dung.",
            topic=topic(agency, "che-do-tien-luong"),
            by=staff,
        )
        for n in range(3)
    ]
    pet.receive_petition(petition=made[0], topic=topic(agency), by=sec)
    return agency


def _two_agencies(cast, time_machine) -> list:
    """The cast's agency and a second one with petitions in May, seen on 1 August 2018."""
    time_machine.move_to(aware(2018, 5, 20, 9), tick=False)
    other = _second_agency()
    time_machine.move_to(aware(2018, 8, 1, 9), tick=False)
    return [cast.agency, other]


def test_rollup_sums_stored_parts_exactly(cast, world, time_machine):
    agencies = _two_agencies(cast, time_machine)
    stored = summaries.summary(agencies, 2018)
    computed = stats.summary(agencies, 2018, as_of=AS_OF)
    for key in ["conferences", "outcomes", "commitments", "resolution", "figures"]:
        assert stored[key] == computed[key], key
    assert stored["figures"]["petitions_received"] == 8
    for key in ["received", "by_group", "by_channel", "by_status"]:
        assert stored["petitions"][key] == computed["petitions"][key], key

    def rows(items):
        return sorted(items, key=repr)

    for key in ["by_topic", "by_unit"]:
        assert rows(stored["petitions"][key]) == rows(computed["petitions"][key]), key
    assert rows(stored["units"]) == rows(computed["units"])
    assert stored["dashboard"]["by_year"] == stats.conferences_by_year(agencies)
    assert rows(stored["dashboard"]["topic_by_state"]) == rows(
        stats.topic_by_state(agencies, datetime.date(2018, 1, 1), datetime.date(2018, 12, 31))
    )


def test_rollup_by_agency_adds_up_each_agencys_units(cast, world, time_machine):
    """The roll-up page asks for one row per agency: the same sums as from every unit."""
    from doithoai.reports.views import _per_agency

    agencies = _two_agencies(cast, time_machine)
    every_unit = summaries.summary(agencies, 2018)
    by_agency = summaries.summary(agencies, 2018, units_by_agency=True)
    with_units = {u["agency"] for u in every_unit["units"]}
    assert len(by_agency["units"]) == len(with_units) < len(every_unit["units"])
    for key in summaries.UNIT_COUNTS:
        for agency in agencies:
            assert sum(u[key] for u in by_agency["units"] if u["agency"] == agency.code) == sum(
                u[key] for u in every_unit["units"] if u["agency"] == agency.code
            )
    assert _per_agency(by_agency, agencies) == _per_agency(every_unit, agencies)
    assert {k: v for k, v in by_agency.items() if k != "units"} == {
        k: v for k, v in every_unit.items() if k != "units"
    }


def test_rollup_reads_a_fixed_number_of_queries(cast, world, django_assert_max_num_queries):
    others = [AgencyFactory() for _ in range(4)]
    agencies = [cast.agency, *others]
    summaries.summary(agencies, 2018)  # stores the missing summaries
    # The versions, then the stored figures: whatever the number of agencies.
    with django_assert_max_num_queries(2):
        summaries.summary(agencies, 2018)
    # Then the whole roll-up from the cache: the versions only.
    with django_assert_max_num_queries(1):
        summaries.summary(agencies, 2018)


def test_a_cached_rollup_follows_every_write(cast, world, time_machine):
    time_machine.move_to(aware(2018, 5, 20, 9), tick=False)
    other = _second_agency()
    time_machine.move_to(aware(2018, 8, 1, 9), tick=False)
    agencies = [cast.agency, other]
    summaries.summary(agencies, 2018)
    cached = summaries.summary(agencies, 2018)
    assert cached["figures"]["petitions_received"] == 8
    staff = get_user_model().objects.get(username="snv-staff")
    pet.submit_petition(agency=other, title="Mới", content="Nội dung.", by=staff)
    assert summaries.summary(agencies, 2018)["figures"]["petitions_received"] == 9
    # The next day, the same versions are not today's any more: added up again.
    time_machine.move_to(aware(2018, 8, 2, 9), tick=False)
    next_day = datetime.date(2018, 8, 2)
    assert summaries.rollup_key([a.pk for a in agencies], 2018, None, next_day) is None
    assert summaries.summary(agencies, 2018)["figures"]["petitions_received"] == 9


@given(st.lists(st.integers(min_value=0, max_value=400), min_size=1, max_size=60))
def test_median_from_a_histogram_is_the_median_of_the_values(days):
    histogram: dict[int, int] = {}
    for d in days:
        histogram[d] = histogram.get(d, 0) + 1
    halves = [days[::2], days[1::2]]
    summed: dict = {}
    for part in halves:
        summaries._add_into(summed, {str(k): v for k, v in _hist(part).items()})
    expected = {
        "answered": len(days),
        "median_days": statistics.median(days),
        "max_days": max(days),
    }
    assert stats.resolution_from(histogram) == expected
    assert stats.resolution_from(summed) == expected


def _hist(values):
    out: dict[int, int] = {}
    for v in values:
        out[v] = out.get(v, 0) + 1
    return out
