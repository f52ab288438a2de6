"""Generations: a token in the shared cache that changes after each committed write.

Each agency has one, so has the whole site (the writes that name no agency: accounts, the
calendar, site settings), and so has each person for what is theirs alone (notifications).
Something derived from an agency's records (a rendered list, a dashboard) is cached under
the generations it was computed from; a write gives the agency a new token once its
transaction commits, so the next reader computes anew and the old entries are never read
again (they expire by their own timeout).

Why a random token and not a counter: when the cache evicts or loses a key, a counter would
start again at 1 and could meet an entry cached under an old 1; a new random token cannot.
Why after the commit: a reader who read the old token and then the database before the
commit caches the old state under the old token, which is already dead; bumped before the
commit, the new token could be paired with the old state until the entry expired.

The audit app bumps the agencies' and the site's (every action records an audit event in its
transaction), the notifications app a person's; this module only keeps the tokens.
"""

import uuid

from django.core.cache import cache
from django.db import transaction

SITE = "site"
TIMEOUT = 7 * 24 * 3600  # a token unused for a week is forgotten; a new one is drawn


def person(user_id) -> str:
    """Return the scope of what is one person's alone (their unread notifications)."""
    return f"person:{user_id}"


def _key(scope) -> str:
    return f"doithoai:generation:{scope}"


def current(*scopes) -> tuple[str, ...]:
    """Return the tokens of `scopes` (agency ids, or SITE), drawing the missing ones."""
    keys = [_key(scope) for scope in scopes]
    found = cache.get_many(keys)
    missing = {key: uuid.uuid4().hex for key in keys if key not in found}
    for key, token in missing.items():
        # Two readers may draw at once: the first one stored wins and both use it.
        if not cache.add(key, token, TIMEOUT):
            found[key] = cache.get(key) or token
        else:
            found[key] = token
    return tuple(found[key] for key in keys)


def bump(*scopes) -> None:
    """Give each of `scopes` a new token now."""
    cache.set_many({_key(scope): uuid.uuid4().hex for scope in scopes}, TIMEOUT)


def bump_on_commit(*scopes) -> None:
    """Give `scopes` new tokens once the current transaction commits (now, outside one)."""
    if scopes:
        transaction.on_commit(lambda: bump(*scopes))
