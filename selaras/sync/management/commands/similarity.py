"""`selaras similarity PAIRS.csv OUT.csv [--threshold 0.5]`: score pairs of
activity names (columns text_a,text_b; other columns are kept) and write
score, duplicate (0/1) and why. See `selaras.sync.similarity.cli`."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from selaras.sync.similarity.cli import PairsFileError, score_file
from selaras.sync.similarity.scorer import DEFAULT_THRESHOLD


class Command(BaseCommand):
    help = "Nilai kemiripan pasangan nama kegiatan (CSV text_a,text_b) dan tulis skor, duplikat dan alasannya."

    def add_arguments(self, parser) -> None:
        parser.add_argument("pairs", help="CSV masukan dengan kolom text_a,text_b")
        parser.add_argument("out", help="CSV keluaran (kolom masukan + score, duplicate, why)")
        parser.add_argument("--threshold", type=float, default=DEFAULT_THRESHOLD, help="ambang duplikat (0–1)")

    def handle(self, *args, pairs: str, out: str, threshold: float, **options) -> None:
        if not 0.0 <= threshold <= 1.0:
            raise CommandError(f"--threshold harus di antara 0 dan 1, bukan {threshold}")
        try:
            n = score_file(Path(pairs), Path(out), threshold)
        except (OSError, PairsFileError) as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(self.style.SUCCESS(f"{n} pasangan dinilai -> {out}"))
