"""`doithoai audit verify|anchor|new-key|grant-sql`: check, anchor and key the audit log.

- `verify [--agency CODE] [--objects]`: recompute every chain with its keys, compare it with
  the checkpoints outside the database, and (with --objects) every audited row with the state
  its last event recorded. Exits non-zero on any finding.
- `anchor [--agency CODE] [--accept-rollback]`: write a signed checkpoint of each chain now.
- `new-key`: put a new key first in the key file (older keys stay to verify older events).
- `grant-sql ROLE`: print the SQL that lets a separate, non-owner role run the application.
"""

from django.core.management.base import BaseCommand, CommandError

from doithoai.audit import anchors, keys, protection
from doithoai.audit.log import verify
from doithoai.audit.models import AuditEvent
from doithoai.audit.objects import verify_objects


class Command(BaseCommand):
    help = "Verify, anchor and key the hash-chained audit log."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="subcommand", required=True)
        check = sub.add_parser("verify", help="recompute every chain")
        check.add_argument("--agency", help="agency code; all chains when omitted")
        check.add_argument(
            "--objects",
            action="store_true",
            help="also compare every audited row with the state its last event recorded",
        )
        anchor = sub.add_parser("anchor", help="write a signed checkpoint of each chain now")
        anchor.add_argument("--agency", help="agency code; all chains when omitted")
        anchor.add_argument(
            "--accept-rollback",
            action="store_true",
            help="after a deliberate restore of an older backup: start the checkpoints afresh",
        )
        sub.add_parser("new-key", help="rotate: put a new key first in the key file")
        grant = sub.add_parser("grant-sql", help="print the SQL for a non-owner application role")
        grant.add_argument("role")

    def _agency(self, code):
        if not code:
            return None
        # The agency model sits a layer above the audit log: reach it through the relation.
        agency_model = AuditEvent._meta.get_field("agency").related_model
        target = agency_model.objects.filter(code=code).first()
        if target is None:
            raise CommandError(f"no agency with code {code!r}")
        return target

    def handle(self, *args, subcommand, **options):
        if subcommand == "verify":
            return self.verify(self._agency(options.get("agency")), options["objects"])
        if subcommand == "anchor":
            return self.anchor(self._agency(options.get("agency")), options["accept_rollback"])
        if subcommand == "new-key":
            self.stdout.write(f"new current key: {keys.rotate()} (older keys kept to verify)")
            return None
        self.stdout.write(protection.grant_sql(options["role"]))
        return None

    def verify(self, target, objects):
        reports = verify(target)
        broken = [r for r in reports if not r.ok]
        for r in reports:
            if r.ok:
                anchored = (
                    f", checkpoint at event {r.anchor.seq} ({r.anchor.created_at})"
                    if r.anchor
                    else ", no checkpoint yet"
                )
                self.stdout.write(f"OK {r.chain}: {r.events} events{anchored}")
            elif r.kind == "rollback":
                self.stdout.write(f"ROLLBACK {r.chain}: {r.problem}")
            else:
                self.stdout.write(
                    f"BROKEN {r.chain}: event id={r.broken_event_id} seq={r.broken_seq}: {r.problem}"
                )
        mismatches = verify_objects(agency=target) if objects else []
        for m in mismatches:
            self.stdout.write(
                f"{m.problem.upper()} {m.object_type}:{m.object_id}: the stored row does not "
                f"match its last event (id={m.event_id}, {m.chain} seq={m.seq})"
            )
        if objects and not mismatches:
            self.stdout.write("OK objects: every audited row matches its last event")
        problems = []
        if broken:
            problems.append(f"{len(broken)} chain(s) broken")
        if mismatches:
            problems.append(f"{len(mismatches)} row(s) changed outside the application")
        if problems:
            raise CommandError("; ".join(problems))

    def anchor(self, target, accept_rollback):
        results = anchors.anchor(target, seal_legacy=True, accept_rollback=accept_rollback)
        refused = [r for r in results if r.refused is not None]
        for r in results:
            if r.written is not None:
                note = " (rollback accepted)" if r.written.reset else ""
                self.stdout.write(
                    f"ANCHORED {r.chain}: event {r.written.seq} -> {r.written.path}{note}"
                )
            elif r.skipped:
                self.stdout.write(f"SKIPPED {r.chain}: {r.skipped}")
            else:
                self.stdout.write(f"REFUSED {r.chain}: {r.refused.problem}")
        if refused:
            raise CommandError(f"{len(refused)} chain(s) not anchored: verify them first")
