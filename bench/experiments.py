"""Experiments: apply one recommended change in the bench run only, re-time, undo it.

An index is created in the bench database and dropped afterwards; a code change is a
monkeypatch of the running process, undone afterwards. Nothing here changes the project's
models, migrations or code: the figures say whether the change is worth making in the app
that owns it.
"""

from django.db import connection
from measure import timed


def _sql(*statements):
    def run():
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)
            cursor.execute("ANALYZE petitions_petition")

    return run


TRGM = "CREATE INDEX bench_petition_search_trgm ON petitions_petition USING gin (search_text gin_trgm_ops)"
DROP_TRGM = "DROP INDEX IF EXISTS bench_petition_search_trgm"


def _summary_uncached():
    """Make the stored summaries recompute from rows on every call (the old behaviour)."""
    from doithoai.reports import summaries

    saved = summaries.stored_blobs, summaries.iter_blobs

    def stored_blobs(ids, year, half, as_of):
        return {aid: summaries.compute_blob(aid, year, half, as_of) for aid in ids}

    def iter_blobs(ids, year, half, as_of):
        yield from stored_blobs(ids, year, half, as_of).items()

    summaries.stored_blobs, summaries.iter_blobs = stored_blobs, iter_blobs

    def undo():
        summaries.stored_blobs, summaries.iter_blobs = saved

    return undo


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


# (label, apply() -> revert(), scenarios it should help, the change to make). The status
# filter without DISTINCT, the exact code match and the report cohort by a datetime range
# used to be experiments here; they are in the code now, so re-timing them measured nothing.
EXPERIMENTS = [
    (
        "trigram GIN index on search_text",
        _trgm(),
        ["secretariat q rare", "secretariat q common", "staff q common", "secretariat q code"],
        "petitions: migration with TrigramExtension() and GinIndex(fields=['search_text'], "
        "opclasses=['gin_trgm_ops'], name='petition_search_trgm') (PostgreSQL only)",
    ),
    (
        "report summary recomputed from rows",
        _summary_uncached,
        ["report summary, largest agency (stored)", "report summary, every agency (stored)"],
        "none: shows what the stored per-agency summaries save (reports/summaries.py)",
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
