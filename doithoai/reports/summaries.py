"""Report numbers read from stored per-agency, per-period summaries instead of raw rows.

Why a stored summary refreshed by a task, and not counters kept up to date by each action:
every figure of the report is a count over the period's petitions *as they stand today*
(an answer given in August changes the May cohort; "overdue" moves with the calendar day
alone, without any write). Counters maintained by the actions would have to know, for each
of some thirty actions, every figure it moves in every period, and a missed case would drift
silently. A summary computed by the one tested function (`stats`) cannot drift: it is
exactly the numbers of `stats.summary`, stored.

How it stays right:
- `ReportSummary` holds, per agency and period, the parts of `stats.summary` plus what the
  dashboard's charts need, and `as_of` (the day it was computed for).
- Every action records an audit event in its transaction; the event's `post_save` bumps the
  agency's summaries' `version` in that same transaction (a rollback undoes it), and, once
  committed, queues `refresh_agency_summaries` (Tasks API), debounced through the cache, to
  recompute the stale rows in the background.
- A reader uses a row when `clean == version` and `as_of` is today; otherwise it computes the
  row from rows (one agency: ~17 aggregate queries), stores it and uses it. A new day makes
  every row stale (overdue figures depend on the date): `doithoai refresh_summaries` (cron,
  after midnight) recomputes them ahead of the first reader.
- A roll-up sums the agencies' stored parts. Every figure is a count, so sums are exact;
  the median days to answer is taken from summed histograms of days, so it is exact too.

So the dashboard, the report DOCX, the tables export and the roll-up read one small row per
agency, not the agency's petitions.
"""

import datetime
import hashlib

from django.core.cache import cache
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django_tasks import task

from doithoai.organizations.models import Agency
from doithoai.organizations.names import successors
from doithoai.petitions.models import Channel, Status, TopicGroup

from . import stats
from .models import ReportSummary

DEBOUNCE_SECONDS = 30
UNIT_COUNTS = ("assigned", "reported_on_time", "reported_late", "open", "overdue")
# A roll-up over many agencies is kept whole in the cache, keyed by the versions of the
# summaries it adds up: any write that reaches one of them changes the key.
ROLLUP_CACHE_SECONDS = 600


def compute_blob(agency_id: int, year: int, half: int | None, as_of: datetime.date) -> dict:
    """Return one agency's parts of the summary and of the dashboard, computed from rows."""
    start, end = stats.period(year, half)
    ids = [agency_id]
    petitions = stats.petition_breakdowns(ids, start, end)
    return {
        "conferences": stats.conference_counts(ids, start, end),
        "petitions": petitions,
        "outcomes": stats.outcomes(ids, start, end, as_of),
        "commitments": stats.commitment_counts(ids, start, end, as_of),
        "units": stats.unit_performance(ids, start, end, as_of),
        "days": {str(k): v for k, v in stats.answer_days(ids, start, end).items()},
        "observations": stats.observations(ids, start, end),
        "by_year": stats.conferences_by_year(ids),
        "topic_by_state": stats.topic_by_state(ids, start, end),
        "overdue_now": stats.overdue_now(ids, as_of),
    }


def _store(row: ReportSummary, as_of) -> dict:
    """Compute `row`'s data from the version read now, save it and return it."""
    version = ReportSummary.objects.filter(pk=row.pk).values_list("version", flat=True).first()
    data = compute_blob(row.agency_id, row.year, row.half or None, as_of)
    ReportSummary.objects.filter(pk=row.pk).update(
        data=data, clean=version, as_of=as_of, computed_at=timezone.now()
    )
    return data


def iter_blobs(ids: list[int], year: int, half: int | None, as_of):
    """Yield (agency id, stored parts) for each agency, a hundred rows read at a time;
    the missing or stale ones are computed (and stored) after the fresh ones."""
    rows = ReportSummary.objects.filter(agency_id__in=ids, year=year, half=half or 0)
    fresh = set()
    for row in rows.only("agency_id", "data", "version", "clean", "as_of").iterator(100):
        if row.clean == row.version and row.as_of == as_of:
            fresh.add(row.agency_id)
            yield row.agency_id, row.data
    stale = [aid for aid in ids if aid not in fresh]
    if stale:
        yield from stored_blobs(stale, year, half, as_of).items()


def stored_blobs(ids: list[int], year: int, half: int | None, as_of) -> dict[int, dict]:
    """Return each agency's stored parts, computing (and storing) the missing or stale ones."""
    rows = {
        r.agency_id: r
        for r in ReportSummary.objects.filter(agency_id__in=ids, year=year, half=half or 0)
    }
    out = {}
    for aid in ids:
        row = rows.get(aid)
        if row is not None and row.clean == row.version and row.as_of == as_of:
            out[aid] = row.data
            continue
        if row is None:
            row, _ = ReportSummary.objects.get_or_create(agency_id=aid, year=year, half=half or 0)
        out[aid] = _store(row, as_of)
    return out


def _last_if_blank(value):
    return (value in (None, ""), value or "")


def _in_order(petitions: dict) -> dict:
    """Put the breakdowns' keys back in the report's order (PostgreSQL's jsonb sorts keys)."""
    groups, channels = petitions["by_group"], petitions["by_channel"]
    return dict(
        petitions,
        by_group={g: groups.get(g, 0) for g in TopicGroup.values}
        | ({"": groups[""]} if "" in groups else {}),
        by_channel={c: channels.get(c, 0) for c in Channel.values},
        by_status={
            s: petitions["by_status"][s] for s in Status.values if s in petitions["by_status"]
        },
    )


class _Total:
    """The running sum of agencies' parts, added one agency at a time.

    A roll-up over a province reads a thousand stored summaries; adding each as it arrives
    from the database keeps one of them in memory at a time, not all of them.
    """

    def __init__(self, *, units_by_agency: bool = False):
        self.units_by_agency = units_by_agency
        self.received = 0
        self.received_by_agency: dict = {}
        self.sums: dict = {
            name: {} for name in ("conferences", "outcomes", "commitments", "days", "overdue_now")
        }
        self.by_group: dict = {}
        self.by_channel: dict = {}
        self.by_status: dict = {}
        self.topics: dict = {}
        self.units_by_id: dict = {}
        self.units: list = []
        self.units_by_agency_rows: dict = {}
        self.observations: dict | None = None
        self.years: dict = {}
        self.states: dict = {}

    def add(self, agency_id, b: dict) -> None:
        p = b["petitions"]
        self.received += p["received"]
        self.received_by_agency[agency_id] = p["received"]
        for name, total in self.sums.items():
            _add_into(total, b[name])
        _add_into(self.by_group, p["by_group"])
        _add_into(self.by_channel, p["by_channel"])
        _add_into(self.by_status, p["by_status"])
        for row in p["by_topic"]:
            key = (row["topic"], row["name"], row["group"], row["position"])
            self.topics.setdefault(key, dict(row, count=0))["count"] += row["count"]
        for row in p["by_unit"]:
            self.units_by_id.setdefault(row["unit_id"], dict(row, count=0))["count"] += row["count"]
        if self.units_by_agency:
            fold_units(self.units_by_agency_rows, b["units"])
        else:
            self.units.extend(b["units"])
        if b["observations"] is not None:
            self.observations = _add_into(self.observations or {}, b["observations"])
        for row in b["by_year"]:
            year = self.years.setdefault(row["year"], {})
            _add_into(year, row)
            year["year"] = row["year"]
        for row in b["topic_by_state"]:
            key = (row["group"], row["status"])
            self.states[key] = self.states.get(key, 0) + row["count"]

    def parts(self) -> dict:
        by_status = self.by_status
        return {
            "conferences": self.sums["conferences"],
            "petitions": _in_order(
                {
                    "received": self.received,
                    "by_group": self.by_group,
                    "by_topic": sorted(
                        self.topics.values(),
                        key=lambda r: (
                            *_last_if_blank(r["group"]),
                            r["position"] is None,
                            r["position"] or 0,
                            r["name"],
                        ),
                    ),
                    "by_channel": self.by_channel,
                    "by_status": {s: by_status[s] for s in Status.values if by_status.get(s)},
                    "by_unit": sorted(
                        self.units_by_id.values(), key=lambda r: _last_if_blank(r["name"])
                    ),
                }
            ),
            "outcomes": self.sums["outcomes"],
            "commitments": self.sums["commitments"],
            "units": sorted(
                self.units
                or (
                    {"agency": code, "name": code, **counts}
                    for code, counts in self.units_by_agency_rows.items()
                ),
                key=lambda u: (u["agency"], u["name"]),
            ),
            "resolution": stats.resolution_from(self.sums["days"]),
            "observations": self.observations,
            "by_year": [self.years[y] for y in sorted(self.years)],
            "topic_by_state": [
                {"group": g, "status": s, "count": n}
                for (g, s), n in sorted(
                    self.states.items(), key=lambda i: (*_last_if_blank(i[0][0]), i[0][1])
                )
            ],
            "overdue_now": self.sums["overdue_now"],
        }


def fold_units(rows: dict, units) -> dict:
    """Add units' counts (UNIT_COUNTS) into `rows`, one dict per agency code; return it."""
    for u in units:
        row = rows.setdefault(u["agency"], dict.fromkeys(UNIT_COUNTS, 0))
        for key in UNIT_COUNTS:
            row[key] += u[key]
    return rows


def _add_into(total: dict, part: dict) -> dict:
    for key, value in part.items():
        total[key] = total.get(key, 0) + value
    return total


def _one(blob: dict) -> dict:
    """Return one agency's stored parts as a summary's parts (a roll-up adds them: `_Total`)."""
    parts = dict(blob)
    parts["petitions"] = _in_order(parts["petitions"])
    parts["resolution"] = stats.resolution_from(parts["days"])
    return parts


def summary(
    agencies, year: int, half: int | None = None, *, as_of=None, units_by_agency=False
) -> dict:
    """Return `stats.summary` for one agency or a roll-up, from the stored summaries.

    The result also carries `dashboard`: conferences by year, petitions by topic group and
    status, and what is overdue today. A past or future `as_of` is computed from rows.
    With `units_by_agency`, a roll-up's `units` are one row per agency (the units' counts
    added up), as the roll-up page shows them: a province's thousands of units are not
    kept in memory (the tables' Excel export asks for every unit).
    """
    today = stats._today()
    agencies = [agencies] if isinstance(agencies, Agency) else list(agencies)
    agencies = without_merged(agencies)
    if as_of is not None and as_of != today:
        return stats.summary(agencies, year, half, as_of=as_of)
    ids = [a.pk for a in agencies]
    key = rollup_key(ids, year, half, today) if len(ids) > 1 else None
    if key is not None and units_by_agency:
        key += ":by-agency"
    if key is not None:
        cached = cache.get(key)
        if cached is not None:
            return cached
    if len(ids) == 1:
        blob = stored_blobs(ids, year, half, today)[ids[0]]
        parts, received = _one(blob), {ids[0]: blob["petitions"]["received"]}
    else:
        total = _Total(units_by_agency=units_by_agency)
        for agency_id, blob in iter_blobs(ids, year, half, today):
            total.add(agency_id, blob)
        parts, received = total.parts(), total.received_by_agency
    result = stats.assemble(agencies, year, half, today, parts)
    result["dashboard"] = {
        "received_by_agency": {aid: received[aid] for aid in ids},
        "by_year": parts["by_year"],
        "topic_by_state": parts["topic_by_state"],
        "overdue_now": parts["overdue_now"],
    }
    if key is not None:
        cache.set(key, result, ROLLUP_CACHE_SECONDS)
    return result


def rollup_key(ids: list[int], year: int, half: int | None, today) -> str | None:
    """Return the cache key of a roll-up while every summary in it is fresh, else None.

    One small query (versions only, not the stored figures); a stale or missing summary
    means no key, and the roll-up is added up again (refreshing the stale ones).
    """
    rows = sorted(
        ReportSummary.objects.filter(agency_id__in=ids, year=year, half=half or 0).values_list(
            "agency_id", "version", "clean", "as_of"
        )
    )
    if len(rows) != len(set(ids)) or any(v != c or day != today for _a, v, c, day in rows):
        return None
    stamp = repr((sorted(set(ids)), [(a, v) for a, v, _c, _d in rows])).encode()
    digest = hashlib.sha256(stamp).hexdigest()[:32]
    return f"doithoai:rollup:{year}:{half or 0}:{today:%Y%m%d}:{digest}"


def without_merged(agencies: list) -> list:
    """Drop the agencies merged into another of the list (its figures include theirs)."""
    mapping = successors()
    listed = {a.pk for a in agencies}

    def covered(aid, seen=()):
        nxt = mapping.get(aid)
        return nxt is not None and nxt not in seen and (nxt in listed or covered(nxt, (*seen, aid)))

    kept = [a for a in agencies if not covered(a.pk)]
    return kept or agencies


def fresh_version(agency, year: int, half: int | None) -> str | None:
    """Return "version-as_of" of the agency's stored summary if it is fresh, else None."""
    row = (
        ReportSummary.objects.filter(agency=agency, year=year, half=half or 0)
        .values_list("version", "clean", "as_of")
        .first()
    )
    if row is None or row[0] != row[1] or row[2] != stats._today():
        return None
    return f"{row[0]}-{row[2]:%Y%m%d}"


# --- Keeping them fresh --------------------------------------------------------------------


def mark_dirty(agency_id: int) -> None:
    """Make the agency's stored summaries stale, and its successors' (whose figures include
    its history), inside the writing transaction."""
    mapping, ids = successors(), [agency_id]
    while ids[-1] in mapping and mapping[ids[-1]] not in ids:
        ids.append(mapping[ids[-1]])
    ReportSummary.objects.filter(agency_id__in=ids).update(version=F("version") + 1)


def queue_refresh(agency_id: int) -> None:
    """Queue one background refresh of the agency's summaries (at most one per interval)."""
    from django.core.cache import cache

    if not cache.add(f"doithoai:summary-refresh:{agency_id}", 1, DEBOUNCE_SECONDS):
        return
    job = refresh_agency_summaries
    if job.get_backend().supports_defer:
        job = job.using(run_after=timezone.now() + datetime.timedelta(seconds=DEBOUNCE_SECONDS))
    job.enqueue(agency_id=agency_id)


def on_audit_event(sender, instance, created, **kwargs) -> None:
    """Mark the event's agency's summaries stale; refresh them once the write commits."""
    if not created or not instance.agency_id:
        return
    mark_dirty(instance.agency_id)
    agency_id = instance.agency_id
    transaction.on_commit(lambda: queue_refresh(agency_id))


def refresh(agency_ids=None, *, only_stale: bool = True) -> int:
    """Recompute the stored summaries (of some agencies) that are stale; return how many."""
    today = stats._today()
    rows = ReportSummary.objects.all()
    if agency_ids is not None:
        rows = rows.filter(agency_id__in=agency_ids)
    done = 0
    for row in rows.only("id", "agency_id", "year", "half", "version", "clean", "as_of"):
        if only_stale and row.clean == row.version and row.as_of == today:
            continue
        _store(row, today)
        done += 1
    return done


def ensure(agency_ids, periods) -> int:
    """Create and compute the summaries of `periods` [(year, half)] for the agencies."""
    today = stats._today()
    done = 0
    for aid in agency_ids:
        for year, half in periods:
            stored_blobs([aid], year, half, today)
            done += 1
    return done


@task()
def refresh_agency_summaries(*, agency_id: int) -> int:
    """Recompute the agency's stale stored summaries; return how many were recomputed."""
    from django.core.cache import cache

    cache.delete(f"doithoai:summary-refresh:{agency_id}")
    return refresh([agency_id])
