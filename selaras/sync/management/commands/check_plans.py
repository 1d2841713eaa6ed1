"""`selaras check-plans --plan ID | --cycle PROG:YEAR | --national YEAR`:
run the synchronisation checks in this process and print what changed.
(Not named `check`: that is Django's system check.)"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from selaras.core.context import acting_as
from selaras.plans.models import Cycle, Plan
from selaras.sync import engine
from selaras.sync.models import CheckRun, RunScope


class Command(BaseCommand):
    help = "Jalankan pemeriksaan sinkronisasi atas satu rencana, satu siklus, atau seluruh negeri."

    def add_arguments(self, parser) -> None:
        target = parser.add_mutually_exclusive_group(required=True)
        target.add_argument("--plan", type=int, help="ID rencana")
        target.add_argument("--cycle", help="KODE_PROGRAM:TAHUN, mis. RI-UNICEF-2021:2024")
        target.add_argument("--national", type=int, metavar="YEAR", help="tahun: semua rencana yang diajukan")

    def handle(self, *args, plan=None, cycle=None, national=None, **options) -> None:
        self.verbosity = options.get("verbosity", 1)
        run = CheckRun(scope=RunScope.NATIONAL, year=national)
        if plan is not None:
            found = Plan.objects.select_related("cycle").filter(pk=plan).first()
            if found is None:
                raise CommandError(f"--plan: rencana {plan} tidak ada.")
            run = CheckRun(scope=RunScope.PLAN, plan=found, year=found.cycle.year)
        elif cycle is not None:
            code, _, year = cycle.rpartition(":")
            if not code or not year.isdigit():
                raise CommandError("--cycle: tulis KODE_PROGRAM:TAHUN, mis. RI-UNICEF-2021:2024.")
            found_cycle = Cycle.objects.filter(programme__code=code, year=int(year)).first()
            if found_cycle is None:
                raise CommandError(f"--cycle: siklus {code} {year} tidak ada.")
            run = CheckRun(scope=RunScope.CYCLE, cycle=found_cycle, year=found_cycle.year)
        try:
            run.full_clean(exclude=["started_by", "job"])
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from exc
        run.save()
        with acting_as(None, "command check-plans"):
            run = engine.execute(run, progress=self._progress)
        counts = run.counts
        self.stdout.write(
            self.style.SUCCESS(
                f"Pemeriksaan {run.pk} selesai: {counts.get('total', 0)} temuan "
                f"({counts.get('new', 0)} baru, {counts.get('kept', 0)} tetap, "
                f"{counts.get('reopened', 0)} dibuka kembali, {counts.get('resolved', 0)} selesai)."
            )
        )

    def _progress(self, done: int, total: int, message: str) -> None:
        if self.verbosity >= 2:
            self.stdout.write(f"  [{done}/{total}] {message}")
