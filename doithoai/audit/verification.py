"""Verify the audit chains: every event against its key and its predecessor, and every chain
against the signed checkpoints (anchors) kept outside the database.

What each check catches: an edited field (the event's HMAC), a deleted or renumbered event
(the sequence and the previous hash), a reordering (the previous hash), a recompute without
the key (the HMAC), events deleted at the end, a whole chain deleted and a database restored
from an older backup (the latest anchor records a later event than the database holds).
"""

import hmac
from dataclasses import dataclass

from . import anchors, keys
from .hashing import compute_hash
from .models import AuditChainHead, AuditEvent

GLOBAL_CHAIN = "global"

# What went wrong, as a code the pages translate (see oversight/_chain.html).
GAP = "gap"
PREV_HASH = "prev_hash"
HASH = "hash"
UNKNOWN_KEY = "unknown_key"
LEGACY_AFTER_KEYED = "legacy_after_keyed"
UNSEALED_LEGACY = "unsealed_legacy"
TAIL = "tail"
ROLLBACK = "rollback"
ANCHOR_MISMATCH = "anchor_mismatch"
ANCHOR_INVALID = "anchor_invalid"


def chain_for(agency_id) -> str:
    """Name the chain of an agency, or the global one."""
    return f"agency:{agency_id}" if agency_id else GLOBAL_CHAIN


@dataclass
class ChainReport:
    """The outcome of verifying one chain."""

    chain: str
    events: int
    ok: bool
    broken_event_id: int | None = None
    broken_seq: int | None = None
    problem: str = ""
    kind: str = ""
    last_seq: int = 0
    last_hash: str = ""
    anchor: anchors.Anchor | None = None


def _event_problem(event, expected_seq, prev_hash, seen_keyed) -> tuple[str, str]:
    if event.seq != expected_seq:
        return GAP, f"missing event before seq {event.seq} (expected {expected_seq})"
    if event.prev_hash != prev_hash:
        return PREV_HASH, "prev_hash does not match the previous event"
    if event.key_id == keys.LEGACY and seen_keyed:
        return LEGACY_AFTER_KEYED, "an unkeyed (legacy) event follows keyed events"
    expected = compute_hash(event)
    if expected is None:
        return UNKNOWN_KEY, f"sealed with key {event.key_id!r}, which is not configured"
    if not hmac.compare_digest(expected, event.hash):
        return HASH, "stored data does not match its keyed hash"
    return "", ""


def _broken(chain, count, event, kind, problem, **extra) -> ChainReport:
    return ChainReport(
        chain,
        count,
        False,
        event.pk if event is not None else None,
        event.seq if event is not None else extra.pop("seq", None),
        problem,
        kind,
        **extra,
    )


def verify_chain(chain: str, *, batch: int = 2000, seal_legacy: bool = False) -> ChainReport:
    """Recompute a chain from its first event and compare it with its anchors.

    Name the first event that does not match. `seal_legacy` accepts unkeyed events that no
    keyed event or anchor covers yet (the operator's explicit `audit anchor` does that once).
    """
    found = anchors.for_chain(chain)
    invalid = [a for a in found if not a.valid]
    if invalid:
        return ChainReport(
            chain,
            0,
            False,
            None,
            invalid[0].seq,
            f"checkpoint {invalid[0].path.name} is not signed by a known key or was altered",
            ANCHOR_INVALID,
            anchor=invalid[0],
        )
    found = anchors.in_force(found)
    wanted = {a.seq for a in found}
    at_seq: dict[int, AuditEvent] = {}
    prev_hash, expected_seq, count, last_seq = "", 1, 0, 0
    seen_keyed, last_legacy_seq = False, 0
    head, rounds = None, 0
    while True:
        events = list(
            AuditEvent.objects.filter(chain=chain, seq__gt=last_seq).order_by("seq")[:batch]
        )
        if not events:
            # Events appended while we read show up at the head: read on until we reach it.
            head = AuditChainHead.objects.filter(chain=chain).first()
            rounds += 1
            if head is None or head.last_seq <= last_seq or rounds >= 3:
                break
            continue
        for event in events:
            count += 1
            kind, problem = _event_problem(event, expected_seq, prev_hash, seen_keyed)
            if kind:
                return _broken(chain, count, event, kind, problem)
            if event.key_id == keys.LEGACY:
                last_legacy_seq = event.seq
            else:
                seen_keyed = True
            if event.seq in wanted:
                at_seq[event.seq] = event
            prev_hash = event.hash
            expected_seq += 1
            last_seq = event.seq
    if head and (head.last_seq != last_seq or head.last_hash != prev_hash):
        return ChainReport(
            chain, count, False, None, last_seq + 1, "events missing at the end", TAIL, last_seq
        )
    latest = max(found, key=lambda a: (a.seq, a.created_at), default=None)
    if latest is not None and latest.seq > last_seq:
        return ChainReport(
            chain,
            count,
            False,
            None,
            last_seq + 1,
            f"the database ends at event {last_seq} but the checkpoint of {latest.created_at} "
            f"records event {latest.seq}: events were deleted, or the database was restored "
            f"from a backup older than that checkpoint (rollback)",
            ROLLBACK,
            last_seq,
            prev_hash,
            latest,
        )
    for anchor in sorted(found, key=lambda a: a.seq):
        event = at_seq.get(anchor.seq)
        if event is not None and not hmac.compare_digest(event.hash, anchor.head_hash):
            return _broken(
                chain,
                count,
                event,
                ANCHOR_MISMATCH,
                f"event {anchor.seq} differs from the checkpoint of {anchor.created_at}: "
                f"the chain was rewritten",
                last_seq=last_seq,
                last_hash=prev_hash,
                anchor=anchor,
            )
    covered = seen_keyed or any(a.seq >= last_legacy_seq for a in found)
    if last_legacy_seq and not covered and not seal_legacy:
        return ChainReport(
            chain,
            count,
            False,
            None,
            last_legacy_seq,
            f"events up to {last_legacy_seq} were written before audit keys and no checkpoint "
            f"seals them yet: run `doithoai audit anchor`",
            UNSEALED_LEGACY,
            last_seq,
            prev_hash,
        )
    return ChainReport(chain, count, True, last_seq=last_seq, last_hash=prev_hash, anchor=latest)


def verify(agency=None) -> list[ChainReport]:
    """Verify one agency's chain, or every chain (in the database or anchored) when none given."""
    if agency is not None:
        return [verify_chain(chain_for(agency.pk))]
    chains = set(AuditChainHead.objects.values_list("chain", flat=True))
    chains |= set(AuditEvent.objects.values_list("chain", flat=True).distinct())
    chains |= anchors.chains()
    return [verify_chain(chain) for chain in sorted(chains)]
