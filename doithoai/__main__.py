"""Run Django's management commands as `doithoai <command>`."""

import os
import sys


def main() -> None:
    """Dispatch to Django's command-line utility with our settings."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "doithoai.settings")
    from django.core.management import execute_from_command_line

    argv = list(sys.argv)
    argv[0] = "doithoai"
    execute_from_command_line(argv)


if __name__ == "__main__":
    main()
