"""`doithoai verify-pdf FILE`: report each signature of a PDF; exit 1 unless all are valid."""

import logging
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from doithoai.core.errors import ActionError
from doithoai.signing import verification


class Command(BaseCommand):
    help = (
        "Verify the digital signatures of a PDF: for each, the signer, the certificate chain "
        "against the trust roots (DOITHOAI_TRUST_ROOTS), the signing time, whether the file "
        "was modified after signing, and the Decree 30 placement. Exit status 0 when every "
        "signature is valid and trusted, 1 otherwise, 2 on a file that cannot be read."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")

    def handle(self, *args, file, **options):
        # The report says why a chain fails; pyHanko's tracebacks would only repeat it.
        logging.getLogger("pyhanko").setLevel(logging.ERROR)
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"No such file: {file}", returncode=2)
        try:
            reports = verification.verify(path.read_bytes())
        except ActionError as exc:
            raise CommandError(str(exc.message), returncode=2) from exc
        for line in verification.lines(reports):
            self.stdout.write(line)
        if not reports or not all(r.ok for r in reports):
            sys.exit(1)
