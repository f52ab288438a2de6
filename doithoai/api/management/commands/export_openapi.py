"""Write the API's OpenAPI schema to doithoai/api/openapi.json (or check it is current)."""

from django.core.management.base import BaseCommand, CommandError

from doithoai.api.openapi import SAVED, current_schema_text


class Command(BaseCommand):
    help = "Regenerate doithoai/api/openapi.json from the code (--check: fail if it differs)."

    def add_arguments(self, parser):
        parser.add_argument("--check", action="store_true", help="Only compare; do not write.")
        parser.add_argument("--output", default=str(SAVED), help="Where to write the schema.")

    def handle(self, *args, check=False, output=None, **options):
        text = current_schema_text()
        if check:
            saved = SAVED.read_text(encoding="utf-8") if SAVED.exists() else ""
            if saved != text:
                raise CommandError(
                    "doithoai/api/openapi.json is out of date: run `doithoai export_openapi`."
                )
            self.stdout.write("openapi.json is up to date.")
            return
        with open(output, "w", encoding="utf-8") as handle:
            handle.write(text)
        self.stdout.write(f"Wrote {output}")
