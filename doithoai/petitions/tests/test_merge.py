"""Merging duplicates: the lead keeps every merged petition, none is lost, answers follow."""

import pytest

from doithoai.core.errors import InvalidTransition
from doithoai.followups import actions as fu
from doithoai.petitions import actions as pet
from doithoai.petitions.models import Petition, Status
from doithoai.testing.factories import (
    Elsewhere,
    in_conference,
    reach,
    received,
    refused,
    scheduled,
    submitted,
)

pytestmark = pytest.mark.usefixtures("seed_day")


def merge(cast, lead, *duplicates):
    return pet.merge_petitions(
        lead=lead, duplicates=list(duplicates), by=cast.secretariat, reason="Cùng nội dung"
    )


def test_the_lead_keeps_every_merged_petition(cast):
    lead = received(cast, title="Đề nghị nâng lương trước hạn")
    a = submitted(cast, by=cast.staff2)
    b = received(cast, by=cast.leader)
    total = Petition.objects.count()
    merge(cast, lead, a, b)
    assert Petition.objects.count() == total
    assert set(lead.merged_petitions.all()) == {a, b}
    for p in (a, b):
        p.refresh_from_db()
        assert (p.status, p.merged_into_id) == (Status.MERGED, lead.pk)
    lead.refresh_from_db()
    assert lead.status == Status.RECEIVED


def test_petitions_merged_into_a_duplicate_follow_it_to_the_lead(cast):
    lead = received(cast, title="Kiến nghị chính")
    middle = received(cast, by=cast.staff2)
    first = submitted(cast, by=cast.leader)
    merge(cast, middle, first)
    merge(cast, lead, middle)
    first.refresh_from_db()
    assert first.merged_into_id == lead.pk
    assert set(lead.merged_petitions.all()) == {middle, first}
    assert Petition.objects.filter(status=Status.MERGED).count() == 2
    # Nothing points at a merged petition any more: no chain to follow, nothing lost.
    assert not Petition.objects.filter(merged_into__status=Status.MERGED).exists()


def test_an_answer_to_the_lead_is_copied_to_every_merged_petition(cast):
    lead = received(cast, title="Kiến nghị chính")
    middle = received(cast, by=cast.staff2)
    first = submitted(cast, by=cast.leader)
    merge(cast, middle, first)
    merge(cast, lead, middle)
    answer = fu.answer_petition(petition=lead, text="Sẽ nâng lương từ tháng 7.", by=cast.head)
    for p in (middle, first):
        copy = p.answers.get()
        assert (copy.text, copy.mode, copy.answered_on) == (
            answer.text,
            answer.mode,
            answer.answered_on,
        )


def test_an_accepted_resolution_reaches_the_merged_petitions_too(cast):
    lead = received(cast, title="Kiến nghị chính")
    duplicate = submitted(cast, by=cast.staff2)
    merge(cast, lead, duplicate)
    assignment = fu.assign_petition(petition=lead, unit=cast.unit, by=cast.head)
    fu.report_resolution(assignment=assignment, text="Đã xử lý.", by=cast.leader)
    fu.accept_resolution(assignment=assignment, answer_text="Đã giải quyết.", by=cast.head)
    assert duplicate.answers.get().text == "Đã giải quyết."


def test_a_scheduled_duplicate_leaves_the_agenda(cast):
    lead = received(cast, title="Kiến nghị chính")
    duplicate = scheduled(cast)
    conference = duplicate.conference
    merge(cast, lead, duplicate)
    duplicate.refresh_from_db()
    assert duplicate.conference is None
    assert not conference.agenda.filter(petition=duplicate).exists()


def test_a_duplicate_already_heard_is_not_merged(cast):
    lead = received(cast, title="Kiến nghị chính")
    duplicate = in_conference(cast)
    with refused(InvalidTransition, field="duplicates"):
        merge(cast, lead, duplicate)


@pytest.mark.parametrize("status", [Status.ANSWERED, Status.CLOSED, Status.MERGED])
def test_a_finished_lead_takes_no_duplicates(cast, status):
    lead = reach(cast, status)
    duplicate = submitted(cast, by=cast.staff2)
    with refused(InvalidTransition, field="lead") as caught:
        merge(cast, lead, duplicate)
    assert str(Status(status).label) in str(caught[0].message)


def test_merge_refuses_bad_input_and_changes_nothing(cast):
    lead = received(cast, title="Kiến nghị chính")
    spare = submitted(cast, by=cast.staff2)
    with refused(field="duplicates"):
        merge(cast, lead)
    with refused(field="duplicates"):
        merge(cast, lead, lead)
    elsewhere = Elsewhere()
    foreign = pet.submit_petition(
        agency=elsewhere.agency, title="Tiêu đề", content="Nội dung", by=elsewhere.staff
    )
    with refused(field="duplicates"):
        merge(cast, lead, spare, foreign)
