"""Find an anonymous petition by its receipt code, limited so nobody can guess codes and
nobody can lock anyone else out.

The public lookup page and the API both call these functions, so a client gets the same
tries through either. Wrong codes slow down only the address that enters them: after
FREE_FAILURES wrong codes, each further one makes that address wait 2, 4, 8 … seconds, at
most MAX_DELAY, before its next try is even checked (people behind the same NAT wait at most
a minute, and are never locked out). Each code may be looked up CODE_LIMIT times an hour, so
a leaked code cannot be polled without end. With ~65 tries an hour per address, the 100-bit
codes cannot be guessed (the arithmetic is in `petitions.actions.intake`).
"""

from django.core.cache import cache
from django.utils import timezone

from doithoai.core.throttle import cache_key, within

from .actions import hash_receipt
from .actions.intake import normalize_receipt
from .models import Petition

FREE_FAILURES = 5  # wrong codes an address may enter before it has to wait
MAX_DELAY = 60  # seconds: the longest wait, however many wrong codes
FAILURE_MEMORY = 3600  # an address's count is forgotten an hour after its last wrong code
CODE_LIMIT = 30  # lookups of one receipt code per hour


def _key(client: str) -> str:
    return "receipt-lookup:" + (client or "unknown")


def wait_seconds(client: str) -> int:
    """Return how many seconds `client` (an address) must wait before its next try (0: none)."""
    state = cache.get(_key(client)) or {}
    return max(0, int(state.get("until", 0) - timezone.now().timestamp() + 0.999))


def _note_failure(client: str) -> None:
    key = _key(client)
    state = cache.get(key) or {}
    failures = state.get("failures", 0) + 1
    now = timezone.now().timestamp()
    until = now
    if failures > FREE_FAILURES:
        until = now + min(2 ** (failures - FREE_FAILURES), MAX_DELAY)
    cache.set(key, {"failures": failures, "until": until}, FAILURE_MEMORY)


def find_by_receipt(code: str, *, client: str) -> Petition | None:
    """Return the petition the receipt code names, or None (counted as a wrong try)."""
    code = normalize_receipt(code or "")
    petition = (
        Petition.objects.filter(receipt_hash=hash_receipt(code))
        .exclude(receipt_hash="")
        .select_related("topic", "merged_into")
        .first()
        if code
        else None
    )
    if petition is None:
        _note_failure(client)
    return petition


def code_within_limit(code: str) -> bool:
    """Count one lookup of a (found) code; tell whether it is within CODE_LIMIT an hour."""
    return within(cache_key("receipt-lookup:code", normalize_receipt(code)), CODE_LIMIT, 3600)
