"""selaras export-plan --plan ID -o FILE.xlsx: the plan in the template's
format (importing the file again gives the same plan)."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from selaras.audit.recorder import record_event
from selaras.core import access
from selaras.core.context import acting_as
from selaras.plans.management.commands._plan_command import acting_user, add_user_argument, find_plan
from selaras.plans.spreadsheets.exporter import export_plan


class Command(BaseCommand):
    help = "Ekspor rencana ke buku kerja Excel berformat templat Selaras."

    def add_arguments(self, parser):
        parser.add_argument("--plan", type=int, required=True, help="ID rencana")
        parser.add_argument("-o", "--output", required=True, help="Berkas .xlsx tujuan")
        add_user_argument(parser)

    def handle(self, *args, plan, output, user, **options):
        by = acting_user(user)
        target = find_plan(plan)
        if not access.can(by, access.READ, target):
            raise CommandError(f"Pengguna {by.username} tidak berwenang membaca rencana {plan}.")
        with acting_as(by, "command"):
            export_plan(target, output)
            record_event(target, f"Ekspor ke {output}")
        self.stdout.write(f"Rencana {target.pk} diekspor ke {output}.")
