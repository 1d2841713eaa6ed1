"""selaras plan-template --cycle PROGRAMME:YEAR [--owner CODE] -o FILE.xlsx"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from selaras.plans.management.commands._plan_command import find_cycle
from selaras.plans.spreadsheets.template import write_template
from selaras.registry.models import Agency


class Command(BaseCommand):
    help = "Tulis templat Excel rencana kegiatan untuk satu siklus."

    def add_arguments(self, parser):
        parser.add_argument("--cycle", required=True, help="PROGRAM:TAHUN, mis. RI-UNICEF-2021:2024")
        parser.add_argument("--owner", help="Kode instansi yang ditampilkan di lembar petunjuk")
        parser.add_argument("-o", "--output", required=True, help="Berkas .xlsx tujuan")

    def handle(self, *args, cycle, owner, output, **options):
        target = find_cycle(cycle)
        agency = None
        if owner:
            agency = Agency.objects.filter(code=owner).first()
            if agency is None:
                raise CommandError(f"Instansi {owner} tidak ditemukan.")
        write_template(target, output, owner=agency)
        self.stdout.write(f"Templat {target} ditulis ke {output}.")
