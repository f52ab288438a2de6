"""The follow-up app moves a petition only through `petitions.advance_petition`, audited here."""

import re
from pathlib import Path

import pytest

from doithoai.audit.models import AuditEvent, Verb
from doithoai.core.errors import InvalidTransition
from doithoai.followups import actions as fu
from doithoai.petitions.actions import FOLLOW_UP_TARGETS, advance_petition
from doithoai.petitions.models import Status
from doithoai.testing.factories import assigned, in_conference, received, refused

pytestmark = pytest.mark.usefixtures("seed_day")


def _moves(petition):
    return [
        (e.before.get("status"), e.after.get("status"), e.reason)
        for e in AuditEvent.objects.filter(
            verb=Verb.PETITION_ADVANCED, petition_id=petition.pk
        ).order_by("pk")
    ]


def test_answering_in_writing_is_audited_by_the_petitions_app(cast):
    petition = received(cast)
    fu.answer_petition(petition=petition, text="Trả lời bằng văn bản.", by=cast.head)
    assert _moves(petition) == [(Status.RECEIVED, Status.ANSWERED, "answer.given")]


def test_commit_then_assign_at_the_conference(cast):
    import datetime

    petition = in_conference(cast)
    fu.commit_answer(
        petition=petition, promised_on=datetime.date(2018, 7, 15), form="written", by=cast.head
    )
    fu.assign_petition(petition=petition, unit=cast.unit, by=cast.head)
    assert _moves(petition) == [
        (Status.SCHEDULED, Status.COMMITTED, "commitment.made"),
        (Status.COMMITTED, Status.ASSIGNED, "assignment.made"),
    ]


def test_the_resolution_cycle(cast):
    petition, assignment = assigned(cast)
    fu.report_resolution(assignment=assignment, text="Đã xử lý.", by=cast.leader)
    fu.return_resolution(assignment=assignment, note="Bổ sung.", by=cast.head)
    fu.report_resolution(assignment=assignment, text="Đã bổ sung.", by=cast.leader)
    fu.accept_resolution(assignment=assignment, answer_text="Trả lời.", by=cast.head)
    assert _moves(petition) == [
        (Status.RECEIVED, Status.ASSIGNED, "assignment.made"),
        (Status.ASSIGNED, Status.RESOLUTION_REPORTED, "assignment.reported"),
        (Status.RESOLUTION_REPORTED, Status.ASSIGNED, "assignment.returned"),
        (Status.ASSIGNED, Status.RESOLUTION_REPORTED, "assignment.reported"),
        (Status.RESOLUTION_REPORTED, Status.ANSWERED, "assignment.accepted"),
    ]
    petition.refresh_from_db()
    assert petition.status == Status.ANSWERED


def test_only_the_follow_up_targets_and_the_table_edges(cast):
    assert set(FOLLOW_UP_TARGETS) == {
        Status.ANSWERED,
        Status.COMMITTED,
        Status.ASSIGNED,
        Status.RESOLUTION_REPORTED,
    }
    petition = received(cast)
    with refused(InvalidTransition, field="status"):
        advance_petition(petition=petition, to=Status.REJECTED, cause="x", by=cast.head)
    with refused(InvalidTransition, field="status"):
        advance_petition(petition=petition, to=Status.RESOLUTION_REPORTED, cause="x", by=cast.head)


ROOT = Path(__file__).resolve().parents[2]


def test_followups_never_writes_a_petition_status_itself():
    offenders = []
    for path in (ROOT / "followups").rglob("*.py"):
        if "tests" in path.parts or "migrations" in path.parts:
            continue
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if re.search(r"move\(petition|petition\.save\(|petition\.status\s*=[^=]", line) or (
                "Petition.objects" in line and ".update(" in line
            ):
                offenders.append(f"{path.relative_to(ROOT)}:{n}: {line.strip()}")
    assert offenders == []
