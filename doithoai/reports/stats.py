"""Report numbers for an agency (or several) over a period: pure, read-only aggregate queries.

Every function takes agencies and a period and returns plain data (ints, dates, dicts,
lists) with stable English keys. Each function runs a fixed number of aggregate queries,
whatever the number of rows: nothing here issues one query per petition or per unit.

The cohort of a period is the petitions *submitted* in it (merged duplicates excluded: they
count in the petition they were merged into). Their outcomes are counted as they stand
`as_of` (today, or the end of the period if that is earlier for the "overdue" figures).
"""

import collections
import datetime

from django.db.models import Count, Exists, F, Max, OuterRef, Q
from django.db.models.functions import ExtractYear, TruncDate

from doithoai.conferences.models import Conference, ConferenceStatus, Kind
from doithoai.followups.models import (
    Answer,
    AnswerMode,
    Assignment,
    AssignmentStatus,
    Commitment,
)
from doithoai.organizations.models import Agency
from doithoai.organizations.names import lineages
from doithoai.petitions.models import (
    OPEN_STATUSES,
    Channel,
    Petition,
    Status,
    TopicGroup,
)

HELD_STATUSES = [ConferenceStatus.IN_PROGRESS, ConferenceStatus.CLOSED, ConferenceStatus.CONCLUDED]
ACTIVE_ASSIGNMENT = [AssignmentStatus.ASSIGNED, AssignmentStatus.RETURNED]
REGULAR_KINDS = [Kind.MID_YEAR, Kind.YEAR_END]


def period(year: int, half: int | None = None) -> tuple[datetime.date, datetime.date]:
    """Return the first and last day of a reporting period (half 1, half 2, or the year)."""
    if half == 1:
        return datetime.date(year, 1, 1), datetime.date(year, 6, 30)
    if half == 2:
        return datetime.date(year, 7, 1), datetime.date(year, 12, 31)
    return datetime.date(year, 1, 1), datetime.date(year, 12, 31)


def _ids(agencies) -> list[int]:
    """Return the agencies' ids with those of every agency merged into them (their history
    follows the successor: `organizations.names.lineage`)."""
    if isinstance(agencies, (Agency, int)):
        agencies = [agencies]
    return lineages([a if isinstance(a, int) else a.pk for a in agencies])


def _today() -> datetime.date:
    from doithoai.core.actionkit import today

    return today()


def local_range(start: datetime.date, end: datetime.date):
    """Return aware [start 00:00, day after end 00:00) so filters can use the time index."""
    from django.utils import timezone

    begin = timezone.make_aware(datetime.datetime.combine(start, datetime.time.min))
    stop = timezone.make_aware(
        datetime.datetime.combine(end + datetime.timedelta(days=1), datetime.time.min)
    )
    return begin, stop


def cohort(agencies, start: datetime.date, end: datetime.date):
    """Return the petitions submitted in [start, end], merged duplicates left out."""
    begin, stop = local_range(start, end)
    return Petition.objects.filter(
        agency_id__in=_ids(agencies), submitted_at__gte=begin, submitted_at__lt=stop
    ).exclude(status=Status.MERGED)


def conference_counts(agencies, start, end) -> dict:
    """Count conferences scheduled in the period: scheduled, held, cancelled, ad hoc held.

    `regular_required` is what the plans call for: one regular conference per half-year for
    every agency that has a plan for the year (rule 1 of the seed).
    """
    from doithoai.conferences.models import DialoguePlan

    ids = _ids(agencies)
    begin, stop = local_range(start, end)
    rows = Conference.objects.filter(
        agency_id__in=ids, starts_at__gte=begin, starts_at__lt=stop
    ).aggregate(
        scheduled=Count("id", filter=~Q(status=ConferenceStatus.CANCELLED)),
        held=Count("id", filter=Q(status__in=HELD_STATUSES)),
        regular_held=Count("id", filter=Q(status__in=HELD_STATUSES, kind__in=REGULAR_KINDS)),
        ad_hoc_held=Count("id", filter=Q(status__in=HELD_STATUSES, kind=Kind.AD_HOC)),
        cancelled=Count("id", filter=Q(status=ConferenceStatus.CANCELLED)),
    )
    plans = DialoguePlan.objects.filter(
        agency_id__in=ids, year__gte=start.year, year__lte=end.year
    ).count()
    halves = 2 if (start.month, end.month) == (1, 12) else 1
    rows["regular_required"] = plans * halves
    return rows


def petition_breakdowns(agencies, start, end) -> dict:
    """Count the period's petitions by topic group, topic, channel, status and unit."""
    petitions = cohort(agencies, start, end)
    by_group = dict(
        petitions.values_list("topic__group").annotate(n=Count("id")).order_by("topic__group")
    )
    by_topic = [
        {"topic": code or "", "name": name or "", "group": group or "", "count": n}
        | {"position": position}
        for code, name, group, position, n in petitions.values_list(
            "topic__code", "topic__name", "topic__group", "topic__position"
        )
        .annotate(n=Count("id"))
        .order_by("topic__group", "topic__position", "topic__name")
    ]
    by_channel = dict(petitions.values_list("channel").annotate(n=Count("id")).order_by())
    by_status = dict(petitions.values_list("status").annotate(n=Count("id")).order_by())
    by_unit = [
        {"unit_id": uid, "code": code or "", "name": name or "", "count": n}
        for uid, code, name, n in petitions.values_list(
            "concerned_unit_id", "concerned_unit__code", "concerned_unit__name"
        )
        .annotate(n=Count("id"))
        .order_by("concerned_unit__name")
    ]
    return {
        "received": sum(by_status.values()),
        "by_group": {g: by_group.get(g, 0) for g in TopicGroup.values}
        | ({"": by_group[None]} if None in by_group else {}),
        "by_topic": by_topic,
        "by_channel": {c: by_channel.get(c, 0) for c in Channel.values},
        "by_status": {s: by_status.get(s, 0) for s in Status.values if by_status.get(s)},
        "by_unit": by_unit,
    }


def outcomes(agencies, start, end, as_of: datetime.date | None = None) -> dict:
    """Count what became of the period's petitions (each petition counted once per figure).

    - settled_at_conference: answered at a conference;
    - answered_in_writing: answered only in writing (no answer at a conference);
    - committed: given a committed time and form of answer;
    - assigned: handed to a unit;
    - resolved_on_time / resolved_late: the unit reported by / after the due date;
    - overdue: with a unit, unreported, past its due date `as_of`;
    - still_open: still in the process; rejected, transferred, withdrawn: closed without answer.
    """
    as_of = as_of or _today()
    petitions = cohort(agencies, start, end)
    at_conf = Answer.objects.filter(petition=OuterRef("pk"), mode=AnswerMode.AT_CONFERENCE)
    any_answer = Answer.objects.filter(petition=OuterRef("pk"))
    committed = Commitment.objects.filter(petition=OuterRef("pk"))
    assigned = Assignment.objects.filter(petition=OuterRef("pk"))
    assignments = Assignment.objects.filter(petition__in=petitions.values("pk"))
    figures = petitions.aggregate(
        settled_at_conference=Count("id", filter=Q(Exists(at_conf))),
        answered_in_writing=Count("id", filter=Q(Exists(any_answer)) & ~Q(Exists(at_conf))),
        committed=Count("id", filter=Q(Exists(committed))),
        assigned=Count("id", filter=Q(Exists(assigned))),
        still_open=Count("id", filter=Q(status__in=OPEN_STATUSES)),
        rejected=Count("id", filter=Q(status=Status.REJECTED)),
        transferred=Count("id", filter=Q(status=Status.TRANSFERRED)),
        withdrawn=Count("id", filter=Q(status=Status.WITHDRAWN)),
        feedback_satisfied=Count("id", filter=Q(satisfied=True)),
        feedback_unsatisfied=Count("id", filter=Q(satisfied=False)),
    )
    figures.update(
        assignments.aggregate(
            resolved_on_time=Count(
                "id",
                filter=Q(reported_at__isnull=False, due_date__isnull=False)
                & Q(reported_at__date__lte=F("due_date")),
            ),
            resolved_late=Count(
                "id",
                filter=Q(reported_at__isnull=False) & Q(reported_at__date__gt=F("due_date")),
            ),
            overdue=Count("id", filter=Q(status__in=ACTIVE_ASSIGNMENT, due_date__lt=as_of)),
        )
    )
    return figures


def commitment_counts(agencies, start, end, as_of: datetime.date | None = None) -> dict:
    """Count the commitments made in the period: kept (on time or late), open, overdue."""
    as_of = as_of or _today()
    rows = Commitment.objects.filter(
        agency_id__in=_ids(agencies), created_at__date__gte=start, created_at__date__lte=end
    )
    return rows.aggregate(
        made=Count("id"),
        kept=Count("id", filter=Q(kept_on__isnull=False)),
        kept_on_time=Count("id", filter=Q(kept_on__lte=F("promised_on"))),
        kept_late=Count("id", filter=Q(kept_on__gt=F("promised_on"))),
        open=Count("id", filter=Q(kept_on__isnull=True)),
        overdue=Count("id", filter=Q(kept_on__isnull=True, promised_on__lt=as_of)),
    )


def unit_performance(agencies, start=None, end=None, as_of: datetime.date | None = None) -> list:
    """Return, per unit, assignments made, reported on time / late, open, overdue, on-time rate.

    Assignments are those made in [start, end] (all of them when no period is given). The
    on-time rate is reported on time over reported with a due date (None when none).
    """
    as_of = as_of or _today()
    rows = Assignment.objects.filter(agency_id__in=_ids(agencies))
    if start is not None:
        rows = rows.filter(created_at__date__gte=start, created_at__date__lte=end)
    on_time = Q(reported_at__isnull=False, due_date__isnull=False) & Q(
        reported_at__date__lte=F("due_date")
    )
    late = Q(reported_at__isnull=False) & Q(reported_at__date__gt=F("due_date"))
    result = []
    for row in (
        rows.values("unit_id", "unit__code", "unit__name", "agency__code")
        .annotate(
            assigned=Count("id"),
            reported_on_time=Count("id", filter=on_time),
            reported_late=Count("id", filter=late),
            open=Count("id", filter=Q(status__in=ACTIVE_ASSIGNMENT)),
            overdue=Count("id", filter=Q(status__in=ACTIVE_ASSIGNMENT, due_date__lt=as_of)),
        )
        .order_by("agency__code", "unit__name")
    ):
        timed = row["reported_on_time"] + row["reported_late"]
        result.append(
            {
                "unit_id": row["unit_id"],
                "agency": row["agency__code"],
                "code": row["unit__code"],
                "name": row["unit__name"],
                "assigned": row["assigned"],
                "reported_on_time": row["reported_on_time"],
                "reported_late": row["reported_late"],
                "open": row["open"],
                "overdue": row["overdue"],
                "on_time_rate": round(row["reported_on_time"] / timed, 4) if timed else None,
            }
        )
    return result


def answer_days(agencies, start, end) -> dict[int, int]:
    """Return how many of the period's answered petitions took each number of days.

    One query returns (submitted day, last answer day) pairs; a histogram, unlike a median,
    can be summed over agencies (see `reports.summaries`).
    """
    pairs = (
        cohort(agencies, start, end)
        .filter(answers__isnull=False)
        .annotate(day=TruncDate("submitted_at"), resolved_on=Max("answers__answered_on"))
        .values_list("day", "resolved_on")
    )
    return dict(collections.Counter((resolved - submitted).days for submitted, resolved in pairs))


def resolution_from(histogram: dict[int, int]) -> dict:
    """Return answered, median and maximum days from a days -> count histogram."""
    counts = sorted((int(days), n) for days, n in histogram.items() if n)
    total = sum(n for _days, n in counts)
    if not total:
        return {"answered": 0, "median_days": None, "max_days": None}

    def nth(index: int) -> int:  # the index-th smallest value, 0-based
        for days, n in counts:
            if index < n:
                return days
            index -= n
        raise IndexError(index)

    middle = total // 2
    median = nth(middle) if total % 2 else (nth(middle - 1) + nth(middle)) / 2
    return {"answered": total, "median_days": median, "max_days": counts[-1][0]}


def resolution_days(agencies, start, end) -> dict:
    """Return the days from submission to the final answer for the period's answered petitions.

    The median is that of `statistics.median` over every answered petition.
    """
    return resolution_from(answer_days(agencies, start, end))


def overdue_now(agencies, as_of: datetime.date | None = None) -> dict:
    """Count what is overdue today, whatever the period: unit reports and commitments."""
    as_of = as_of or _today()
    ids = _ids(agencies)
    return {
        "assignments": Assignment.objects.filter(
            agency_id__in=ids, status__in=ACTIVE_ASSIGNMENT, due_date__lt=as_of
        ).count(),
        "commitments": Commitment.objects.filter(
            agency_id__in=ids, kept_on__isnull=True, promised_on__lt=as_of
        ).count(),
    }


def observations(agencies, start, end) -> dict:
    """Count the inspection board's observations recorded in the period, and those answered."""
    from doithoai.oversight.models import Observation

    rows = Observation.objects.filter(
        agency_id__in=_ids(agencies), created_at__date__gte=start, created_at__date__lte=end
    )
    return rows.aggregate(
        recorded=Count("id"), answered=Count("id", filter=Q(answered_at__isnull=False))
    )


def conferences_by_year(agencies) -> list:
    """Return, per year, conferences scheduled, held and regular ones required by the plans."""
    from doithoai.conferences.models import DialoguePlan

    ids = _ids(agencies)
    rows = {
        r["year"]: r
        for r in Conference.objects.filter(agency_id__in=ids)
        .annotate(year=ExtractYear("starts_at"))
        .values("year")
        .annotate(
            scheduled=Count("id", filter=~Q(status=ConferenceStatus.CANCELLED)),
            held=Count("id", filter=Q(status__in=HELD_STATUSES)),
        )
        .order_by("year")
    }
    plans = dict(
        DialoguePlan.objects.filter(agency_id__in=ids)
        .values_list("year")
        .annotate(n=Count("id"))
        .order_by()
    )
    years = sorted(set(rows) | set(plans))
    return [
        {
            "year": y,
            "planned": 2 * plans.get(y, 0),
            "scheduled": rows.get(y, {}).get("scheduled", 0),
            "held": rows.get(y, {}).get("held", 0),
        }
        for y in years
    ]


def topic_by_state(agencies, start, end) -> list:
    """Return petitions per topic group and status for a stacked chart."""
    return [
        {"group": group or "", "status": status, "count": n}
        for group, status, n in cohort(agencies, start, end)
        .values_list("topic__group", "status")
        .annotate(n=Count("id"))
        .order_by("topic__group", "status")
    ]


def summary(agency, year: int, half: int | None = None, *, as_of=None) -> dict:
    """Return every number of the semi-annual (half 1 or 2) or annual (half None) report.

    `agency` may be one Agency or an iterable of them (a roll-up). The keys are stable;
    `figures` repeats the headline numbers flat for the API.
    """
    start, end = period(year, half)
    as_of = as_of or _today()
    agencies = [agency] if isinstance(agency, Agency) else list(agency)
    parts = {
        "conferences": conference_counts(agencies, start, end),
        "petitions": petition_breakdowns(agencies, start, end),
        "outcomes": outcomes(agencies, start, end, as_of),
        "commitments": commitment_counts(agencies, start, end, as_of),
        "resolution": resolution_days(agencies, start, end),
        "units": unit_performance(agencies, start, end, as_of),
        "observations": observations(agencies, start, end),
    }
    return assemble(agencies, year, half, as_of, parts)


def assemble(agencies: list, year: int, half: int | None, as_of, parts: dict) -> dict:
    """Return the summary's dict from its parts (computed from rows, or summed stored ones)."""
    start, end = period(year, half)
    conferences, petitions, result = parts["conferences"], parts["petitions"], parts["outcomes"]
    commitments, timing = parts["commitments"], parts["resolution"]
    first = agencies[0] if len(agencies) == 1 else None
    figures = {
        "conferences_required": conferences["regular_required"],
        "conferences_held": conferences["held"],
        "petitions_received": petitions["received"],
        "settled_at_conference": result["settled_at_conference"],
        "answered_in_writing": result["answered_in_writing"],
        "committed": result["committed"],
        "assigned": result["assigned"],
        "resolved_on_time": result["resolved_on_time"],
        "resolved_late": result["resolved_late"],
        "overdue": result["overdue"],
        "still_open": result["still_open"],
        "commitments_made": commitments["made"],
        "commitments_kept": commitments["kept"],
        "median_days_to_answer": timing["median_days"],
    }
    return {
        "agency": (
            {"id": first.pk, "code": first.code, "name": first.name}
            if first is not None
            else {"ids": _ids(agencies)}
        ),
        "year": year,
        "half": half,
        "period_start": start,
        "period_end": end,
        "as_of": as_of,
        "figures": figures,
        "conferences": conferences,
        "petitions": petitions,
        "outcomes": result,
        "commitments": commitments,
        "units": parts["units"],
        "resolution": timing,
        "observations": parts["observations"],
    }
