"""`selaras build-lookup-index [--year 2025 ...]`: build the likely-duplicates
look-up index of each year (every year with data by default) and save it
under `var/lookup-index/`, where web processes load it instead of building
it themselves. Run it after a national import or check run, or from cron;
a web process also asks the worker for it when its index is stale."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand

from selaras.sync import similarity_service


class Command(BaseCommand):
    help = "Bangun dan simpan indeks pencarian kemiripan judul per tahun."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--year", type=int, action="append", help="tahun (boleh berulang); bawaan: semua tahun")

    def handle(self, *args, year: list[int] | None = None, **options) -> None:
        years = year or similarity_service.data_years()
        if not years:
            self.stdout.write("Belum ada data kegiatan; tidak ada indeks yang dibangun.")
            return
        for y in years:
            started = time.perf_counter()
            built = similarity_service.build_year(y)
            self.stdout.write(
                self.style.SUCCESS(
                    f"{y}: {len(built.pks)} butir, versi {built.stamp}, "
                    f"{time.perf_counter() - started:.1f} s -> {built.folder}"
                )
            )
