"""Create the database cache table(s) that the API's rate limit (and form tokens) rely on.

Without it a database migrated with `doithoai migrate` alone answered every API call with a
500: the table used to be made only by the separate `createcachetable` command. The
command is idempotent and does nothing for a cache that is not database-backed (memcached,
Redis), so running it here is safe whatever `CACHES` says.
"""

from django.core.management import call_command
from django.db import migrations


def create_cache_tables(apps, schema_editor):
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = [("api", "0001_initial")]

    operations = [migrations.RunPython(create_cache_tables, migrations.RunPython.noop)]
