"""`doithoai backup` and `doithoai restore`: a round trip on this database (SQLite or PostgreSQL),
and a restore older than the latest checkpoint reported as a rollback."""

import io
import json
import shutil
import tarfile

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from doithoai.audit import anchors, log
from doithoai.audit.backup import BackupError, read_manifest, restore
from doithoai.petitions.models import Petition
from doithoai.testing.factories import submitted

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor == "postgresql" and not shutil.which("pg_dump"),
        reason="pg_dump is not installed",
    ),
]


def _backup(tmp_path):
    out = io.StringIO()
    call_command("backup", str(tmp_path / "backups"), stdout=out)
    (archive,) = (tmp_path / "backups").glob("doithoai-backup-*.tar.gz")
    assert str(archive) in out.getvalue()
    return archive


def _restore(source):
    out = io.StringIO()
    call_command("restore", str(source), "--noinput", stdout=out)
    return out.getvalue()


def test_backup_restore_verify_round_trip(cast, settings, tmp_path):
    petition = submitted(cast, title="Kiến nghị trong bản sao lưu")
    media = settings.MEDIA_ROOT
    (media / "attachments").mkdir(parents=True)
    (media / "attachments" / "bien-ban.pdf").write_bytes(b"%PDF-1.4 bien ban")
    archive = _backup(tmp_path)
    assert archive.stat().st_mode & 0o077 == 0
    with tarfile.open(archive) as tar:
        names = set(tar.getnames())
    database = "database.sqlite3" if connection.vendor == "sqlite" else "database.dump"
    assert {"manifest.json", database, "media/attachments/bien-ban.pdf"} <= names

    # Things go wrong after the backup: a row is lost, an upload is overwritten.
    Petition.objects.filter(pk=petition.pk).update(title="Hỏng")
    (media / "attachments" / "bien-ban.pdf").write_bytes(b"overwritten")

    output = _restore(archive)
    assert Petition.objects.get(pk=petition.pk).title == "Kiến nghị trong bản sao lưu"
    assert (media / "attachments" / "bien-ban.pdf").read_bytes() == b"%PDF-1.4 bien ban"
    kept = list(media.parent.glob("media.before-restore-*"))
    assert len(kept) == 1 and (kept[0] / "attachments" / "bien-ban.pdf").read_bytes() == (
        b"overwritten"
    )
    assert "ROLLBACK" not in output and f"OK agency:{cast.agency.pk}" in output
    assert all(r.ok for r in log.verify())
    call_command("audit", "verify", stdout=io.StringIO())  # passes


def test_the_manifest_records_the_database_and_the_latest_checkpoints(cast, tmp_path):
    submitted(cast)
    archive = _backup(tmp_path)
    with tarfile.open(archive) as tar:
        tar.extractall(tmp_path / "unpacked", filter="data")
    manifest = read_manifest(tmp_path / "unpacked")
    chain = log.chain_for(cast.agency.pk)
    latest = anchors.latest(chain)
    assert manifest["db_vendor"] == connection.vendor
    assert manifest["latest_anchors"][chain]["seq"] == latest.seq
    assert manifest["chain_heads"][chain]["seq"] == latest.seq  # anchored at backup time
    # An unpacked backup restores too.
    assert "restored" in _restore(tmp_path / "unpacked")


def test_restoring_a_backup_older_than_the_latest_checkpoint_is_reported(cast, tmp_path):
    submitted(cast, title="Có trong bản sao lưu")
    archive = _backup(tmp_path)
    for n in range(5):
        submitted(cast, title=f"Kiến nghị mới {n}")  # lost by the restore
    call_command("audit", "anchor", stdout=io.StringIO())
    output = _restore(tmp_path / "backups")  # a folder: its newest archive
    assert Petition.objects.filter(title__startswith="Kiến nghị mới").count() == 0
    chain = log.chain_for(cast.agency.pk)
    assert f"ROLLBACK {chain}" in output and "OLDER than the latest audit checkpoint" in output
    out = io.StringIO()
    with pytest.raises(CommandError, match="broken"):
        call_command("audit", "verify", stdout=out)
    assert f"ROLLBACK {chain}" in out.getvalue() and "rollback" in out.getvalue()
    assert archive.exists()


def test_a_damaged_or_foreign_backup_is_refused(cast, tmp_path):
    archive = _backup(tmp_path)
    with tarfile.open(archive) as tar:
        tar.extractall(tmp_path / "unpacked", filter="data")
    manifest_path = tmp_path / "unpacked" / "manifest.json"
    manifest = json.loads(manifest_path.read_text())
    manifest["db_vendor"] = "oracle"
    manifest_path.write_text(json.dumps(manifest))
    with pytest.raises(BackupError, match="oracle"):
        restore(tmp_path / "unpacked")
    manifest["db_vendor"] = connection.vendor
    manifest["database_sha256"] = "0" * 64
    manifest_path.write_text(json.dumps(manifest))
    with pytest.raises(BackupError, match="checksum"):
        restore(tmp_path / "unpacked")
    (tmp_path / "junk.tar.gz").write_bytes(b"not an archive")
    with pytest.raises(CommandError, match="not a readable backup"):
        _restore(tmp_path / "junk.tar.gz")
    with pytest.raises(CommandError, match="no backup archive"):
        _restore(tmp_path / "unpacked" / "..")  # a folder with no archive and no manifest
