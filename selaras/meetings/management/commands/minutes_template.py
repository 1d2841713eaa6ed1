"""`selaras minutes-template [path]`: write the shipped minutes template
(docs/minutes-template.md), to start a template of one's own from."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand

from selaras.meetings.minutes import DEFAULT_TEMPLATE, write_template


class Command(BaseCommand):
    help = "Tulis templat notula rapat (.docx) bawaan Selaras."

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", default=str(DEFAULT_TEMPLATE))

    def handle(self, *args, path: str, **options):
        self.stdout.write(str(write_template(Path(path))))
