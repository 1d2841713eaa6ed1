"""selaras import-regional-plan FILE --region 33.02 --year 2024

Replaces the region's sub-activities of that year with the file's rows
(.xlsx or .csv); on any error nothing changes and every error is printed."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError

from selaras.core.context import acting_as
from selaras.plans.imports import regional_plan_import
from selaras.plans.management.commands._plan_command import acting_user, add_user_argument
from selaras.plans.spreadsheets.errors import SpreadsheetImportError
from selaras.registry.models import Region


class Command(BaseCommand):
    help = "Impor sub kegiatan rencana daerah (ekspor SIPD) dari .xlsx atau .csv."

    def add_arguments(self, parser):
        parser.add_argument("file", help="Berkas .xlsx atau .csv")
        parser.add_argument("--region", required=True, help="Kode wilayah, mis. 33.02")
        parser.add_argument("--year", type=int, required=True)
        add_user_argument(parser)

    def handle(self, *args, file, region, year, user, **options):
        by = acting_user(user)
        target = Region.objects.filter(code=region).first()
        if target is None:
            raise CommandError(f"Wilayah {region} tidak ditemukan.")
        with acting_as(by, "command"):
            try:
                result = regional_plan_import(region=target, year=year, by=by, file=file)
            except SpreadsheetImportError as exc:
                for issue in exc.errors.messages():
                    self.stderr.write(issue)
                raise CommandError(exc.summary) from None
            except FileNotFoundError:
                raise CommandError(f"Berkas {file} tidak ditemukan.") from None
            except (ValidationError, PermissionDenied) as exc:
                raise CommandError(" ".join(getattr(exc, "messages", [str(exc)]))) from None
        self.stdout.write(
            f"Rencana daerah {target.name} {year}: {result.rows} sub kegiatan diimpor "
            f"({result.located} dengan lokasi wilayah)."
        )
