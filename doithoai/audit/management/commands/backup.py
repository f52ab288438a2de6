"""`doithoai backup [DIR]`: one archive of the database, the media folder and a manifest."""

from django.core.management.base import BaseCommand, CommandError

from doithoai.audit.backup import BackupError, backup


class Command(BaseCommand):
    help = "Back up the database and the media folder into one archive (default: BACKUP_DIR)."

    def add_arguments(self, parser):
        parser.add_argument("directory", nargs="?", help="where to write the archive")

    def handle(self, *args, directory=None, **options):
        try:
            path, manifest = backup(directory)
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            f"backup written: {path} ({manifest['db_vendor']}, {manifest['media_files']} media "
            f"files, {len(manifest['latest_anchors'])} chain checkpoint(s))"
        )
        for chain in manifest["anchors_refused"]:
            self.stderr.write(f"WARNING {chain} was not anchored: run `doithoai audit verify`")
