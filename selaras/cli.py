"""The `selaras` console command: Django's management commands, with
dashes accepted for underscores (`selaras load-reference`)."""

from __future__ import annotations

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "selaras.settings")
    from django.core.management import execute_from_command_line

    argv = list(sys.argv)
    if len(argv) > 1 and not argv[1].startswith("-"):
        argv[1] = argv[1].replace("-", "_")
    argv[0] = "selaras"
    execute_from_command_line(argv)


if __name__ == "__main__":
    main()
