"""`doithoai audit verify [--agency CODE]`: recompute the audit chains."""

from django.core.management.base import BaseCommand, CommandError

from doithoai.audit.log import verify
from doithoai.audit.models import AuditEvent


class Command(BaseCommand):
    help = "Verify the hash chain of the audit log and name the first broken event."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="subcommand", required=True)
        check = sub.add_parser("verify", help="recompute every chain")
        check.add_argument("--agency", help="agency code; all chains when omitted")

    def handle(self, *args, subcommand, agency=None, **options):
        target = None
        if agency:
            # The agency model sits a layer above the audit log: reach it through the relation.
            agency_model = AuditEvent._meta.get_field("agency").related_model
            target = agency_model.objects.filter(code=agency).first()
            if target is None:
                raise CommandError(f"no agency with code {agency!r}")
        reports = verify(target)
        broken = [r for r in reports if not r.ok]
        for r in reports:
            if r.ok:
                self.stdout.write(f"OK {r.chain}: {r.events} events")
            else:
                self.stdout.write(
                    f"BROKEN {r.chain}: event id={r.broken_event_id} seq={r.broken_seq}: {r.problem}"
                )
        if broken:
            raise CommandError(f"{len(broken)} chain(s) broken")
