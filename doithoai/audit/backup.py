"""Back up and restore the database and the media folder as one archive with a manifest.

PostgreSQL goes through `pg_dump`/`pg_restore` (custom format), SQLite through its online
backup API; the media folder follows the database (uploads are never rewritten, so every
file the dumped database names is in the archive). The manifest records when, from which
database, and the latest checkpoints of the audit chains; the checkpoints themselves stay
outside the archive, so that a restore older than them is found by `audit verify`.
"""

import datetime
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import connection, connections

from . import anchors, protection
from .models import AuditChainHead
from .verification import verify

FORMAT = 1
PREFIX = "doithoai-backup-"
MANIFEST = "manifest.json"


class BackupError(Exception):
    """A backup or restore that cannot go on, with the reason in words."""


@dataclass
class RestoreResult:
    """What a restore did: the manifest it read and the verification that followed."""

    manifest: dict
    media_moved_to: Path | None
    reports: list


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _pg_env_and_args() -> tuple[dict, list[str]]:
    conf = connection.settings_dict
    env = dict(os.environ)
    if conf.get("PASSWORD"):
        env["PGPASSWORD"] = str(conf["PASSWORD"])
    args = []
    for flag, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if conf.get(key):
            args += [flag, str(conf[key])]
    return env, [*args, "--dbname", str(conf["NAME"])]


def _tool(name: str) -> str:
    found = shutil.which(name)
    if not found:
        raise BackupError(f"{name} is not installed (apt-get install postgresql-client)")
    return found


def _dump_database(folder: Path) -> str:
    if connection.vendor == "sqlite":
        target = folder / "database.sqlite3"
        connection.ensure_connection()
        destination = sqlite3.connect(target)
        try:
            connection.connection.backup(destination)  # a consistent online copy
        finally:
            destination.close()
        return target.name
    if connection.vendor == "postgresql":
        target = folder / "database.dump"
        env, args = _pg_env_and_args()
        command = [_tool("pg_dump"), "--format=custom", "--file", str(target), *args]
        done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
        if done.returncode:
            raise BackupError(f"pg_dump failed: {done.stderr.strip()}")
        return target.name
    raise BackupError(f"backups of {connection.vendor} databases are not supported")


def _chain_state() -> tuple[dict, dict]:
    heads = {
        h.chain: {"seq": h.last_seq, "hash": h.last_hash} for h in AuditChainHead.objects.all()
    }
    latest = {}
    for chain in sorted(set(heads) | anchors.chains()):
        anchor = anchors.latest(chain)
        if anchor is not None:
            latest[chain] = {
                "seq": anchor.seq,
                "head_hash": anchor.head_hash,
                "created_at": anchor.created_at,
                "key_id": anchor.key_id,
                "file": anchor.path.name,
            }
    return heads, latest


def backup(directory=None) -> tuple[Path, dict]:
    """Write one archive (database, media, manifest) into `directory`; return it and the manifest.

    The audit chains are anchored first, so that the archive's state is itself checkpointed.
    """
    directory = Path(directory or settings.BACKUP_DIR)
    directory.mkdir(parents=True, exist_ok=True)
    anchored = anchors.anchor()
    now = datetime.datetime.now(datetime.UTC)
    with tempfile.TemporaryDirectory(dir=directory, prefix=".backup-") as work:
        folder = Path(work)
        database = _dump_database(folder)
        heads, latest = _chain_state()
        media = Path(settings.MEDIA_ROOT)
        manifest = {
            "format": FORMAT,
            "created_at": now.isoformat(),
            "db_vendor": connection.vendor,
            "database": database,
            "database_sha256": _sha256(folder / database),
            "media_files": sum(1 for p in media.rglob("*") if p.is_file()) if media.is_dir() else 0,
            "chain_heads": heads,
            "latest_anchors": latest,
            "anchors_refused": sorted(r.chain for r in anchored if r.refused is not None),
        }
        (folder / MANIFEST).write_text(json.dumps(manifest, indent=1, sort_keys=True), "utf-8")
        partial = folder / "archive.partial"
        with tarfile.open(partial, "w:gz") as archive:
            archive.add(folder / MANIFEST, arcname=MANIFEST)
            archive.add(folder / database, arcname=database)
            if media.is_dir():
                archive.add(media, arcname="media")
        os.chmod(partial, 0o600)  # personal data: readable by the operator only
        target = directory / f"{PREFIX}{now:%Y%m%dT%H%M%SZ}.tar.gz"
        n = 1
        while target.exists():
            n += 1
            target = directory / f"{PREFIX}{now:%Y%m%dT%H%M%SZ}-{n}.tar.gz"
        os.replace(partial, target)
    return target, manifest


def _source(path: Path) -> Path:
    if path.is_dir() and not (path / MANIFEST).exists():
        archives = sorted(path.glob(f"{PREFIX}*.tar.gz"))
        if not archives:
            raise BackupError(f"no backup archive in {path}")
        return archives[-1]
    if not path.exists():
        raise BackupError(f"{path} does not exist")
    return path


def _unpack(path: Path, work: Path) -> Path:
    if path.is_dir():
        return path
    try:
        with tarfile.open(path, "r:*") as archive:
            archive.extractall(work, filter="data")
    except (tarfile.TarError, OSError) as error:
        raise BackupError(f"{path} is not a readable backup archive: {error}") from None
    return work


def read_manifest(folder: Path) -> dict:
    """Read and check a backup's manifest."""
    try:
        manifest = json.loads((folder / MANIFEST).read_text("utf-8"))
    except (OSError, ValueError) as error:
        raise BackupError(f"the backup has no readable {MANIFEST}: {error}") from None
    if manifest.get("format") != FORMAT:
        raise BackupError(f"unknown backup format {manifest.get('format')!r}")
    return manifest


def _restore_database(folder: Path, manifest: dict) -> None:
    dump = folder / manifest["database"]
    if _sha256(dump) != manifest["database_sha256"]:
        raise BackupError("the database file does not match the manifest's checksum")
    if connection.vendor == "sqlite":
        if connection.in_atomic_block:
            raise BackupError("cannot restore inside a transaction")
        connection.ensure_connection()
        source = sqlite3.connect(dump)
        try:
            source.backup(connection.connection)
        finally:
            source.close()
        return
    env, args = _pg_env_and_args()
    connections.close_all()
    command = [
        _tool("pg_restore"),
        "--clean",
        "--if-exists",
        "--no-owner",
        "--no-acl",
        "--single-transaction",
        "--exit-on-error",
        *args,
        str(dump),
    ]
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if done.returncode:
        raise BackupError(f"pg_restore failed: {done.stderr.strip()}")
    protection.install(connection)  # privileges are not restored (--no-acl): revoke again


def _restore_media(folder: Path) -> Path | None:
    media = Path(settings.MEDIA_ROOT)
    moved = None
    if media.exists() and any(media.iterdir()):
        stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
        moved = media.with_name(f"{media.name}.before-restore-{stamp}")
        os.replace(media, moved)
    elif media.exists():
        media.rmdir()
    source = folder / "media"
    if source.is_dir():
        media.parent.mkdir(parents=True, exist_ok=True)
        shutil.copytree(source, media)
    else:
        media.mkdir(parents=True, exist_ok=True)
    return moved


def restore(path) -> RestoreResult:
    """Restore a backup (an archive, a folder of archives, or an unpacked backup), then verify.

    The current media folder is kept beside the restored one, never deleted.
    """
    path = _source(Path(path))
    with tempfile.TemporaryDirectory(prefix="doithoai-restore-") as work:
        folder = _unpack(path, Path(work))
        manifest = read_manifest(folder)
        if manifest["db_vendor"] != connection.vendor:
            raise BackupError(
                f"the backup holds a {manifest['db_vendor']} database; this installation "
                f"uses {connection.vendor}"
            )
        _restore_database(folder, manifest)
        moved = _restore_media(folder)
    return RestoreResult(manifest, moved, verify())
