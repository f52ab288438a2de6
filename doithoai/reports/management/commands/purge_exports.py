"""Delete expired Excel exports and their files (run it daily, e.g. from cron)."""

from django.core.management.base import BaseCommand

from doithoai.reports.exports import purge_expired


class Command(BaseCommand):
    help = "Delete expired export files."

    def handle(self, *args, **options):
        n = purge_expired()
        if options["verbosity"]:
            self.stdout.write(f"{n} expired export(s) deleted")
