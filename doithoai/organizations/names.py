"""An agency's names on a given day, and the agencies whose history it carries.

Resolution No. 202/2025/QH15 of the National Assembly arranged the provincial-level units
(63 into 34; Hà Giang and Tuyên Quang became Tuyên Quang province), the new provinces'
authorities working from 01/07/2025, the district level ending the same day. Agencies such
as the Office of the Hà Giang PPC were merged into their successors; what they issued before
keeps the names valid then. Each document asks `names_on(agency, its date)`.
"""

import copy
import datetime

from django.core.cache import cache

from .models import Agency, AgencyName

NAME_FIELDS = ("name", "short_name", "parent_body_name", "locality", "report_recipient")
_SUCCESSORS_KEY = "doithoai:agency-successors"


def version_on(agency: Agency, day: datetime.date) -> AgencyName | None:
    """Return the recorded names of `agency` in force on `day`, or None when none recorded."""
    named = agency.names.filter(valid_from__lte=day).order_by("-valid_from").first()
    return named or agency.names.filter(valid_from__isnull=True).first()


def names_on(agency: Agency, day: datetime.date | None) -> Agency:
    """Return a copy of `agency` carrying the names in force on `day` (never to be saved).

    On and after a merge's effective date the successor's names apply (its open work was
    carried over and goes on under them); without `day` the current names.
    """
    if day is None:
        return agency
    seen = set()
    while agency.successor_id and agency.ended_on and day >= agency.ended_on:
        if agency.pk in seen:  # a cycle cannot be recorded, but never loop
            break
        seen.add(agency.pk)
        agency = agency.successor
    version = version_on(agency, day)
    if version is None:
        return agency
    named = copy.copy(agency)
    for field in NAME_FIELDS:
        setattr(named, field, getattr(version, field))
    named._names_copy = True
    return named


def successors() -> dict[int, int]:
    """Return {ended agency id: successor id} for every merged agency (cached)."""
    mapping = cache.get(_SUCCESSORS_KEY)
    if mapping is None:
        mapping = dict(
            Agency.objects.filter(successor__isnull=False).values_list("pk", "successor_id")
        )
        cache.set(_SUCCESSORS_KEY, mapping, 600)
    return mapping


def forget_successors() -> None:
    """Drop the cached successor map (after a merge)."""
    cache.delete(_SUCCESSORS_KEY)


def lineage(agency) -> list[int]:
    """Return the ids of `agency` and of every agency merged into it, at any depth."""
    return lineages([agency if isinstance(agency, int) else agency.pk])


def lineages(agency_ids) -> list[int]:
    """Return the ids of the agencies and of every agency merged into them, each once, in
    order (each agency, then what was merged into it, nearest first); one cache read."""
    merged_into: dict[int, list[int]] = {}
    for ended, successor in successors().items():
        merged_into.setdefault(successor, []).append(ended)
    ids: list[int] = []
    seen: set[int] = set()
    for root in agency_ids:
        frontier = [root]
        while frontier:
            found = []
            for aid in frontier:
                if aid not in seen:
                    seen.add(aid)
                    ids.append(aid)
                    found.extend(merged_into.get(aid, ()))
            frontier = found
    return ids
