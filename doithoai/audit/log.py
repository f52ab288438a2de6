"""Write the keyed, hash-chained audit log; verification lives in `verification`.

Each agency has its own chain so that a national installation can shard by agency; the
chain head row is locked while appending, so concurrent actions never fork a chain. Each
event is sealed with HMAC-SHA256 under a key held outside the database (see `keys`) and
carries the keyed hash of its object's stored row after the change (see `objects`).
Once the event's transaction commits, the agency's generation changes (`core.generations`),
so pages cached from its records are computed anew.
"""

from django.db import models, transaction
from django.utils import timezone

from doithoai.core import generations

from . import keys, tracking
from .hashing import canonical as _canonical
from .hashing import compute_hash, state_hash
from .models import AuditChainHead, AuditEvent, Verb
from .verification import GLOBAL_CHAIN, ChainReport, chain_for, verify, verify_chain

ACCESS_PREFIX = "access."  # log-ins and log-outs change nothing a page shows

__all__ = [
    "GLOBAL_CHAIN",
    "ChainReport",
    "chain_for",
    "compute_hash",
    "record",
    "verify",
    "verify_chain",
]


def _is_row(obj) -> bool:
    return isinstance(obj, models.Model) and obj.pk is not None


def _other_states(obj, key_id: str) -> dict[str, str]:
    """Seal the state of every other row the transaction saved since the last event."""
    main = (obj._meta.label_lower, str(obj.pk))
    return {
        f"{label}:{pk}": state_hash(model, model._meta.pk.to_python(pk), key_id)
        for (label, pk), model in sorted(tracking.take().items(), key=lambda item: item[0])
        if (label, pk) != main
    }


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
    key_id = keys.current_key_id()
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
        key_id=key_id,
        # Only a stored row has a state to seal (an access event may name an unknown account);
        # `__class__`, not `type()`: a lazily loaded request user wraps its model.
        state_hash=state_hash(obj.__class__, obj.pk, key_id) if _is_row(obj) else "",
        states=_other_states(obj, key_id),
    )
    event.hash = compute_hash(event)
    event.save(force_insert=True)
    head.last_seq = event.seq
    head.last_hash = event.hash
    head.save(update_fields=["last_seq", "last_hash"])
    if not str(verb).startswith(ACCESS_PREFIX):
        # What pages cached from this agency's records is stale once this commits.
        generations.bump_on_commit(agency_id if agency_id is not None else generations.SITE)
    return event
