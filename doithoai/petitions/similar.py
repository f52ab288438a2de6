"""Similar petitions already filed: shared syllable pairs, diacritics ignored."""

from django.db.models import Case, IntegerField, Q, Value, When
from django.db.models.functions import Coalesce

from doithoai.core.text import fold

from .models import Status

MAX_PAIRS = 16
LIMIT = 5
# Pairs that say nothing about the matter ("de nghi" = "I propose", …).
STOP_PAIRS = {"de nghi", "kien nghi", "xem xet", "cho cac", "cua cac", "va cac", "trong cac"}
OPEN_TO_SUPPORT = [
    Status.SUBMITTED,
    Status.RECEIVED,
    Status.SCHEDULED,
    Status.COMMITTED,
    Status.ASSIGNED,
]


def pairs(text: str, limit: int = MAX_PAIRS) -> list[str]:
    """Return the distinct adjacent word pairs of the folded text, in order."""
    words = [w for w in fold(text).replace(",", " ").replace(".", " ").split() if w.isalnum()]
    out: list[str] = []
    for a, b in zip(words, words[1:], strict=False):
        pair = f"{a} {b}"
        if pair not in STOP_PAIRS and pair not in out:
            out.append(pair)
        if len(out) >= limit:
            break
    return out


def similar_petitions(queryset, title: str, content: str = "", *, exclude=None, limit=LIMIT):
    """Return petitions from `queryset` sharing the most word pairs with title and content.

    One query; the caller passes a queryset already filtered by `visible_to`.
    """
    wanted = pairs(title, 8) + [p for p in pairs(content[:400], 12) if p not in pairs(title, 8)]
    wanted = wanted[:MAX_PAIRS]
    if not wanted:
        return []
    any_pair = Q()
    for pair in wanted:
        any_pair |= Q(search_text__contains=pair)
    score = sum(
        (Case(When(search_text__contains=p, then=Value(1)), default=Value(0)) for p in wanted),
        start=Value(0),
    )
    qs = queryset.filter(any_pair)
    if exclude is not None:
        qs = qs.exclude(pk__in=exclude if isinstance(exclude, list | tuple | set) else [exclude])
    need = 2 if len(wanted) >= 4 else 1
    qs = (
        qs.annotate(score=Coalesce(score, Value(0), output_field=IntegerField()))
        .filter(score__gte=need)
        .select_related("topic")
        .order_by("-score", "-submitted_at")
    )
    return list(qs[:limit])
