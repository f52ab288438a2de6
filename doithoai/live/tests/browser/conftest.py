"""Browser tests: the live server driven by Playwright (see doithoai.testing.browser)."""

import pytest

from doithoai.testing.browser import committed_cast

cast = pytest.fixture(committed_cast)


@pytest.fixture(autouse=True)
def _readers_do_not_lock_tables(settings):
    """Let the three browsers' polls read while the chair writes.

    The test database is SQLite in memory with a shared cache, where a reader holds a table
    lock that makes a concurrent writer fail at once ("database table is locked"); a file
    database (the embedded default) waits instead (WAL, busy timeout). Reading uncommitted
    rows is the shared cache's way of letting readers not lock.
    """
    from django.db import connection
    from django.db.backends.signals import connection_created

    def relax(sender, connection, **kwargs):
        if connection.vendor == "sqlite":
            connection.cursor().execute("PRAGMA read_uncommitted = 1")

    connection_created.connect(relax, dispatch_uid="live-browser-read-uncommitted")
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        connection.cursor().execute("PRAGMA read_uncommitted = 1")
    yield
    connection_created.disconnect(dispatch_uid="live-browser-read-uncommitted")
