"""Experiments: apply one recommended change in the bench run only, re-time, undo it.

An index is created in the bench database and dropped afterwards; a code change is a
monkeypatch of the running process, undone afterwards. Nothing here changes the project's
models, migrations or code: the figures say whether the change is worth making in the app
that owns it.
"""

import datetime

from django.db import connection
from measure import timed


def _sql(*statements):
    def run():
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)
            cursor.execute("ANALYZE petitions_petition")

    return run


def _status_not_distinct():
    from doithoai.petitions.filters import PetitionFilter

    f = PetitionFilter.base_filters["status"]
    saved = f.distinct
    f.distinct = False
    return lambda: setattr(f, "distinct", saved)


def _search_code_exact():
    from django.db.models import Q

    from doithoai.core.text import fold
    from doithoai.petitions.filters import PetitionFilter

    saved = PetitionFilter.search

    def search(self, queryset, name, value):
        words = fold(value).split()
        if not words:
            return queryset
        condition = Q()
        for word in words[:8]:
            condition &= Q(search_text__contains=word)
        return queryset.filter(condition | Q(code=value.strip().upper()))

    PetitionFilter.search = search
    return lambda: setattr(PetitionFilter, "search", saved)


def _cohort_by_range():
    from django.utils import timezone

    from doithoai.petitions.models import Petition, Status
    from doithoai.reports import stats

    saved = stats.cohort

    def cohort(agencies, start, end):
        tz = timezone.get_current_timezone()
        low = datetime.datetime.combine(start, datetime.time.min, tzinfo=tz)
        high = datetime.datetime.combine(
            end + datetime.timedelta(days=1), datetime.time.min, tzinfo=tz
        )
        return Petition.objects.filter(
            agency_id__in=stats._ids(agencies), submitted_at__gte=low, submitted_at__lt=high
        ).exclude(status=Status.MERGED)

    stats.cohort = cohort
    return lambda: setattr(stats, "cohort", saved)


TRGM = "CREATE INDEX bench_petition_search_trgm ON petitions_petition USING gin (search_text gin_trgm_ops)"
DROP_TRGM = "DROP INDEX IF EXISTS bench_petition_search_trgm"


def _trgm(patch=None):
    def apply():
        _sql("CREATE EXTENSION IF NOT EXISTS pg_trgm", TRGM)()
        undo = patch() if patch else None

        def revert():
            if undo:
                undo()
            _sql(DROP_TRGM)()

        return revert

    return apply


# (label, apply() -> revert(), scenarios it should help, the change to make)
EXPERIMENTS = [
    (
        "status filter without DISTINCT",
        _status_not_distinct,
        ["secretariat status=assigned", "secretariat status+topic"],
        "petitions/filters.py: MultipleChoiceFilter(..., distinct=False) for `status` "
        "(django-filter adds SELECT DISTINCT by default, which defeats the index order)",
    ),
    (
        "trigram GIN index on search_text",
        _trgm(),
        ["secretariat q rare", "secretariat q common", "staff q common", "secretariat q code"],
        "petitions: migration with TrigramExtension() and GinIndex(fields=['search_text'], "
        "opclasses=['gin_trgm_ops'], name='petition_search_trgm') (PostgreSQL only)",
    ),
    (
        "trigram GIN + code matched exactly",
        _trgm(_search_code_exact),
        ["secretariat q code", "secretariat q rare"],
        "petitions/filters.py search(): Q(code=value.strip().upper()) instead of code__iexact "
        "(UPPER(code) has no index; codes are stored upper-case)",
    ),
    (
        "report cohort by a datetime range",
        _cohort_by_range,
        ["report summary, largest agency"],
        "reports/stats.py cohort(): submitted_at__gte/__lt local midnight instead of "
        "submitted_at__date (sargable, and the planner's row estimate becomes right)",
    ),
]


def run_experiments(scenarios, results, args) -> list[dict]:
    """Return, per experiment, the before/after figures of the scenarios it should help."""
    by_name = {s.name: s for s in scenarios}
    before = {r.name: r for r in results}
    out = []
    for label, apply, names, change in EXPERIMENTS:
        names = [n for n in names if n in by_name and n in before]
        if not names:
            continue
        print(f"  experiment: {label} …", flush=True)
        try:
            revert = apply()
        except Exception as exc:  # noqa: BLE001 - e.g. no pg_trgm on an external server
            out.append({"label": label, "text": f"{label}: could not apply ({exc})"})
            continue
        try:
            for name in names:
                after = timed(
                    name, by_name[name].fn, max_iter=args.max_iter, max_seconds=args.seconds
                )
                b = before[name]
                out.append(
                    {
                        "label": label,
                        "scenario": name,
                        "before_p50_ms": round(b.p50, 2),
                        "before_p99_ms": round(b.p99, 2),
                        "after_p50_ms": round(after.p50, 2),
                        "after_p99_ms": round(after.p99, 2),
                        "change": change,
                        "text": f"{label} — {name}: p50 {b.p50:.1f} → {after.p50:.1f} ms, "
                        f"p99 {b.p99:.1f} → {after.p99:.1f} ms",
                    }
                )
            out.append({"label": label, "text": f"    change: {change}"})
        finally:
            revert()
    return out
