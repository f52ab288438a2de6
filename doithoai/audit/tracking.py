"""Note the domain rows an action saves, so that its audit event can seal their state too.

An action may change several rows (a merge closes the duplicates, a conference's close
answers its petitions) but records one event; the event carries the keyed state hash of each
row saved in the transaction before it, so `audit verify --objects` knows every row's last
sealed state. Only the domain apps' rows are tracked (not sessions, caches or notifications).
Rows changed in the transaction after its last event are not sealed: actions save, then record.
"""

import threading

from django.db import connection, transaction
from django.db.models.query import QuerySet
from django.db.models.signals import post_delete, post_save

TRACKED_APPS = frozenset(
    {
        "organizations",
        "petitions",
        "conferences",
        "followups",
        "deadlines",
        "workdays",
        "oversight",
        "reports",
    }
)
_LIMIT = 10_000
_local = threading.local()


def _pending() -> dict:
    if not hasattr(_local, "rows"):
        _local.rows = {}
    return _local.rows


def _add(model, pk) -> None:
    rows = _pending()
    if not rows:
        # Forget what a transaction saved after its last event once it commits.
        transaction.on_commit(rows.clear)
    elif len(rows) >= _LIMIT:
        rows.clear()
    rows[(model._meta.label_lower, str(pk))] = model


def _note(sender, instance, **kwargs):
    if sender._meta.app_label not in TRACKED_APPS or kwargs.get("raw"):
        return
    if connection.in_atomic_block:
        _add(sender, instance.pk)


def _tracking_update(original):
    def update(self, **kwargs):
        model = self.model
        if model._meta.app_label not in TRACKED_APPS or not connection.in_atomic_block:
            return original(self, **kwargs)
        pks = list(self.values_list("pk", flat=True))
        count = original(self, **kwargs)
        for pk in pks:
            _add(model, pk)
        return count

    update.audit_tracking = True
    update.__doc__ = original.__doc__
    return update


def take() -> dict:
    """Return and forget the rows saved since the last event: {(label, pk): model}."""
    rows = dict(_pending())
    _pending().clear()
    return rows


def connect() -> None:
    """Listen to every model's saves and deletes (called once from the app's ready()).

    `QuerySet.update()` sends no signal, so it is wrapped to note the rows it changes (one
    SELECT of their keys first, only for the tracked apps inside a transaction).
    """
    post_save.connect(_note, dispatch_uid="audit-track-save")
    post_delete.connect(_note, dispatch_uid="audit-track-delete")
    if not getattr(QuerySet.update, "audit_tracking", False):
        QuerySet.update = _tracking_update(QuerySet.update)
