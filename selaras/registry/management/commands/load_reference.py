"""`selaras load-reference`: regions, agencies, affairs and authority rules,
development targets and, optionally, boundaries. Safe to run again: only
what changed in the sources is written."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from selaras.core.context import acting_as
from selaras.registry.loaders import ReferenceDataError, SyncResult
from selaras.registry.management.commands._report import boundary_lines, codes, counts, n, total
from selaras.registry.models import RegionLevel
from selaras.registry.services import load_reference

LEVEL_LABELS = {
    RegionLevel.PROVINCE: "provinsi",
    RegionLevel.REGENCY: "kabupaten/kota",
    RegionLevel.DISTRICT: "kecamatan",
    RegionLevel.VILLAGE: "desa/kelurahan",
}


class Command(BaseCommand):
    help = "Muat data referensi: wilayah, instansi, urusan dan kewenangan, sasaran pembangunan."

    def add_arguments(self, parser):
        parser.add_argument(
            "--with-villages",
            action="store_true",
            help="Muat juga kecamatan dan desa/kelurahan (91.599 wilayah, bukan hanya 552).",
        )
        parser.add_argument(
            "--within",
            metavar="KODE",
            help="Dengan --with-villages: hanya kecamatan dan desa di wilayah ini (mis. 33 atau 33.02).",
        )
        parser.add_argument(
            "--boundaries",
            metavar="FOLDER",
            type=Path,
            help="Muat juga batas wilayah dari setiap *.geojson di folder ini.",
        )
        parser.add_argument(
            "--as-of",
            type=dt.date.fromisoformat,
            metavar="YYYY-MM-DD",
            help="Tanggal berakhirnya kode yang hilang dari sumber (bawaan: hari ini).",
        )

    def handle(self, *args, with_villages, within, boundaries, as_of, **options):
        if within and not with_villages:
            raise CommandError(_("--within hanya berlaku bersama --with-villages."))
        started = time.monotonic()
        try:
            with acting_as(None, "command"):
                report = load_reference(villages=with_villages, within=within, boundaries_dir=boundaries, as_of=as_of)
        except ReferenceDataError as exc:
            raise CommandError(str(exc)) from exc

        regions = report.regions
        merged = SyncResult()
        for result in regions.values():
            merged.add(result)
        per_level = ", ".join(f"{n(total(r))} {LEVEL_LABELS[level]}" for level, r in regions.items())
        self.stdout.write(_("Wilayah: %(levels)s — %(counts)s") % {"levels": per_level, "counts": counts(merged)})
        if merged.retired:
            self.stdout.write(
                _("  Kode tidak ada lagi di sumber, ditandai berakhir: %(codes)s") % {"codes": codes(merged.retired)}
            )
        labels = {
            "agencies": _("Instansi (K/L, unit, mitra)"),
            "regional_governments": _("Pemerintah daerah"),
            "affairs": _("Urusan"),
            "authority_rules": _("Aturan kewenangan"),
            "frameworks": _("Kerangka sasaran"),
            "targets": _("Sasaran pembangunan"),
        }
        for name, result in {**report.agencies, **report.affairs, **report.targets}.items():
            self.stdout.write(f"{labels[name]}: {n(total(result))} — {counts(result)}")
        if report.boundaries:
            for line in boundary_lines(report.boundaries):
                self.stdout.write(line)
        seconds = f"{time.monotonic() - started:.1f}".replace(".", ",")
        if report.changed:
            self.stdout.write(self.style.SUCCESS(_("Selesai dalam %(seconds)s detik.") % {"seconds": seconds}))
        else:
            self.stdout.write(self.style.SUCCESS(_("Tidak ada perubahan (%(seconds)s detik).") % {"seconds": seconds}))
