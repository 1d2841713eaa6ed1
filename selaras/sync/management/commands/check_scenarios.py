"""`selaras check-scenarios FILE.csv OUT.csv`: check each row of planned
activities (the authority development set's format) as a plan of its own in
a rolled-back transaction, and write the authority findings per row."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from selaras.sync.authority.scenarios import ScenarioError, check_rows, read_rows, write_results


class Command(BaseCommand):
    help = "Periksa kewenangan setiap baris skenario sebagai kegiatan terencana; tulis temuannya per baris."

    def add_arguments(self, parser) -> None:
        parser.add_argument("source", type=Path, help="CSV skenario (format authority-dev.csv)")
        parser.add_argument("output", type=Path, help="CSV hasil: temuan per baris")

    def handle(self, *args, source: Path, output: Path, **options) -> None:
        if not source.is_file():
            raise CommandError(f"{source}: berkas tidak ada.")
        try:
            results = check_rows(read_rows(source))
        except ScenarioError as exc:
            raise CommandError(str(exc)) from exc
        write_results(results, output)
        flagged = sum(1 for r in results if r.findings)
        self.stdout.write(
            self.style.SUCCESS(f"{len(results)} baris diperiksa: {flagged} dengan temuan kewenangan → {output}")
        )
