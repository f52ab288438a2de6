import datetime

import pytest

from doithoai.petitions import actions as pet
from doithoai.reports import stats
from doithoai.testing.factories import aware

from .world import build_year, fixed_deadlines

AS_OF = datetime.date(2018, 8, 1)


@pytest.fixture
def world(cast, time_machine, monkeypatch):
    fixed_deadlines(monkeypatch)
    return build_year(cast, time_machine)


def test_summary_numbers_for_the_year(cast, world):
    s = stats.summary(cast.agency, 2018, as_of=AS_OF)
    assert s["conferences"] == {
        "scheduled": 2,
        "held": 1,
        "regular_held": 1,
        "ad_hoc_held": 0,
        "cancelled": 0,
        "regular_required": 2,
    }
    assert s["petitions"]["received"] == 5
    assert s["petitions"]["by_channel"]["web"] == 5
    assert s["petitions"]["by_group"] == {
        "aspirations": 3,
        "implementation": 2,
        "public_opinion": 0,
    }
    assert s["outcomes"] == {
        "settled_at_conference": 1,
        "answered_in_writing": 2,  # P2 after its commitment, P3 after the unit's report
        "committed": 1,
        "assigned": 2,
        "still_open": 1,  # P4, reported late, not yet accepted
        "rejected": 1,
        "transferred": 0,
        "withdrawn": 0,
        "feedback_satisfied": 0,
        "feedback_unsatisfied": 0,
        "resolved_on_time": 1,
        "resolved_late": 1,
        "overdue": 0,
    }
    assert s["commitments"] == {
        "made": 1,
        "kept": 1,
        "kept_on_time": 1,
        "kept_late": 0,
        "open": 0,
        "overdue": 0,
    }
    # P1 answered 45 days after submission, P2 67, P3 52: the median is 52.
    assert s["resolution"] == {"answered": 3, "median_days": 52, "max_days": 67}
    assert s["figures"]["median_days_to_answer"] == 52
    assert s["observations"] == {"recorded": 0, "answered": 0}


def test_observations_are_counted_in_their_period(cast, world, time_machine):
    from doithoai.oversight.actions import answer_observation, record_observation

    time_machine.move_to(aware(2018, 7, 10), tick=False)
    answered = record_observation(
        agency=cast.agency, kind="recommendation", text="Cần đúng hạn.", by=cast.inspector
    )
    answer_observation(observation=answered, text="Đã chấn chỉnh.", by=cast.head)
    record_observation(agency=cast.agency, kind="observation", text="Ghi nhận.", by=cast.inspector)
    time_machine.move_to(aware(2019, 1, 5), tick=False)
    record_observation(agency=cast.agency, kind="observation", text="Năm sau.", by=cast.inspector)
    s = stats.summary(cast.agency, 2018, as_of=AS_OF)
    assert s["observations"] == {"recorded": 2, "answered": 1}


def test_units_on_time_rate(cast, world):
    units = {u["code"]: u for u in stats.summary(cast.agency, 2018, as_of=AS_OF)["units"]}
    assert units["TH"]["reported_on_time"] == 1 and units["TH"]["on_time_rate"] == 1.0
    assert units["KT"]["reported_late"] == 1 and units["KT"]["on_time_rate"] == 0.0


def test_half_years_split_the_numbers(cast, world):
    first = stats.summary(cast.agency, 2018, 1, as_of=AS_OF)
    second = stats.summary(cast.agency, 2018, 2, as_of=AS_OF)
    assert first["figures"]["conferences_required"] == 1
    assert first["figures"]["conferences_held"] == 1
    assert first["figures"]["petitions_received"] == 5
    assert second["figures"]["conferences_held"] == 0
    assert second["figures"]["petitions_received"] == 0


def test_overdue_now_counts_unreported_assignments(cast, time_machine, monkeypatch):
    fixed_deadlines(monkeypatch)
    world = build_year(cast, time_machine)
    from doithoai.followups import actions as fu

    fu.return_resolution(assignment=world.p[4].assignments.get(), note="Bổ sung.", by=cast.head)
    # Returned and still unreported after its due date of 12/7/2018.
    assert stats.overdue_now(cast.agency, as_of=AS_OF) == {"assignments": 1, "commitments": 0}


def test_summary_query_count_does_not_grow_with_rows(cast, world, django_assert_max_num_queries):
    with django_assert_max_num_queries(14):
        stats.summary(cast.agency, 2018, as_of=AS_OF)
    for n in range(5):
        pet.submit_petition(
            agency=cast.agency, title=f"Thêm {n}", content="Nội dung.", by=cast.staff
        )
    with django_assert_max_num_queries(14):
        stats.summary(cast.agency, 2026, as_of=AS_OF)


def test_rollup_sums_child_agencies(cast, world, time_machine):
    from doithoai.organizations.models import Agency

    province = Agency.objects.create(name="UBND tỉnh", code="UBNDT", locality="Hà Giang")
    other_agency = Agency.objects.create(
        name="Sở Nội vụ", code="SNV", locality="Hà Giang", parent=province
    )
    Agency.objects.filter(pk=cast.agency.pk).update(parent=province)
    s = stats.summary(list(province.children.all()), 2018, as_of=AS_OF)
    assert set(s["agency"]["ids"]) == {cast.agency.pk, other_agency.pk}
    assert s["figures"]["petitions_received"] == 5
    assert s["conferences"]["regular_required"] == 2  # only one of the two has a plan


def test_conferences_by_year(cast, world):
    assert stats.conferences_by_year(cast.agency) == [
        {"year": 2018, "planned": 2, "scheduled": 2, "held": 1}
    ]


def test_period_bounds():
    assert stats.period(2018, 1) == (datetime.date(2018, 1, 1), datetime.date(2018, 6, 30))
    assert stats.period(2018, 2) == (datetime.date(2018, 7, 1), datetime.date(2018, 12, 31))
    assert stats.period(2018) == (datetime.date(2018, 1, 1), datetime.date(2018, 12, 31))


def test_merged_duplicates_are_not_counted_twice(cast, world, time_machine):
    time_machine.move_to(aware(2018, 8, 1, 9), tick=False)
    a = pet.submit_petition(agency=cast.agency, title="Trùng 1", content="A.", by=cast.staff)
    b = pet.submit_petition(agency=cast.agency, title="Trùng 2", content="A.", by=cast.staff2)
    topic = cast.topic()
    pet.receive_petition(petition=a, topic=topic, by=cast.secretariat)
    pet.receive_petition(petition=b, topic=topic, by=cast.secretariat)
    pet.merge_petitions(lead=a, duplicates=[b], reason="Trùng.", by=cast.secretariat)
    assert stats.summary(cast.agency, 2018, as_of=AS_OF)["petitions"]["received"] == 6
