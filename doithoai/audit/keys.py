"""The audit log's HMAC keys, held outside the database and rotatable.

Keys come from `AUDIT_HMAC_KEYS` (`id:secret` pairs, the first one current) or, when that is
empty, from `AUDIT_KEY_FILE` (one `id:secret` a line, the first line current), which is created
with one random key on first use. Every event and checkpoint records the id of the key that
signed it, so old keys stay listed after a rotation and keep verifying what they signed.
"""

import datetime
import hashlib
import hmac
import os
import secrets
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

# Events written before keys existed: a plain SHA-256 chain, accepted only as a chain's prefix.
LEGACY = "legacy"

_cache: dict = {}


def _parse(lines) -> dict[str, bytes]:
    keys: dict[str, bytes] = {}
    for raw in lines:
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        key_id, sep, secret = line.partition(":")
        key_id, secret = key_id.strip(), secret.strip()
        if not sep or not key_id or not secret or key_id == LEGACY or len(key_id) > 40:
            raise ImproperlyConfigured(
                "Audit keys must be `id:secret` pairs (id at most 40 characters, not 'legacy')."
            )
        if len(secret) < 16:
            raise ImproperlyConfigured(
                f"Audit key {key_id!r} is too short (16 characters at least)."
            )
        keys.setdefault(key_id, secret.encode("utf-8"))
    return keys


def new_key_line() -> str:
    """Return a fresh `id:secret` line: the id names the moment it was made."""
    stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%d%H%M%S")
    return f"k{stamp}-{secrets.token_hex(3)}:{secrets.token_urlsafe(32)}"


def _key_file() -> Path:
    path = Path(settings.AUDIT_KEY_FILE)
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:  # another process made it first
            return path
        with os.fdopen(fd, "w") as handle:
            handle.write(new_key_line() + "\n")
    return path


def keys() -> tuple[str, dict[str, bytes]]:
    """Return the current key id and every known key by id."""
    configured = tuple(settings.AUDIT_HMAC_KEYS)
    if configured:
        cache_key = ("env", configured)
        if cache_key not in _cache:
            parsed = _parse(configured)
            _cache.clear()
            _cache[cache_key] = (next(iter(parsed)), parsed)
        return _cache[cache_key]
    path = _key_file()
    cache_key = ("file", str(path), path.stat().st_mtime_ns)
    if cache_key not in _cache:
        parsed = _parse(path.read_text(encoding="utf-8").splitlines())
        if not parsed:
            raise ImproperlyConfigured(f"The audit key file {path} holds no key.")
        _cache.clear()
        _cache[cache_key] = (next(iter(parsed)), parsed)
    return _cache[cache_key]


def current_key_id() -> str:
    """Return the id of the key that signs new events."""
    return keys()[0]


def sign(key_id: str, blob: bytes) -> str | None:
    """Return HMAC-SHA256 of `blob` under the named key, or None when the key is unknown."""
    if key_id == LEGACY:
        return hashlib.sha256(blob).hexdigest()
    secret = keys()[1].get(key_id)
    if secret is None:
        return None
    return hmac.new(secret, blob, hashlib.sha256).hexdigest()


def rotate() -> str:
    """Put a new key first in the key file (older keys stay to verify); return its id."""
    if settings.AUDIT_HMAC_KEYS:
        raise ImproperlyConfigured(
            "The keys come from AUDIT_HMAC_KEYS: put a new `id:secret` first in that variable."
        )
    path = _key_file()
    line = new_key_line()
    tmp = path.with_suffix(".new")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(line + "\n" + path.read_text(encoding="utf-8"))
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, path)
    _cache.clear()
    return line.partition(":")[0]
