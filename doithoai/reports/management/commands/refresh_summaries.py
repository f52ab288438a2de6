"""Recompute the stored report summaries (run after midnight: "overdue" moves with the day)."""

from django.core.management.base import BaseCommand

from doithoai.organizations.models import Agency
from doithoai.reports import summaries
from doithoai.reports.stats import _today


class Command(BaseCommand):
    help = "Recompute stale report summaries and fill this year's for every agency."

    def add_arguments(self, parser):
        parser.add_argument("--stale-only", action="store_true", help="do not add periods")

    def handle(self, *args, stale_only=False, **options):
        refreshed = summaries.refresh()
        added = 0
        if not stale_only:
            today = _today()
            half = 1 if today.month <= 6 else 2
            previous = (today.year, 1) if half == 2 else (today.year - 1, 2)
            periods = [(today.year, None), (today.year, half), previous]
            ids = list(Agency.objects.values_list("pk", flat=True))
            added = summaries.ensure(ids, periods)
        if options["verbosity"]:
            self.stdout.write(f"{refreshed} refreshed, {added} period summaries ensured")
