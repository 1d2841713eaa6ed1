"""selaras import-plan FILE.xlsx --plan ID (or --cycle PROGRAMME:YEAR --owner CODE)

Replaces the plan's content with the workbook's. On any error nothing is
imported, every error is printed, and the command exits non-zero."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError

from selaras.core.context import acting_as
from selaras.plans.imports import plan_import
from selaras.plans.management.commands._plan_command import acting_user, add_user_argument, find_cycle, find_plan
from selaras.plans.models import Plan
from selaras.plans.services import plan_create
from selaras.plans.spreadsheets.errors import SpreadsheetImportError
from selaras.registry.models import Agency


class Command(BaseCommand):
    help = "Impor rencana kegiatan dari buku kerja Excel templat Selaras."

    def add_arguments(self, parser):
        parser.add_argument("file", help="Berkas .xlsx")
        parser.add_argument("--plan", type=int, help="ID rencana")
        parser.add_argument("--cycle", help="PROGRAM:TAHUN, bersama --owner (rencana dibuat bila belum ada)")
        parser.add_argument("--owner", help="Kode instansi pemilik rencana")
        add_user_argument(parser)

    def handle(self, *args, file, plan, cycle, owner, user, **options):
        by = acting_user(user)
        with acting_as(by, "command"):
            target = self._plan(plan, cycle, owner, by)
            try:
                result = plan_import(plan=target, by=by, file=file)
            except SpreadsheetImportError as exc:
                for issue in exc.errors.messages():
                    self.stderr.write(issue)
                raise CommandError(exc.summary) from None
            except FileNotFoundError:
                raise CommandError(f"Berkas {file} tidak ditemukan.") from None
            except (ValidationError, PermissionDenied) as exc:
                raise CommandError(" ".join(getattr(exc, "messages", [str(exc)]))) from None
        self.stdout.write(
            f"Rencana {result.plan.pk} ({result.plan}): {result.activities} kegiatan, {result.locations} lokasi, "
            f"{result.indicators} indikator diimpor."
        )

    def _plan(self, plan_id, cycle_text, owner_code, by) -> Plan:
        if plan_id:
            return find_plan(plan_id)
        if not (cycle_text and owner_code):
            raise CommandError("Sebutkan --plan ID, atau --cycle PROGRAM:TAHUN bersama --owner KODE.")
        cycle = find_cycle(cycle_text)
        owner = Agency.objects.filter(code=owner_code).first()
        if owner is None:
            raise CommandError(f"Instansi {owner_code} tidak ditemukan.")
        existing = Plan.objects.filter(cycle=cycle, owner=owner).first()
        if existing:
            return existing
        try:
            return plan_create(cycle=cycle, owner=owner, by=by)
        except (ValidationError, PermissionDenied) as exc:
            raise CommandError(" ".join(getattr(exc, "messages", [str(exc)]))) from None
