"""On PostgreSQL, index search_text with trigrams so diacritics-free search stays fast.

The search filter matches each word with LIKE '%word%', which a B-tree cannot serve; a GIN
trigram index can. SQLite has no such index and needs none at its scale.
"""

from django.db import migrations

CREATE = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS petition_search_trgm "
    "ON petitions_petition USING gin (search_text gin_trgm_ops)",
]
DROP = ["DROP INDEX IF EXISTS petition_search_trgm"]


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for sql in CREATE:
            schema_editor.execute(sql)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for sql in DROP:
            schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("petitions", "0002_topic_list_index")]

    operations = [migrations.RunPython(forwards, backwards)]
