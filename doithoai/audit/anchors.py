"""Signed checkpoints of the chain heads, kept outside the database (anchors).

A checkpoint says "chain C had N events and its last hash was H at time T", signed with the
current audit key. Each is one file under `AUDIT_ANCHOR_DIR/<chain>/`, created exclusively
and never rewritten; the file names number the checkpoints of a chain in the order written.
Verification compares the database with them: a database that ends before the latest
checkpoint was truncated or restored from an older backup.
"""

import datetime
import hmac
import json
import logging
import os
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from . import keys

logger = logging.getLogger(__name__)

VERSION = 1


@dataclass
class Anchor:
    """One checkpoint file, read back; `valid` is False when its signature does not hold."""

    chain: str
    seq: int
    head_hash: str
    created_at: str
    key_id: str
    reset: bool
    path: Path
    index: int
    valid: bool


@dataclass
class AnchorResult:
    """What `anchor` did for one chain: wrote a checkpoint, skipped it, or refused."""

    chain: str
    written: Anchor | None = None
    skipped: str = ""
    refused: object = None  # the ChainReport that stopped it


def directory() -> Path:
    """Return the directory of every chain's checkpoints."""
    return Path(settings.AUDIT_ANCHOR_DIR)


def _chain_dir(chain: str) -> Path:
    return directory() / chain.replace(":", "-")


def chains() -> set[str]:
    """Return the chains that have checkpoints."""
    root = directory()
    if not root.is_dir():
        return set()
    found = set()
    for entry in root.iterdir():
        if entry.is_dir() and any(entry.glob("*.json")):
            kind, _, number = entry.name.partition("-")
            found.add(f"{kind}:{number}" if number else kind)
    return found


def _signed_blob(data: dict) -> bytes:
    fields = {k: v for k, v in data.items() if k != "signature"}
    text = json.dumps(fields, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return ("doithoai-audit-anchor:" + text).encode("utf-8")


def read(path: Path, chain: str | None = None) -> Anchor:
    """Read one checkpoint file and check its signature (and that it belongs to `chain`)."""
    index = int(path.name.split("-", 1)[0]) if path.name[:1].isdigit() else -1
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        expected = keys.sign(str(data["key_id"]), _signed_blob(data))
        valid = (
            data.get("version") == VERSION
            and expected is not None
            and data.get("key_id") != keys.LEGACY
            and hmac.compare_digest(expected, str(data["signature"]))
            and (chain is None or data["chain"] == chain)
        )
        return Anchor(
            chain=str(data["chain"]),
            seq=int(data["seq"]),
            head_hash=str(data["head_hash"]),
            created_at=str(data["created_at"]),
            key_id=str(data["key_id"]),
            reset=bool(data.get("reset", False)),
            path=path,
            index=index,
            valid=bool(valid),
        )
    except (OSError, ValueError, KeyError, TypeError):
        return Anchor(chain or "", 0, "", "", "", False, path, index, False)


def for_chain(chain: str) -> list[Anchor]:
    """Return every checkpoint of a chain in the order they were written."""
    folder = _chain_dir(chain)
    if not folder.is_dir():
        return []
    found = [read(path, chain) for path in folder.glob("*.json")]
    return sorted(found, key=lambda a: (a.index, a.path.name))


def in_force(found: list[Anchor]) -> list[Anchor]:
    """Return the checkpoints that count: those from the latest accepted rollback on."""
    start = 0
    for position, anchor in enumerate(found):
        if anchor.reset:
            start = position
    return found[start:]


def latest(chain: str) -> Anchor | None:
    """Return the latest valid checkpoint in force for a chain, if any."""
    valid = [a for a in in_force(for_chain(chain)) if a.valid]
    return max(valid, key=lambda a: (a.seq, a.index), default=None)


def write(chain: str, seq: int, head_hash: str, *, agency_id=None, reset=False) -> Anchor:
    """Write one signed checkpoint as a new file; never overwrite one."""
    folder = _chain_dir(chain)
    folder.mkdir(parents=True, exist_ok=True)
    now = timezone.now().astimezone(datetime.UTC)
    key_id = keys.current_key_id()
    data = {
        "version": VERSION,
        "chain": chain,
        "agency": agency_id,
        "seq": seq,
        "head_hash": head_hash,
        "created_at": now.isoformat(),
        "key_id": key_id,
        "reset": reset,
    }
    data["signature"] = keys.sign(key_id, _signed_blob(data))
    body = json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    index = len(list(folder.glob("*.json")))
    while True:
        path = folder / f"{index:08d}-{now:%Y%m%dT%H%M%S%f}Z-seq{seq}.json"
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o444)
        except FileExistsError:
            index += 1
            continue
        break
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(body)
        handle.flush()
        os.fsync(handle.fileno())
    try:
        dir_fd = os.open(folder, os.O_RDONLY)
        os.fsync(dir_fd)
        os.close(dir_fd)
    except OSError:  # some file systems do not sync directories
        pass
    return read(path, chain)


def _agency_id(chain: str):
    kind, _, number = chain.partition(":")
    return int(number) if kind == "agency" and number.isdigit() else None


def anchor(
    agency=None, *, seal_legacy: bool = False, accept_rollback: bool = False
) -> list[AnchorResult]:
    """Verify each chain (one agency's, or all) and write a checkpoint of its head.

    A broken chain is not anchored (that would bless the tampering); a chain unchanged since
    its latest checkpoint is skipped. `accept_rollback` records, after a deliberate restore
    of an older backup, that checkpoints before this one no longer apply (a reset checkpoint).
    """
    from .verification import ANCHOR_MISMATCH, ROLLBACK, verify, verify_chain

    if agency is not None:
        targets = [verify_chain(f"agency:{agency.pk}", seal_legacy=seal_legacy)]
    elif seal_legacy:
        targets = [verify_chain(r.chain, seal_legacy=True) for r in verify()]
    else:
        targets = verify()
    results = []
    for report in targets:
        result = AnchorResult(report.chain)
        reset = False
        if not report.ok:
            if not (accept_rollback and report.kind in (ROLLBACK, ANCHOR_MISMATCH)):
                result.refused = report
                results.append(result)
                continue
            reset = True
        if not reset and report.last_seq == 0:
            result.skipped = "empty"
        elif (
            not reset
            and report.anchor is not None
            and (report.anchor.seq, report.anchor.head_hash) == (report.last_seq, report.last_hash)
        ):
            result.skipped = "unchanged"
        else:
            result.written = write(
                report.chain,
                report.last_seq,
                report.last_hash,
                agency_id=_agency_id(report.chain),
                reset=reset,
            )
        results.append(result)
    return results


def anchor_on_commit(agency) -> None:
    """Anchor an agency's chain once the current transaction commits (never fails the action)."""

    def run():
        try:
            for result in anchor(agency):
                if result.refused is not None:
                    logger.error("audit checkpoint refused: %s", result.refused.problem)
        except Exception:  # the action succeeded; a failed checkpoint must be seen in the logs
            logger.exception("audit checkpoint failed for agency %s", agency.pk)

    transaction.on_commit(run)
