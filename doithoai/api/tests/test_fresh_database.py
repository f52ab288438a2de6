"""`doithoai migrate` alone leaves the API working: the rate limit's cache table is made by
a migration, not only by the separate `createcachetable` command."""

import pytest
from django.core.management import call_command
from django.db import connection

TABLE = "doithoai_cache_fresh"


@pytest.mark.django_db(transaction=True)
def test_migrate_alone_creates_the_cache_table_and_the_api_answers(api, cast, settings):
    api.token(cast.staff)  # made first: making a token touches the cache (memberships)
    # The production default: a database cache (the test settings use local memory).
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": TABLE}
    }
    assert TABLE not in connection.introspection.table_names()
    broken = api.get(cast.staff, "/petitions/")
    assert broken.status_code == 500 and broken.json()["code"] == "server_error"
    call_command("migrate", "api", "0001", verbosity=0)
    call_command("migrate", "api", verbosity=0)
    assert TABLE in connection.introspection.table_names()
    try:
        assert api.get(cast.staff, "/petitions/").status_code == 200
    finally:
        settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
        with connection.cursor() as cursor:
            cursor.execute(f"DROP TABLE {connection.ops.quote_name(TABLE)}")
