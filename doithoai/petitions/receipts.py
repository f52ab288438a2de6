"""Find an anonymous petition by its receipt code, with a limit on wrong guesses per client.

The public lookup page and the API both call these functions, so a client gets the same
number of tries (`LOOKUP_LIMIT` wrong codes per `LOOKUP_WINDOW` seconds) through either.
"""

from django.core.cache import cache

from .actions import hash_receipt
from .models import Petition

LOOKUP_LIMIT = 5  # wrong codes per client per window
LOOKUP_WINDOW = 15 * 60  # seconds


def _key(client: str) -> str:
    return "receipt-lookup:" + (client or "unknown")


def lookup_blocked(client: str) -> bool:
    """Tell whether `client` (an IP address) has used up its wrong tries for now."""
    return cache.get(_key(client), 0) >= LOOKUP_LIMIT


def find_by_receipt(code: str, *, client: str) -> Petition | None:
    """Return the petition the receipt code names, or None (counted as a wrong try)."""
    code = (code or "").strip().upper()
    petition = (
        Petition.objects.filter(receipt_hash=hash_receipt(code))
        .exclude(receipt_hash="")
        .select_related("topic", "merged_into")
        .first()
        if code
        else None
    )
    if petition is None:
        cache.add(_key(client), 0, LOOKUP_WINDOW)
        cache.incr(_key(client))
    return petition
