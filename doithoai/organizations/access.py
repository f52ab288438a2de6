"""Who a user is in an agency: membership and roles.

Every page needs them, so they are kept in the shared cache (one read per request instead
of two queries) and on the user object for the rest of the request. The cached entry is
deleted whenever a membership, a role, or the member's agency or unit changes (signals
connected in `apps.py`), and it expires after MEMBERSHIPS_TTL anyway.
"""

from django.core.cache import cache
from django.db import transaction

from .models import Agency, Counter, Membership, Role

_CACHE_ATTR = "_doithoai_memberships"
MEMBERSHIPS_TTL = 600


def _key(user_id) -> str:
    return f"doithoai:memberships:{user_id}"


def memberships(user) -> dict[int, Membership]:
    """Return the user's active memberships by agency id, loaded once per user object."""
    if not getattr(user, "is_authenticated", False):
        return {}
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is None:
        cached = cache.get(_key(user.pk))
        if cached is None:
            rows = (
                Membership.objects.filter(user=user, is_active=True)
                .select_related("agency", "unit")
                .prefetch_related("roles")
            )
            cached = {m.agency_id: m for m in rows}
            cache.set(_key(user.pk), cached, MEMBERSHIPS_TTL)
        setattr(user, _CACHE_ATTR, cached)
    return cached


def forget(user) -> None:
    """Drop the user's cached memberships, on this object and in the shared cache.

    The actions call it after changing roles (bulk writes send no signal).
    """
    if hasattr(user, _CACHE_ATTR):
        delattr(user, _CACHE_ATTR)
    if getattr(user, "pk", None) is not None:
        invalidate(user.pk)
        user_id = user.pk
        if transaction.get_connection().in_atomic_block:
            transaction.on_commit(lambda: invalidate(user_id))


def invalidate(*user_ids) -> None:
    """Drop the shared cached memberships of these users (after any change to them)."""
    if user_ids:
        cache.delete_many([_key(uid) for uid in user_ids])


def on_membership_change(sender, instance, **kwargs) -> None:
    """Signal receiver: a membership or role changed; forget its member everywhere."""
    membership = getattr(instance, "membership", instance)
    user_id = getattr(membership, "user_id", None)
    if user_id is not None:
        invalidate(user_id)
        transaction.on_commit(lambda: invalidate(user_id))


def on_agency_or_unit_change(sender, instance, **kwargs) -> None:
    """Signal receiver: an agency or unit was renamed or moved; forget its members."""
    field = "agency" if isinstance(instance, Agency) else "unit"
    ids = list(Membership.objects.filter(**{field: instance}).values_list("user_id", flat=True))
    invalidate(*ids)
    transaction.on_commit(lambda: invalidate(*ids))


def membership(user, agency) -> Membership | None:
    """Return the user's membership in an agency, or None.

    An agency merged into a successor has no members left: the successor's people hold their
    roles over its remaining records (they stay readable under the old names).
    """
    agency_id = agency if isinstance(agency, int) else getattr(agency, "pk", None)
    held = memberships(user)
    found = held.get(agency_id)
    if found is None and held and agency_id is not None:
        from .names import successors

        mapping, seen = successors(), set()
        while found is None and agency_id in mapping and agency_id not in seen:
            seen.add(agency_id)
            agency_id = mapping[agency_id]
            found = held.get(agency_id)
    return found


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


def below(agency) -> list[int]:
    """Return the ids of every agency under `agency` (children, their children…), in the
    order of a walk down the tree; the agency itself is not included."""
    agency_id = agency if isinstance(agency, int) else agency.pk
    found: list[int] = []
    frontier = [agency_id]
    while frontier:
        children = list(
            Agency.objects.filter(parent_id__in=frontier)
            .exclude(pk__in=[agency_id, *found])
            .order_by("name")
            .values_list("pk", flat=True)
        )
        found.extend(children)
        frontier = children
    return found


def supervises(user, agency) -> bool:
    """Tell whether `user` receives the reports of `agency`: they hold the supervisor role in
    an agency above it."""
    agency_id = agency if isinstance(agency, int) else getattr(agency, "pk", None)
    if agency_id is None:
        return False
    above = [aid for aid in agencies_with_role(user, Role.SUPERVISOR)]
    if not above:
        return False
    parent_id = Agency.objects.filter(pk=agency_id).values_list("parent_id", flat=True).first()
    seen = {agency_id}
    while parent_id is not None and parent_id not in seen:
        if parent_id in above:
            return True
        seen.add(parent_id)
        parent_id = Agency.objects.filter(pk=parent_id).values_list("parent_id", flat=True).first()
    return False
