"""Background tasks of meetings."""

from __future__ import annotations

import datetime

from django.tasks import task
from django.utils import timezone

from selaras.meetings import reminders


@task
def send_followup_reminders(*, today: str = "") -> int:
    """The daily reminder sweep (`today` as ISO date; empty: the local date)."""
    day = datetime.date.fromisoformat(today) if today else timezone.localdate()
    return len(reminders.send_reminders(today=day))
