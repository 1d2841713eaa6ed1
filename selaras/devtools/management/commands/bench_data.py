"""`selaras bench-data --scale national|small`: generate national-scale data
for measuring the checks and the pages (see `selaras.devtools.benchdata`)."""

from __future__ import annotations

import os

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from selaras.devtools.benchdata import SCALES, BenchDataError, bench_exists, bench_reset, generate_bench_data


class Command(BaseCommand):
    help = "Membuat data uji berskala nasional (perlu `selaras load-reference`)."

    def add_arguments(self, parser):
        parser.add_argument("--scale", choices=sorted(SCALES), default="small", help="national atau small (untuk uji).")
        parser.add_argument("--seed", type=int, default=20250101, help="Benih bilangan acak.")
        parser.add_argument(
            "--reset", action="store_true", help="Hapus data uji skala ini lebih dulu, lalu buat ulang."
        )

    def handle(self, *args, scale: str, seed: int, reset: bool, **options):
        chosen = SCALES[scale]
        if reset and bench_exists(chosen):
            bench_reset(chosen)
            self.stdout.write(_("Data uji lama dihapus."))
        try:
            report = generate_bench_data(scale=chosen, seed=seed, log=self.stdout.write)
        except BenchDataError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            _(
                "Selesai dalam %(seconds)s detik: %(agencies)d instansi, %(plans)d rencana, %(acts)d kegiatan, "
                "%(locs)d lokasi kegiatan, %(rplans)d rencana daerah, %(rows)d sub kegiatan daerah."
            )
            % {
                "seconds": f"{report.seconds:.1f}".replace(".", ","),
                "agencies": report.agencies,
                "plans": report.plans,
                "acts": report.activities,
                "locs": report.activity_locations,
                "rplans": report.regional_plans,
                "rows": report.sub_activities,
            }
        )
        name = settings.DATABASES["default"]["NAME"]
        if settings.DATABASES["default"]["ENGINE"].endswith("sqlite3") and os.path.exists(str(name)):
            self.stdout.write(_("Ukuran basis data: %(mb).0f MB") % {"mb": os.path.getsize(name) / 1_048_576})
