"""Recompute the stored report summaries (run after midnight: "overdue" moves with the day)."""

from django.core.management.base import BaseCommand, CommandError

from doithoai.organizations.models import Agency
from doithoai.reports import summaries
from doithoai.reports.stats import _today


def _period(text: str) -> tuple[int, int | None]:
    year, _, half = text.partition("-")
    if not year.isdigit() or half not in ("", "1", "2"):
        raise CommandError(f"--period wants YEAR or YEAR-HALF (1 or 2), not {text!r}")
    return int(year), int(half) if half else None


class Command(BaseCommand):
    help = (
        "Recompute stale report summaries, then store those of the given periods (default: "
        "this year, this half-year and the one before) for every agency or the given ones."
    )

    def add_arguments(self, parser):
        parser.add_argument("--period", action="append", type=_period, help="YEAR or YEAR-HALF")
        parser.add_argument("--agency", action="append", type=int, help="agency id")
        parser.add_argument("--stale-only", action="store_true", help="do not add periods")

    def handle(self, *args, period=None, agency=None, stale_only=False, **options):
        refreshed = summaries.refresh(agency)
        added = 0
        if not stale_only:
            today = _today()
            half = 1 if today.month <= 6 else 2
            previous = (today.year, 1) if half == 2 else (today.year - 1, 2)
            periods = period or [(today.year, None), (today.year, half), previous]
            ids = agency or list(Agency.objects.values_list("pk", flat=True))
            added = summaries.ensure(ids, periods)
        if options["verbosity"]:
            self.stdout.write(f"{refreshed} refreshed, {added} period summaries ensured")
