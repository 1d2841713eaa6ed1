"""`selaras letter-template [PATH]`: write the default Word template of the
recommendation letter (by default over the one shipped with Selaras)."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand

from selaras.sync.letters.docx import DEFAULT_TEMPLATE
from selaras.sync.letters.template import write_template


class Command(BaseCommand):
    help = "Tulis templat Word bawaan surat rekomendasi (placeholder: docs/letter-template.md)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("path", nargs="?", default=str(DEFAULT_TEMPLATE), help="berkas .docx tujuan")

    def handle(self, *args, path: str, **options) -> None:
        written = write_template(Path(path))
        self.stdout.write(self.style.SUCCESS(f"Templat surat ditulis: {written}"))
