"""Refuse UPDATE, DELETE (and on PostgreSQL TRUNCATE) of audit events in the database itself."""

from django.db import migrations


def install(apps, schema_editor):
    from doithoai.audit import protection

    protection.install(schema_editor.connection)


def remove(apps, schema_editor):
    from doithoai.audit import protection

    protection.remove(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("audit", "0006_event_key_and_state")]

    operations = [migrations.RunPython(install, remove, elidable=False)]
