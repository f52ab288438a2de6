"""Key rotation, events from before keys, the append-only table and `verify --objects`."""

import io

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction

from doithoai.audit import keys, protection, tracking, verification
from doithoai.audit.models import AuditEvent
from doithoai.audit.objects import verify_objects
from doithoai.petitions.models import Petition
from doithoai.testing.factories import received, submitted

from . import tampering

pytestmark = pytest.mark.usefixtures("seed_day")


def _chain(cast):
    return f"agency:{cast.agency.pk}"


# --- Keys ----------------------------------------------------------------------------------


def test_the_key_file_is_created_on_first_use_private_and_rotated(cast, settings, tmp_path):
    settings.AUDIT_HMAC_KEYS = []
    settings.AUDIT_KEY_FILE = tmp_path / "keys" / "audit-keys"
    first = submitted(cast)
    assert settings.AUDIT_KEY_FILE.stat().st_mode & 0o077 == 0
    old_id = AuditEvent.objects.get(object_id=str(first.pk), verb="petition.submitted").key_id
    out = io.StringIO()
    call_command("audit", "new-key", stdout=out)
    new_id = keys.current_key_id()
    assert new_id != old_id and new_id in out.getvalue()
    second = submitted(cast)
    event = AuditEvent.objects.get(object_id=str(second.pk), verb="petition.submitted")
    assert event.key_id == new_id
    assert verification.verify_chain(_chain(cast)).ok  # old events verify with the old key
    lines = settings.AUDIT_KEY_FILE.read_text().splitlines()
    settings.AUDIT_KEY_FILE.write_text(lines[0] + "\n")  # an operator drops the old key
    report = verification.verify_chain(_chain(cast))
    assert (report.ok, report.kind, report.broken_seq) == (False, "unknown_key", 1)


def test_keys_from_the_environment_rotate_by_putting_the_new_one_first(cast, settings):
    submitted(cast)
    settings.AUDIT_HMAC_KEYS = [
        "k2:the-second-key-is-long-enough",
        "test:doithoai-test-key-not-secret",
    ]
    submitted(cast)
    assert AuditEvent.objects.order_by("-pk").first().key_id == "k2"
    assert verification.verify_chain(_chain(cast)).ok
    with pytest.raises(ImproperlyConfigured, match="AUDIT_HMAC_KEYS"):
        keys.rotate()


@pytest.mark.parametrize("value", ["nocolon", "legacy:abcdefghijklmnopqr", "k:short"])
def test_malformed_keys_are_refused(settings, value):
    settings.AUDIT_HMAC_KEYS = [value]
    with pytest.raises(ImproperlyConfigured):
        keys.current_key_id()


# --- Events written before keys (existing databases) -----------------------------------------


def _make_legacy(cast):
    """Turn the cast's chain into what a database from before this release holds."""
    for event in AuditEvent.objects.filter(chain=_chain(cast)):
        tampering.update(event.pk, state_hash="", states={})
    tampering.recompute(_chain(cast), key_id="legacy")


def test_legacy_events_verify_once_sealed_by_the_operators_checkpoint(cast):
    received(cast)
    _make_legacy(cast)
    report = verification.verify_chain(_chain(cast))
    assert (report.ok, report.kind) == (False, "unsealed_legacy")
    assert "doithoai audit anchor" in report.problem
    call_command("audit", "anchor", stdout=io.StringIO())
    assert verification.verify_chain(_chain(cast)).ok


def test_a_keyed_event_after_legacy_ones_seals_them(cast):
    received(cast)
    _make_legacy(cast)
    submitted(cast)
    assert verification.verify_chain(_chain(cast)).ok
    legacy = AuditEvent.objects.filter(chain=_chain(cast), key_id="legacy").first()
    tampering.update(legacy.pk, reason="sửa lén")
    assert not verification.verify_chain(_chain(cast)).ok


# --- The table refuses changes in the database ---------------------------------------------


def test_the_database_refuses_to_update_or_delete_events(cast):
    submitted(cast)
    event = AuditEvent.objects.order_by("pk").last()
    assert protection.installed(connection)
    table = AuditEvent._meta.db_table
    for sql in (
        f"UPDATE {table} SET reason = 'x' WHERE id = %s",
        f"DELETE FROM {table} WHERE id = %s",
    ):
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql, [event.pk])
    assert AuditEvent.objects.get(pk=event.pk).reason == event.reason


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL only")
def test_postgresql_refuses_truncate_and_revokes_the_privileges(cast):
    submitted(cast)
    table = AuditEvent._meta.db_table
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"TRUNCATE {table} CASCADE")
    # Even with the triggers disabled, the role that ran the migration lacks the privilege.
    with (
        pytest.raises(DatabaseError, match="permission denied"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # no pending foreign-key checks
        cursor.execute(f"ALTER TABLE {table} DISABLE TRIGGER USER")
        cursor.execute(f"DELETE FROM {table}")
    assert AuditEvent.objects.exists()


def test_grant_sql_lets_a_separate_role_append_but_not_change_events():
    out = io.StringIO()
    call_command("audit", "grant-sql", "doithoai_app", stdout=out)
    sql = out.getvalue()
    assert (
        'GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO "doithoai_app"'
        in sql
    )
    assert 'REVOKE UPDATE, DELETE, TRUNCATE ON audit_auditevent FROM "doithoai_app"' in sql


# --- Domain rows against their last event -------------------------------------------------


def _raw_petition_update(petition, **values):
    columns = ", ".join(f"{Petition._meta.get_field(k).column} = %s" for k in values)
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {Petition._meta.db_table} SET {columns} WHERE id = %s",
            [*values.values(), petition.pk],
        )


def test_a_direct_sql_edit_of_a_petition_is_reported(cast):
    petition = received(cast, title="Kiến nghị gốc")
    other = received(cast)
    assert verify_objects() == []
    _raw_petition_update(petition, title="Kiến nghị đã sửa lén")
    (found,) = verify_objects()
    assert (found.object_type, found.object_id, found.problem) == (
        "petitions.petition",
        str(petition.pk),
        "changed",
    )
    assert verification.verify_chain(_chain(cast)).ok  # the chain itself is intact
    out = io.StringIO()
    with pytest.raises(CommandError, match="changed outside the application"):
        call_command("audit", "verify", "--objects", stdout=out)
    assert f"CHANGED petitions.petition:{petition.pk}" in out.getvalue()
    assert f"petitions.petition:{other.pk}" not in out.getvalue()


def test_rows_changed_by_an_action_without_their_own_event_stay_matched(cast):
    from doithoai.petitions import actions as pet

    lead = received(cast)
    duplicate = received(cast)
    pet.merge_petitions(lead=lead, duplicates=[duplicate], by=cast.secretariat, reason="Trùng")
    assert verify_objects() == []
    _raw_petition_update(duplicate, content="sửa lén bản trùng")
    assert [(m.object_id, m.problem) for m in verify_objects()] == [(str(duplicate.pk), "changed")]


def test_a_row_deleted_behind_the_applications_back_is_reported(cast):
    petition = submitted(cast)
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {Petition._meta.db_table} WHERE id = %s", [petition.pk])
    assert [(m.object_id, m.problem) for m in verify_objects()] == [(str(petition.pk), "deleted")]


def test_only_domain_apps_are_tracked():
    assert "audit" not in tracking.TRACKED_APPS and "notifications" not in tracking.TRACKED_APPS
    assert {"petitions", "conferences", "followups"} <= tracking.TRACKED_APPS
