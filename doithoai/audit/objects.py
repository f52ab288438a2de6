"""Compare every audited object's stored row with the state its last event recorded.

Each event carries the keyed hash of its object's row right after the change; a row whose
current hash differs was changed without an action (a direct edit in SQL), and a row that is
gone while its last event saw it was deleted behind the application's back.
"""

import hmac
from dataclasses import dataclass

from django.apps import apps

from . import keys
from .hashing import ABSENT, state_hash
from .models import AuditEvent


@dataclass
class ObjectMismatch:
    """One domain row that no longer matches its last audit event."""

    object_type: str
    object_id: str
    event_id: int
    seq: int
    chain: str
    problem: str  # "changed" or "deleted" or "reappeared"


def _last_states(batch: int) -> dict[tuple[str, str], tuple]:
    """Map each audited row to the last event that sealed its state."""
    last: dict[tuple[str, str], tuple] = {}
    after = 0
    fields = ("pk", "object_type", "object_id", "state_hash", "key_id", "seq", "chain", "states")
    while True:
        rows = list(
            AuditEvent.objects.filter(pk__gt=after)
            .exclude(key_id=keys.LEGACY)
            .order_by("pk")
            .values_list(*fields)[:batch]
        )
        if not rows:
            return last
        for pk, object_type, object_id, digest, key_id, seq, chain, states in rows:
            for name, other in sorted((states or {}).items()):
                label, _, other_id = name.rpartition(":")
                last[(label, other_id)] = (pk, other, key_id, seq, chain)
            if digest:
                last[(object_type, object_id)] = (pk, digest, key_id, seq, chain)
        after = rows[-1][0]


def verify_objects(*, agency=None, batch: int = 5000) -> list[ObjectMismatch]:
    """Return every audited row whose stored state differs from its last event's state hash."""
    last = _last_states(batch)
    if agency is not None:
        chain = f"agency:{agency.pk}"
        last = {k: v for k, v in last.items() if v[4] == chain}
    found = []
    for (object_type, object_id), (pk, digest, key_id, seq, chain) in sorted(last.items()):
        try:
            model = apps.get_model(object_type)
        except (LookupError, ValueError):
            continue
        try:
            object_pk = model._meta.pk.to_python(object_id)
        except Exception:  # noqa: BLE001 - a key that no longer parses is a mismatch too
            object_pk = None
        current = state_hash(model, object_pk, key_id) if object_pk is not None else ABSENT
        if hmac.compare_digest(current, digest):
            continue
        if current == ABSENT:
            problem = "deleted"
        elif digest == ABSENT:
            problem = "reappeared"
        else:
            problem = "changed"
        found.append(ObjectMismatch(object_type, object_id, pk, seq, chain, problem))
    return found
