"""Write and verify the hash-chained audit log.

Each agency has its own chain so that a national installation can shard by agency; the
chain head row is locked while appending, so concurrent actions never fork a chain.
"""

import datetime
import hashlib
import json
from dataclasses import dataclass

from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone

from .models import AuditChainHead, AuditEvent, Verb

GLOBAL_CHAIN = "global"


def chain_for(agency_id) -> str:
    """Name the chain of an agency, or the global one."""
    return f"agency:{agency_id}" if agency_id else GLOBAL_CHAIN


def _canonical(value):
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder, sort_keys=True))


def compute_hash(event: AuditEvent) -> str:
    """Hash what an event says together with the hash of the event before it."""
    payload = {
        "chain": event.chain,
        "seq": event.seq,
        "agency": event.agency_id,
        "actor": event.actor_id,
        "actor_confidential": event.actor_confidential,
        "verb": event.verb,
        "object_type": event.object_type,
        "object_id": str(event.object_id),
        "object_repr": event.object_repr,
        "petition": event.petition_id,
        "conference": event.conference_id,
        "before": _canonical(event.before),
        "after": _canonical(event.after),
        "reason": event.reason,
        "created_at": event.created_at.astimezone(datetime.UTC).isoformat(),
        "prev_hash": event.prev_hash,
    }
    blob = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


def record(
    verb: Verb,
    obj,
    *,
    by,
    agency=None,
    before: dict | None = None,
    after: dict | None = None,
    reason: str = "",
    petition=None,
    conference=None,
    actor_confidential: bool = False,
) -> AuditEvent:
    """Append one event to the agency's chain, inside the caller's transaction."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("audit.record must run inside the action's transaction.")
    if agency is None:
        agency = getattr(obj, "agency", None)
    agency_id = agency.pk if agency is not None else None
    chain = chain_for(agency_id)
    AuditChainHead.objects.get_or_create(chain=chain)
    head = AuditChainHead.objects.select_for_update().get(chain=chain)
    actor = by if getattr(by, "is_authenticated", False) else None
    event = AuditEvent(
        chain=chain,
        seq=head.last_seq + 1,
        agency_id=agency_id,
        actor=actor,
        actor_confidential=actor_confidential,
        verb=verb,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        object_repr=str(obj)[:200],
        petition_id=petition.pk if petition is not None else None,
        conference_id=conference.pk if conference is not None else None,
        before=_canonical(before or {}),
        after=_canonical(after or {}),
        reason=reason,
        created_at=timezone.now(),
        prev_hash=head.last_hash,
    )
    event.hash = compute_hash(event)
    event.save(force_insert=True)
    head.last_seq = event.seq
    head.last_hash = event.hash
    head.save(update_fields=["last_seq", "last_hash"])
    return event


@dataclass
class ChainReport:
    """The outcome of verifying one chain."""

    chain: str
    events: int
    ok: bool
    broken_event_id: int | None = None
    broken_seq: int | None = None
    problem: str = ""


def verify_chain(chain: str, *, batch: int = 2000) -> ChainReport:
    """Recompute a chain from its first event; name the first event that does not match."""
    prev_hash = ""
    expected_seq = 1
    count = 0
    last_seq = 0
    while True:
        events = list(
            AuditEvent.objects.filter(chain=chain, seq__gt=last_seq).order_by("seq")[:batch]
        )
        if not events:
            break
        for event in events:
            count += 1
            problem = ""
            if event.seq != expected_seq:
                problem = f"missing event before seq {event.seq} (expected {expected_seq})"
            elif event.prev_hash != prev_hash:
                problem = "prev_hash does not match the previous event"
            elif compute_hash(event) != event.hash:
                problem = "stored data does not match its hash"
            if problem:
                return ChainReport(chain, count, False, event.pk, event.seq, problem)
            prev_hash = event.hash
            expected_seq += 1
            last_seq = event.seq
    head = AuditChainHead.objects.filter(chain=chain).first()
    if head and (head.last_seq != last_seq or head.last_hash != prev_hash):
        return ChainReport(chain, count, False, None, last_seq + 1, "events missing at the end")
    return ChainReport(chain, count, True)


def verify(agency=None) -> list[ChainReport]:
    """Verify one agency's chain, or every chain when no agency is given."""
    if agency is not None:
        return [verify_chain(chain_for(agency.pk))]
    chains = set(AuditChainHead.objects.values_list("chain", flat=True))
    chains |= set(AuditEvent.objects.values_list("chain", flat=True).distinct())
    return [verify_chain(chain) for chain in sorted(chains)]
