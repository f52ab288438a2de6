"""Bulk-load rows into a Django model's table: PostgreSQL COPY, or executemany on SQLite.

Rows are dicts keyed by field attname (`agency_id`, not `agency`); every column a row does
not give takes the field's default (callable defaults evaluated once per table, auto_now
fields set to the load time, nullable fields NULL, text fields ""). Ids are given by the
caller so that foreign keys can be set without reading anything back.
"""

import json

from django.core.management.color import no_style
from django.db import connection, models
from django.utils import timezone

_MISSING = object()


def _default(field, now):
    if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
        return now if isinstance(field, models.DateTimeField) else now.date()
    if field.has_default():
        return field.get_default()
    if field.null:
        return None
    if isinstance(field, models.CharField | models.TextField):
        return ""
    return _MISSING


class TableWriter:
    """Column order, defaults and value adaptation of one model."""

    def __init__(self, model):
        self.model = model
        now = timezone.now()
        self.fields = list(model._meta.concrete_fields)
        self.columns = [f.column for f in self.fields]
        self.attnames = [f.attname for f in self.fields]
        self.defaults = [_default(f, now) for f in self.fields]
        self.json = [isinstance(f, models.JSONField) for f in self.fields]
        self.postgres = connection.vendor == "postgresql"

    def values(self, row: dict) -> tuple:
        out = []
        for field, name, default, is_json in zip(
            self.fields, self.attnames, self.defaults, self.json, strict=True
        ):
            value = row.get(name, default)
            if value is _MISSING:
                raise KeyError(f"{self.model.__name__}.{name} has no default; give it")
            if is_json:
                value = json.dumps(value, ensure_ascii=False)
            elif not self.postgres and value is not None:
                value = field.get_db_prep_save(value, connection)
            out.append(value)
        return tuple(out)


_writers: dict = {}


def load(model, rows) -> int:
    """Insert `rows` (an iterable of dicts) into `model`'s table; return how many."""
    writer = _writers.get(model) or _writers.setdefault(model, TableWriter(model))
    table = connection.ops.quote_name(model._meta.db_table)
    cols = ", ".join(connection.ops.quote_name(c) for c in writer.columns)
    n = 0
    with connection.cursor() as cursor:
        if writer.postgres:
            raw = cursor.cursor  # the psycopg 3 cursor under Django's wrapper
            with raw.copy(f"COPY {table} ({cols}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(writer.values(row))
                    n += 1
        else:
            marks = ", ".join(["%s"] * len(writer.columns))
            batch = []
            sql = f"INSERT INTO {table} ({cols}) VALUES ({marks})"
            for row in rows:
                batch.append(writer.values(row))
                if len(batch) >= 5000:
                    cursor.executemany(sql, batch)
                    n += len(batch)
                    batch = []
            if batch:
                cursor.executemany(sql, batch)
                n += len(batch)
    return n


def reset_sequences(models_list) -> None:
    """Move each table's id sequence past the ids the load gave."""
    statements = connection.ops.sequence_reset_sql(no_style(), models_list)
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)
