"""`doithoai restore FILE_OR_DIR`: restore a backup, then verify the audit chains against the
checkpoints kept outside the database (a restore older than them is reported as a rollback)."""

from django.core.management.base import BaseCommand, CommandError

from doithoai.audit.backup import BackupError, restore


class Command(BaseCommand):
    help = "Restore the database and the media folder from a `doithoai backup` archive."

    def add_arguments(self, parser):
        parser.add_argument("source", help="an archive, a folder of archives (the newest is used)")
        parser.add_argument(
            "--noinput",
            "--no-input",
            action="store_false",
            dest="interactive",
            help="do not ask for confirmation",
        )

    def handle(self, *args, source, interactive=True, **options):
        if interactive:
            answer = input(
                "This replaces the whole database and moves the media folder aside. "
                "Stop the web server and the worker first. Type 'yes' to go on: "
            )
            if answer.strip().lower() != "yes":
                raise CommandError("restore cancelled")
        try:
            result = restore(source)
        except BackupError as error:
            raise CommandError(str(error)) from None
        manifest = result.manifest
        self.stdout.write(
            f"restored the {manifest['db_vendor']} database and media of {manifest['created_at']}"
        )
        if result.media_moved_to:
            self.stdout.write(f"the previous media folder was kept as {result.media_moved_to}")
        rollback = False
        for r in result.reports:
            if r.ok:
                self.stdout.write(f"OK {r.chain}: {r.events} events")
            elif r.kind == "rollback":
                rollback = True
                self.stdout.write(f"ROLLBACK {r.chain}: {r.problem}")
            else:
                self.stdout.write(f"BROKEN {r.chain}: seq={r.broken_seq}: {r.problem}")
        if rollback:
            self.stdout.write(
                "The restored database is OLDER than the latest audit checkpoint: events "
                "recorded after this backup are lost, and `doithoai audit verify` will report "
                "it. If this restore is a deliberate recovery, record it with "
                "`doithoai audit anchor --accept-rollback`."
            )
