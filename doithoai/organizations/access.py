"""Who a user is in an agency: membership and roles, cached on the user for one request."""

from django.db import transaction

from .models import Counter, Membership, Role

_CACHE_ATTR = "_doithoai_memberships"


def memberships(user) -> dict[int, Membership]:
    """Return the user's active memberships by agency id, loaded once per user object."""
    if not getattr(user, "is_authenticated", False):
        return {}
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is None:
        rows = (
            Membership.objects.filter(user=user, is_active=True)
            .select_related("agency", "unit")
            .prefetch_related("roles")
        )
        cached = {m.agency_id: m for m in rows}
        setattr(user, _CACHE_ATTR, cached)
    return cached


def forget(user) -> None:
    """Drop the cached memberships (after roles change)."""
    if hasattr(user, _CACHE_ATTR):
        delattr(user, _CACHE_ATTR)


def membership(user, agency) -> Membership | None:
    """Return the user's membership in an agency, or None."""
    agency_id = agency if isinstance(agency, int) else getattr(agency, "pk", None)
    return memberships(user).get(agency_id)


def roles(user, agency) -> frozenset[str]:
    """Return the roles a user holds in an agency."""
    m = membership(user, agency)
    return m.role_set if m else frozenset()


def has_role(user, agency, *wanted: Role) -> bool:
    """Tell whether the user holds any of the roles in the agency."""
    return bool(roles(user, agency) & set(wanted))


def agencies_with_role(user, *wanted: Role) -> list[int]:
    """Return ids of the agencies in which the user holds any of the roles."""
    return [aid for aid, m in memberships(user).items() if m.role_set & set(wanted)]


def primary_membership(user) -> Membership | None:
    """Return the user's first membership (most users belong to one agency)."""
    ms = memberships(user)
    return next(iter(sorted(ms.values(), key=lambda m: m.pk)), None)


def next_number(agency, key: str, year: int) -> int:
    """Take the next number of a per-agency yearly sequence, inside the caller's transaction."""
    assert transaction.get_connection().in_atomic_block
    Counter.objects.get_or_create(agency=agency, key=key, year=year)
    counter = Counter.objects.select_for_update().get(agency=agency, key=key, year=year)
    counter.value += 1
    counter.save(update_fields=["value"])
    return counter.value
