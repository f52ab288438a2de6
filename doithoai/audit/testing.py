"""Pytest plugin (loaded by the root conftest): audit keys and checkpoints for every test.

Each test signs with a fixed key and writes checkpoints into its own temporary folder. A
transactional test's teardown empties every table, which the audit table refuses: the
flush lifts the protection for the table's owner and puts it back.
"""

import pytest

TEST_KEY = "test:doithoai-test-key-not-secret"


@pytest.fixture(autouse=True)
def _audit_keys_and_anchors(settings, tmp_path):
    settings.AUDIT_HMAC_KEYS = [TEST_KEY]
    settings.AUDIT_KEY_FILE = tmp_path / "audit-keys"
    settings.AUDIT_ANCHOR_DIR = tmp_path / "audit-anchors"
    settings.BACKUP_DIR = tmp_path / "backups"


@pytest.fixture(autouse=True, scope="session")
def _audit_flush_allowed():
    from django.db.backends.base.operations import BaseDatabaseOperations

    from doithoai.audit import protection

    original = BaseDatabaseOperations.execute_sql_flush

    def execute_sql_flush(self, sql_list):
        if any(protection.TABLE in sql for sql in sql_list):
            with protection.lifted(self.connection):
                return original(self, sql_list)
        return original(self, sql_list)

    BaseDatabaseOperations.execute_sql_flush = execute_sql_flush
    yield
    BaseDatabaseOperations.execute_sql_flush = original
