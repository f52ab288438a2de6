"""`doithoai document <kind> <id> -o FILE`: write an official document as DOCX or PDF."""

from pathlib import Path

from django.core.exceptions import ObjectDoesNotExist
from django.core.management.base import BaseCommand, CommandError

from doithoai.core.errors import ActionError
from doithoai.documents import service


class Command(BaseCommand):
    help = (
        "Write an official document in the Decree 30/2020 format. KIND is one of plan, "
        "invitation, compilation, minutes, notice, report. For plan the KEY is the plan id; "
        "for invitation, compilation and minutes the conference id; for notice the notice id; "
        "for report the agency code (or id) with --year and optionally --half 1 or 2 (without "
        "--half: the annual report). The format follows the extension of -o: .docx or .pdf "
        "(PDF needs LibreOffice). Example: doithoai document report VPUBND --year 2018 "
        "--half 1 -o bao-cao.pdf"
    )

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=service.KINDS)
        parser.add_argument("key", help="record id, or the agency code for report")
        parser.add_argument("-o", "--output", required=True, help="file to write (.docx or .pdf)")
        parser.add_argument("--year", type=int, help="report year (report only)")
        parser.add_argument("--half", type=int, choices=[1, 2], help="half-year (report only)")

    def handle(self, *args, kind, key, output, year=None, half=None, **options):
        path = Path(output)
        fmt = path.suffix.lower().lstrip(".")
        if fmt not in service.CONTENT_TYPES:
            raise CommandError("The output file must end in .docx or .pdf.")
        if kind == "report" and year is None:
            raise CommandError("A report needs --year (and --half 1 or 2 for a half-year).")
        try:
            obj = service.load(kind, key)
            rendered = service.render(kind, obj, fmt, year=year, half=half)
        except ObjectDoesNotExist as exc:
            raise CommandError(f"No {kind} with key {key}.") from exc
        except ActionError as exc:
            raise CommandError(str(exc.message)) from exc
        path.write_bytes(rendered.content)
        self.stdout.write(f"{path} ({len(rendered.content)} bytes)")
