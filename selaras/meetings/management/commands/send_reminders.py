"""`selaras send-reminders`: the daily follow-up reminder sweep, run by a
systemd timer or cron (docs/deployment.md). Safe to run as often as one
likes: each reminder goes out exactly once."""

from __future__ import annotations

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from selaras.meetings import reminders
from selaras.meetings.tasks import send_followup_reminders


class Command(BaseCommand):
    help = "Kirim pengingat tindak lanjut rapat yang jatuh tempo hari ini (sekali per pengingat)."

    def add_arguments(self, parser):
        parser.add_argument("--today", default="", help="Tanggal ISO (YYYY-MM-DD) sebagai hari ini.")
        parser.add_argument(
            "--enqueue", action="store_true", help="Jalankan sebagai pekerjaan latar belakang, bukan langsung."
        )

    def handle(self, *args, today: str, enqueue: bool, **options):
        try:
            day = datetime.date.fromisoformat(today) if today else timezone.localdate()
        except ValueError as exc:
            raise CommandError(f"--today: {exc}") from None
        if enqueue:
            send_followup_reminders.enqueue(today=day.isoformat())
            self.stdout.write(f"queued reminders for {day.isoformat()}")
            return
        sent = reminders.send_reminders(today=day)
        self.stdout.write(f"{len(sent)} reminder(s) sent for {day.isoformat()}")
