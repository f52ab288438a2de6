"""What an insider with the database owner's rights does to the audit table, in raw SQL."""

from django.db import connection

from doithoai.audit import protection
from doithoai.audit.hashing import compute_hash
from doithoai.audit.models import AuditChainHead, AuditEvent

TABLE = AuditEvent._meta.db_table


def _set(cursor, table, pk, **values):
    model = AuditEvent if table == TABLE else AuditChainHead
    columns, params = [], []
    for name, value in values.items():
        field = model._meta.get_field(name)
        columns.append(f"{connection.ops.quote_name(field.column)} = %s")
        params.append(field.get_db_prep_save(value, connection))
    cursor.execute(f"UPDATE {table} SET {', '.join(columns)} WHERE id = %s", [*params, pk])


def update(event_pk, **values):
    """Change stored fields of one event behind the model's back."""
    with protection.lifted(connection), connection.cursor() as cursor:
        _set(cursor, TABLE, event_pk, **values)


def delete(*event_pks):
    """Delete events behind the model's back."""
    with protection.lifted(connection), connection.cursor() as cursor:
        for pk in event_pks:
            cursor.execute(f"DELETE FROM {TABLE} WHERE id = %s", [pk])


def set_head(chain, seq, last_hash):
    """Make the chain head agree with a shortened chain."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {AuditChainHead._meta.db_table} SET last_seq = %s, last_hash = %s "
            f"WHERE chain = %s",
            [seq, last_hash, chain],
        )


def truncate_after(chain, seq):
    """Delete every event after `seq` and reset the head, as a careful insider would."""
    events = AuditEvent.objects.filter(chain=chain)
    delete(*events.filter(seq__gt=seq).values_list("pk", flat=True))
    last = events.filter(seq=seq).first()
    set_head(chain, seq, last.hash if last else "")


def delete_chain(chain):
    """Delete a whole chain and its head."""
    delete(*AuditEvent.objects.filter(chain=chain).values_list("pk", flat=True))
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {AuditChainHead._meta.db_table} WHERE chain = %s", [chain])


def renumber(chain):
    """Close the gaps left by deleted events: number the events 1, 2, 3… again."""
    events = list(AuditEvent.objects.filter(chain=chain).order_by("seq"))
    for offset, event in enumerate(events):
        update(event.pk, seq=10_000_000 + offset)  # out of the way of the unique constraint
    for offset, event in enumerate(events):
        update(event.pk, seq=offset + 1)


def recompute(chain, *, key_id=None, from_seq=1):
    """Recompute every hash from `from_seq` on with the product's own function, fix the head.

    With `key_id` the events are relabelled to that key (e.g. "legacy") first.
    """
    events = list(AuditEvent.objects.filter(chain=chain).order_by("seq"))
    prev = ""
    for event in events:
        if event.seq >= from_seq:
            if key_id is not None:
                event.key_id = key_id
            event.prev_hash = prev
            event.hash = compute_hash(event)
            update(event.pk, key_id=event.key_id, prev_hash=event.prev_hash, hash=event.hash)
        prev = event.hash
    set_head(chain, events[-1].seq if events else 0, prev)
