"""Counters in the shared cache for throttles (password reset, receipt lookups)."""

import hashlib

from django.core.cache import cache


def cache_key(prefix: str, value: str) -> str:
    """Build a cache key that does not keep `value` (an e-mail, a code) in clear."""
    return f"{prefix}:{hashlib.sha256(value.encode()).hexdigest()[:32]}"


def count(key: str, window: int) -> int:
    """Add one to the counter at `key` (started with a `window`-second life); return it."""
    cache.add(key, 0, window)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, window)
        return 1


def within(key: str, limit: int, window: int) -> bool:
    """Count one use; tell whether it is within `limit` uses per `window` seconds."""
    return count(key, window) <= limit
