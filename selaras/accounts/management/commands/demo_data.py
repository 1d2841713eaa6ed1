"""`selaras demo-data`: fill the database with the demo, step by step.

Steps are registered by each app's `demo.py` (see `selaras.core.demo`); they
are deterministic and idempotent, so running this twice changes nothing."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.translation import gettext as _

from selaras.core.context import acting_as
from selaras.core.demo import DemoContext, DemoDataMissing, demo_steps


class Command(BaseCommand):
    help = "Membuat data demo (pengguna demo dan data contoh). Jalankan `selaras load-reference` lebih dulu."

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=2024, help="Benih bilangan acak (bawaan 2024).")
        parser.add_argument("--only", action="append", default=[], help="Jalankan hanya langkah bernama ini.")

    def handle(self, *args, seed: int, only: list[str], **options):
        ctx = DemoContext(seed=seed, log=lambda line: self.stdout.write(line))
        steps = [s for s in demo_steps() if not only or s.name in only]
        if only and not steps:
            raise CommandError(_("Tidak ada langkah demo bernama %(names)s.") % {"names": ", ".join(only)})
        try:
            with transaction.atomic(), acting_as(None, "demo-data"):
                for step in steps:
                    created = step.func(ctx) or 0
                    self.stdout.write(_("%(step)s: %(count)d dibuat") % {"step": step.name, "count": created})
        except DemoDataMissing as missing:
            raise CommandError(str(missing)) from missing
        self.stdout.write(self.style.SUCCESS(_("Data demo siap. Lihat akun demo dengan `selaras demo-logins`.")))
