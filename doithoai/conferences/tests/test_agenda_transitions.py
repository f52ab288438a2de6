"""Agenda items move only through their transition table, each move audited."""

import re
from pathlib import Path

import pytest

from doithoai.audit.models import AuditEvent, Verb
from doithoai.conferences.actions import move_agenda_item
from doithoai.conferences.models import AGENDA_TRANSITIONS, AgendaItem, AgendaStatus
from doithoai.core.errors import InvalidTransition
from doithoai.followups import actions as fu
from doithoai.testing.factories import in_conference, refused

pytestmark = pytest.mark.usefixtures("seed_day")

S = AgendaStatus
ALLOWED = sorted((s, t) for s, targets in AGENDA_TRANSITIONS.items() for t in targets)
REFUSED = sorted(
    (s, t) for s in S.values for t in S.values if t not in AGENDA_TRANSITIONS.get(s, set())
)


def test_the_table_is_the_running_order():
    assert {
        S.PENDING: {S.OPEN, S.SETTLED, S.COMMITTED, S.ASSIGNED},
        S.OPEN: {S.SETTLED, S.COMMITTED, S.ASSIGNED},
        S.COMMITTED: {S.ASSIGNED},
        S.SETTLED: set(),
        S.ASSIGNED: set(),
    } == AGENDA_TRANSITIONS


def _item_in(cast, status):
    petition = in_conference(cast)
    item = petition.agenda_items.get()
    # Put the item in the wanted state through the table's own edges.
    path = {
        S.PENDING: [],
        S.OPEN: [S.OPEN],
        S.SETTLED: [S.SETTLED],
        S.COMMITTED: [S.COMMITTED],
        S.ASSIGNED: [S.ASSIGNED],
    }[status]
    for step in path:
        item = move_agenda_item(
            conference=item.conference, petition=petition, to=step, by=cast.head
        )
    return item


@pytest.mark.parametrize(("source", "target"), ALLOWED)
def test_every_allowed_move_is_made_and_audited(cast, source, target):
    item = _item_in(cast, source)
    events = AuditEvent.objects.filter(verb=Verb.AGENDA_ITEM_MOVED).count()
    moved = move_agenda_item(
        conference=item.conference, petition=item.petition, to=target, by=cast.head
    )
    assert moved.status == target
    assert AgendaItem.objects.get(pk=item.pk).status == target
    event = AuditEvent.objects.filter(verb=Verb.AGENDA_ITEM_MOVED).order_by("-pk").first()
    assert AuditEvent.objects.filter(verb=Verb.AGENDA_ITEM_MOVED).count() == events + 1
    assert (event.before, event.after["status"]) == ({"status": source}, target)
    assert event.petition_id == item.petition_id and event.conference_id == item.conference_id


@pytest.mark.parametrize(("source", "target"), REFUSED)
def test_every_other_move_is_refused(cast, source, target):
    item = _item_in(cast, source)
    with refused(InvalidTransition, field="status"):
        move_agenda_item(
            conference=item.conference, petition=item.petition, to=target, by=cast.head
        )


def test_the_conference_actions_move_the_item_with_an_audit_event(cast):
    petition = in_conference(cast)
    fu.answer_petition(petition=petition, text="Giải đáp.", by=cast.head)
    item = petition.agenda_items.get()
    assert item.status == S.SETTLED and item.answerer == cast.head
    event = AuditEvent.objects.get(verb=Verb.AGENDA_ITEM_MOVED, petition_id=petition.pk)
    assert event.after == {"status": S.SETTLED, "answerer": cast.head.pk}


ROOT = Path(__file__).resolve().parents[2]
OWNER = ROOT / "conferences" / "actions" / "agenda.py"


def test_no_module_but_the_agenda_actions_changes_an_item_status():
    offenders = []
    for path in ROOT.rglob("*.py"):
        if "tests" in path.parts or "migrations" in path.parts or path == OWNER:
            continue
        text = path.read_text(encoding="utf-8")
        for n, line in enumerate(text.splitlines(), 1):
            if re.search(r"agenda\w*\b.*\.update\(", line) or re.search(
                r"\.status\s*=\s*AgendaStatus", line
            ):
                offenders.append(f"{path.relative_to(ROOT)}:{n}: {line.strip()}")
        # An update spread over lines: `.update(` followed by `status=AgendaStatus`.
        for m in re.finditer(r"\.update\(\s*status=AgendaStatus", text):
            offenders.append(f"{path.relative_to(ROOT)}: {m.group(0)}")
    assert offenders == []
