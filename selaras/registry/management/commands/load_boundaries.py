"""`selaras load-boundaries FILE.geojson …`: official region boundaries,
matched by the feature property `code` (or `kode`, `kode_wilayah`)."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from selaras.core.context import acting_as
from selaras.registry.loaders import ReferenceDataError
from selaras.registry.management.commands._report import boundary_lines
from selaras.registry.services import load_boundary_files


class Command(BaseCommand):
    help = "Muat batas wilayah (provinsi atau kabupaten/kota) dari berkas GeoJSON."

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", type=Path, metavar="FILE.geojson")
        parser.add_argument(
            "--source", help="Sumber yang dicatat untuk batas ini (bawaan: nama berkas), mis. 'BIG 2025'."
        )

    def handle(self, *args, files, source, **options):
        try:
            with acting_as(None, "command"):
                report = load_boundary_files(paths=files, source=source)
        except ReferenceDataError as exc:
            raise CommandError(_("Tidak ada yang dimuat: %(error)s") % {"error": exc}) from exc
        for line in boundary_lines(report):
            self.stdout.write(line)
