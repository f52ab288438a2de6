"""The audit chain: every action appends an event; any tampering is found and named."""

import datetime
import io

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from doithoai.audit import log, protection
from doithoai.audit.models import AuditChainHead, AuditEvent
from doithoai.petitions import actions as pet
from doithoai.testing.factories import AgencyFactory, Elsewhere, conference_in, received, submitted

pytestmark = pytest.mark.usefixtures("seed_day")


@pytest.fixture
def history(cast):
    """A short normal history in the cast's agency; return its events in order."""
    lead = received(cast, title="Kiến nghị chính")
    duplicate = submitted(cast, by=cast.staff2)
    pet.merge_petitions(lead=lead, duplicates=[duplicate], by=cast.secretariat, reason="Trùng")
    pet.reject_petition(
        petition=submitted(cast), reason="Không thuộc thẩm quyền.", by=cast.secretariat
    )
    events = list(AuditEvent.objects.filter(chain=log.chain_for(cast.agency.pk)).order_by("seq"))
    assert len(events) >= 6
    return events


def _column(name):
    field = AuditEvent._meta.get_field(name)
    return field, field.column


def tamper(event, name, value):
    """Change one stored field of an event behind the model's back (raw SQL UPDATE)."""
    field, column = _column(name)
    with protection.lifted(connection), connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {AuditEvent._meta.db_table} SET {connection.ops.quote_name(column)} = %s "
            f"WHERE id = %s",
            [field.get_db_prep_save(value, connection), event.pk],
        )


def _only_report(cast):
    (report,) = log.verify(cast.agency)
    return report


def test_every_action_appends_one_chained_event(cast, history):
    seqs = [e.seq for e in history]
    assert seqs == list(range(1, len(history) + 1))
    for previous, event in zip(history, history[1:], strict=False):
        assert event.prev_hash == previous.hash
    head = AuditChainHead.objects.get(chain=log.chain_for(cast.agency.pk))
    assert (head.last_seq, head.last_hash) == (history[-1].seq, history[-1].hash)


def test_a_normal_history_verifies(cast, history):
    conference_in(cast, "concluded")  # a whole conference too
    reports = log.verify()
    assert reports and all(r.ok for r in reports), reports
    out = io.StringIO()
    call_command("audit", "verify", stdout=out)
    assert "BROKEN" not in out.getvalue()
    assert "OK agency:" in out.getvalue()


def test_each_agency_has_its_own_chain(cast, history):
    elsewhere = Elsewhere()
    pet.submit_petition(
        agency=elsewhere.agency, title="Tiêu đề", content="Nội dung", by=elsewhere.staff
    )
    event = AuditEvent.objects.get(agency=elsewhere.agency)
    assert (event.chain, event.seq, event.prev_hash) == (
        log.chain_for(elsewhere.agency.pk),
        1,
        "",
    )
    assert all(r.ok for r in log.verify())


TAMPERINGS = {
    "agency": lambda cast: AgencyFactory().pk,
    "actor": lambda cast: cast.admin.pk,
    "actor_confidential": lambda cast: True,
    "verb": lambda cast: "petition.closed",
    "object_type": lambda cast: "petitions.attachment",
    "object_id": lambda cast: "999999",
    "object_repr": lambda cast: "KN-2018-0999 Kiến nghị khác",
    "petition_id": lambda cast: 999999,
    "conference_id": lambda cast: 999999,
    "before": lambda cast: {"status": "received"},
    "after": lambda cast: {"status": "closed"},
    "reason": lambda cast: "Lý do đã bị sửa",
    "created_at": lambda cast: datetime.datetime(2017, 1, 1, tzinfo=datetime.UTC),
    "prev_hash": lambda cast: "0" * 64,
    "key_id": lambda cast: "legacy",
    "state_hash": lambda cast: "e" * 64,
    "states": lambda cast: {"petitions.petition:1": "e" * 64},
    "hash": lambda cast: "f" * 64,
}


def test_every_stored_field_is_covered():
    stored = {f.name for f in AuditEvent._meta.concrete_fields} - {"id", "chain", "seq"}
    assert stored == set(TAMPERINGS)


@pytest.mark.parametrize("field", sorted(TAMPERINGS))
def test_tampering_with_any_field_is_found_and_the_event_named(cast, history, field):
    victim = history[2]
    tamper(victim, field, TAMPERINGS[field](cast))
    report = _only_report(cast)
    assert not report.ok
    assert (report.broken_event_id, report.broken_seq) == (victim.pk, victim.seq)
    out = io.StringIO()
    with pytest.raises(CommandError):
        call_command("audit", "verify", "--agency", cast.agency.code, stdout=out)
    assert f"id={victim.pk} seq={victim.seq}" in out.getvalue()


def test_tampering_with_the_actor_to_nobody_is_found(cast, history):
    victim = history[1]
    tamper(victim, "actor", None)
    report = _only_report(cast)
    assert (report.ok, report.broken_event_id) == (False, victim.pk)


def test_tampering_with_the_sequence_is_found(cast, history):
    victim = history[2]
    tamper(victim, "seq", 1000)
    report = _only_report(cast)
    assert not report.ok
    # The gap shows at the event after the moved one.
    assert report.broken_seq == victim.seq + 1
    assert str(victim.seq) in report.problem


def test_moving_an_event_to_another_chain_is_found(cast, history):
    victim = history[2]
    tamper(victim, "chain", log.chain_for(999))
    reports = {r.chain: r for r in log.verify()}
    assert not reports[log.chain_for(cast.agency.pk)].ok
    assert not reports[log.chain_for(999)].ok


def test_deleting_an_event_is_found_and_the_next_one_named(cast, history):
    victim, successor = history[2], history[3]
    with protection.lifted(connection), connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {AuditEvent._meta.db_table} WHERE id = %s", [victim.pk])
    report = _only_report(cast)
    assert (report.ok, report.broken_event_id) == (False, successor.pk)


def test_deleting_the_last_event_is_found(cast, history):
    with protection.lifted(connection), connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {AuditEvent._meta.db_table} WHERE id = %s", [history[-1].pk])
    report = _only_report(cast)
    assert not report.ok
    assert report.broken_seq == history[-1].seq
    with pytest.raises(CommandError):
        call_command("audit", "verify", stdout=io.StringIO())


def test_reordering_events_is_found(cast, history):
    first, second = history[2], history[3]
    tamper(first, "seq", 10_000)
    tamper(second, "seq", first.seq)
    tamper(first, "seq", second.seq)
    report = _only_report(cast)
    assert not report.ok
    # The event now standing at the earlier place no longer follows its predecessor.
    assert (report.broken_event_id, report.broken_seq) == (second.pk, first.seq)


def test_the_command_names_the_broken_event_and_fails(cast, history):
    victim = history[4]
    tamper(victim, "reason", "sửa lén")
    out = io.StringIO()
    with pytest.raises(CommandError, match="broken"):
        call_command("audit", "verify", stdout=out)
    assert (
        f"BROKEN agency:{cast.agency.pk}: event id={victim.pk} seq={victim.seq}" in out.getvalue()
    )


def test_the_command_refuses_an_unknown_agency(cast, history):
    with pytest.raises(CommandError, match="KHONGCO"):
        call_command("audit", "verify", "--agency", "KHONGCO", stdout=io.StringIO())


def test_events_cannot_be_changed_or_deleted_through_the_model(cast, history):
    event = AuditEvent.objects.get(pk=history[0].pk)
    event.reason = "sửa"
    with pytest.raises(RuntimeError, match="append-only"):
        event.save()
    with pytest.raises(RuntimeError, match="append-only"):
        event.delete()
    assert AuditEvent.objects.get(pk=event.pk).reason == history[0].reason
    assert _only_report(cast).ok


@pytest.mark.django_db(transaction=True)
def test_recording_outside_a_transaction_is_refused(cast):
    from doithoai.audit.models import Verb

    with pytest.raises(RuntimeError, match="transaction"):
        log.record(Verb.UNIT_CREATED, cast.unit, by=cast.admin)
