"""The insider's tamperings that an unkeyed chain missed: each one is now found.

Every test first writes a normal history (and, where the attack needs one, a checkpoint outside
the database), tampers as the database's owner would in raw SQL, and runs verification.
"""

import io

import pytest
from django.core.management import CommandError, call_command

from doithoai.audit import anchors, log, verification
from doithoai.audit.models import AuditChainHead, AuditEvent
from doithoai.audit.testing import TEST_KEY
from doithoai.petitions import actions as pet
from doithoai.testing.factories import received, submitted

from . import tampering

pytestmark = pytest.mark.usefixtures("seed_day")

ATTACKER_KEY = "test:an-attacker-guessing-the-key"


@pytest.fixture
def chain(cast):
    """A normal history of eight or more events in the cast's agency; return the chain name."""
    received(cast, title="Kiến nghị chính")
    duplicate = submitted(cast, by=cast.staff2)
    lead = received(cast, title="Kiến nghị khác")
    pet.merge_petitions(lead=lead, duplicates=[duplicate], by=cast.secretariat, reason="Trùng")
    pet.reject_petition(
        petition=submitted(cast), reason="Không thuộc thẩm quyền.", by=cast.secretariat
    )
    name = log.chain_for(cast.agency.pk)
    assert AuditEvent.objects.filter(chain=name).count() >= 8
    return name


def _events(name):
    return list(AuditEvent.objects.filter(chain=name).order_by("seq"))


def _report(name):
    return verification.verify_chain(name)


def _anchored(name):
    (result,) = [r for r in anchors.anchor() if r.chain == name]
    assert result.written is not None, result
    return result.written


def _command_fails(*args):
    out = io.StringIO()
    with pytest.raises(CommandError):
        call_command("audit", "verify", *args, stdout=out)
    return out.getvalue()


def test_events_are_sealed_with_the_configured_key(chain):
    for event in _events(chain):
        assert event.key_id == "test"
        assert len(event.hash) == 64 and len(event.state_hash) == 64
    assert _report(chain).ok


def test_recompute_with_the_products_function_without_the_key_is_found(chain, settings):
    events = _events(chain)
    victim = events[3]
    tampering.update(victim.pk, reason="sửa lén")
    settings.AUDIT_HMAC_KEYS = [ATTACKER_KEY]  # the insider has the code, not the key
    tampering.recompute(chain, from_seq=victim.seq)
    settings.AUDIT_HMAC_KEYS = [TEST_KEY]
    report = _report(chain)
    assert (report.ok, report.kind, report.broken_seq) == (False, "hash", victim.seq)


def test_recompute_as_unkeyed_legacy_events_is_found(chain):
    victim = _events(chain)[3]
    tampering.update(victim.pk, reason="sửa lén")
    tampering.recompute(chain, key_id="legacy", from_seq=victim.seq)
    report = _report(chain)
    assert (report.ok, report.kind, report.broken_seq) == (False, "legacy_after_keyed", victim.seq)


def test_recompute_of_the_whole_chain_as_legacy_is_found_without_a_checkpoint(chain):
    tampering.update(_events(chain)[0].pk, reason="sửa lén")
    tampering.recompute(chain, key_id="legacy")
    report = _report(chain)
    assert (report.ok, report.kind) == (False, "unsealed_legacy")


def test_recompute_of_the_whole_chain_as_legacy_is_found_against_the_checkpoint(chain):
    checkpoint = _anchored(chain)
    tampering.update(_events(chain)[0].pk, reason="sửa lén")
    tampering.recompute(chain, key_id="legacy")
    report = _report(chain)
    assert (report.ok, report.kind, report.broken_seq) == (False, "anchor_mismatch", checkpoint.seq)


def test_rewrite_with_the_real_key_before_a_checkpoint_is_found(chain):
    checkpoint = _anchored(chain)
    tampering.update(_events(chain)[2].pk, reason="sửa bằng khóa thật")
    tampering.recompute(chain)  # even an insider holding the key
    report = _report(chain)
    assert (report.ok, report.kind, report.broken_seq) == (False, "anchor_mismatch", checkpoint.seq)


def test_deleting_the_last_events_and_resetting_the_head_is_found(chain):
    checkpoint = _anchored(chain)
    tampering.truncate_after(chain, checkpoint.seq - 2)
    report = _report(chain)
    assert (report.ok, report.kind) == (False, "rollback")
    assert (report.last_seq, report.anchor.seq) == (checkpoint.seq - 2, checkpoint.seq)
    assert f"records event {checkpoint.seq}" in _command_fails()


def test_deleting_an_agencys_whole_chain_is_found(cast, chain):
    _anchored(chain)
    tampering.delete_chain(chain)
    assert not AuditChainHead.objects.filter(chain=chain).exists()
    reports = {r.chain: r for r in log.verify()}
    assert (reports[chain].ok, reports[chain].kind, reports[chain].events) == (False, "rollback", 0)
    assert (log.verify(cast.agency)[0].ok, log.verify(cast.agency)[0].kind) == (False, "rollback")
    assert f"ROLLBACK {chain}" in _command_fails()


def test_deleting_an_event_and_renumbering_is_found(chain):
    events = _events(chain)
    tampering.delete(events[3].pk)
    tampering.renumber(chain)
    tampering.set_head(chain, len(events) - 1, events[-1].hash)
    report = _report(chain)
    assert (report.ok, report.kind, report.broken_seq) == (False, "prev_hash", events[3].seq)


def test_deleting_renumbering_and_recomputing_without_the_key_is_found(chain, settings):
    events = _events(chain)
    tampering.delete(events[3].pk)
    tampering.renumber(chain)
    settings.AUDIT_HMAC_KEYS = [ATTACKER_KEY]
    tampering.recompute(chain)
    settings.AUDIT_HMAC_KEYS = [TEST_KEY]
    report = _report(chain)
    assert (report.ok, report.kind, report.broken_seq) == (False, "hash", 1)


def test_reordering_and_recomputing_without_the_key_is_found(chain, settings):
    events = _events(chain)
    first, second = events[2], events[3]
    tampering.update(first.pk, seq=10_000)
    tampering.update(second.pk, seq=first.seq)
    tampering.update(first.pk, seq=second.seq)
    settings.AUDIT_HMAC_KEYS = [ATTACKER_KEY]
    tampering.recompute(chain, from_seq=first.seq)
    settings.AUDIT_HMAC_KEYS = [TEST_KEY]
    report = _report(chain)
    assert (report.ok, report.kind, report.broken_event_id) == (False, "hash", second.pk)


def test_restoring_an_older_state_is_found_against_the_latest_checkpoint(cast, chain):
    older = _events(chain)[-1].seq
    submitted(cast, title="Kiến nghị sẽ mất khi khôi phục bản cũ")
    _anchored(chain)
    tampering.truncate_after(chain, older)  # the database as an older backup held it
    report = _report(chain)
    assert (report.ok, report.kind, report.last_seq) == (False, "rollback", older)


def test_an_altered_checkpoint_file_is_found(chain):
    checkpoint = _anchored(chain)
    text = checkpoint.path.read_text(encoding="utf-8")
    checkpoint.path.chmod(0o644)
    checkpoint.path.write_text(text.replace(f'"seq": {checkpoint.seq}', '"seq": 2'), "utf-8")
    report = _report(chain)
    assert (report.ok, report.kind) == (False, "anchor_invalid")


def test_a_forged_checkpoint_without_the_key_is_found(chain, settings):
    _anchored(chain)
    tampering.truncate_after(chain, 3)
    settings.AUDIT_HMAC_KEYS = [ATTACKER_KEY]
    anchors.write(chain, 3, _events(chain)[-1].hash, reset=True)  # "accept" the rollback
    settings.AUDIT_HMAC_KEYS = [TEST_KEY]
    assert (_report(chain).ok, _report(chain).kind) == (False, "anchor_invalid")


def test_checkpoints_are_new_files_that_are_never_rewritten(chain, cast):
    first = _anchored(chain)
    submitted(cast)
    second = _anchored(chain)
    assert first.path != second.path and first.path.exists()
    assert second.index == first.index + 1 and second.seq == first.seq + 1
    assert (first.path.stat().st_mode & 0o222) == 0  # read-only once written
    assert [r.skipped for r in anchors.anchor(cast.agency)] == ["unchanged"]


def test_a_broken_chain_is_never_anchored(chain):
    tampering.update(_events(chain)[1].pk, reason="sửa lén")
    (result,) = [r for r in anchors.anchor() if r.chain == chain]
    assert result.written is None and result.refused.kind == "hash"
    out = io.StringIO()
    with pytest.raises(CommandError, match="not anchored"):
        call_command("audit", "anchor", stdout=out)
    assert f"REFUSED {chain}" in out.getvalue()


def test_a_deliberate_restore_can_be_accepted_by_the_operator(cast, chain):
    older = _events(chain)[-1].seq
    submitted(cast)
    _anchored(chain)
    tampering.truncate_after(chain, older)
    assert _report(chain).kind == "rollback"
    out = io.StringIO()
    call_command("audit", "anchor", "--accept-rollback", stdout=out)
    assert "rollback accepted" in out.getvalue()
    assert _report(chain).ok
    submitted(cast)  # the chain goes on from the restored state
    assert _report(chain).ok


def test_an_event_under_a_key_no_longer_configured_is_found(chain, settings):
    settings.AUDIT_HMAC_KEYS = ["other:a-different-and-long-key"]
    report = _report(chain)
    assert (report.ok, report.kind, report.broken_seq) == (False, "unknown_key", 1)
