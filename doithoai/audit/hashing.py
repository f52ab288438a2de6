"""The keyed hash of an event, and the keyed hash of an object's stored state.

An event's hash is HMAC-SHA256, under the key named in the event, of everything the event says
and the hash of the event before it; without the key nobody can recompute a chain. Events
written before keys existed (key id `legacy`) keep their plain SHA-256.
"""

import base64
import datetime
import decimal
import json
import uuid

from django.core.serializers.json import DjangoJSONEncoder

from . import keys

# The state hash of an object that no longer exists.
ABSENT = "absent"


def canonical(value):
    """Return `value` as plain JSON data (dates as ISO strings)."""
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder, sort_keys=True))


def _blob(payload: dict) -> bytes:
    return json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode(
        "utf-8"
    )


def compute_hash(event) -> str | None:
    """Hash what an event says with the hash before it; None when its key is unknown."""
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
        "before": canonical(event.before),
        "after": canonical(event.after),
        "reason": event.reason,
        "created_at": event.created_at.astimezone(datetime.UTC).isoformat(),
        "prev_hash": event.prev_hash,
    }
    if event.key_id != keys.LEGACY:
        payload["key_id"] = event.key_id
        payload["state_hash"] = event.state_hash
        payload["states"] = canonical(event.states or {})
    return keys.sign(event.key_id, _blob(payload))


def _plain(value):
    """Turn one stored column value into JSON data that keeps every digit and byte."""
    if isinstance(value, datetime.datetime):
        if value.tzinfo is not None:
            value = value.astimezone(datetime.UTC)
        return value.isoformat()
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, bytes | memoryview):
        return base64.b64encode(bytes(value)).decode("ascii")
    return value


def object_state(model, pk) -> dict | None:
    """Return the stored row of one object (every concrete column), or None if it is gone."""
    names = [field.attname for field in model._meta.concrete_fields]
    row = model._base_manager.filter(pk=pk).values_list(*names).first()
    if row is None:
        return None
    return {name: _plain(value) for name, value in zip(names, row, strict=True)}


def state_hash(model, pk, key_id: str) -> str:
    """Return the keyed hash of an object's stored row (keyed: the hash reveals no field)."""
    state = object_state(model, pk)
    if state is None:
        return ABSENT
    blob = _blob({"type": model._meta.label_lower, "state": state})
    return keys.sign(key_id, blob) or ""
