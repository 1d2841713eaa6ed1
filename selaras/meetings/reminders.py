"""E-mail and in-app reminders of follow-ups: some days before the due
date (`FOLLOWUP_REMINDER_DAYS`, e.g. "7,1") and once when overdue.

The sweep (`send_reminders(today=…)`) is run daily by `selaras
send-reminders` (a systemd timer or cron, docs/deployment.md). Each
reminder is recorded as a `SentReminder` whose unique (follow-up, kind,
offset) makes it go out exactly once however often or late the sweep runs;
the notifications app tells the recipients (bell and e-mail in each
person's language, the e-mail as a background task) on the
`followup.reminder` event."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import Q

from selaras.core import access
from selaras.core.access import READ, RoleName
from selaras.meetings.models import FollowUp, FollowUpStatus, MeetingStatus, ReminderKind, SentReminder
from selaras.meetings.services._common import emit

DEFAULT_DAYS = "7,1"


def reminder_days(value: str | Iterable[int] | None = None) -> tuple[int, ...]:
    """The days before the due date a reminder goes out, largest first."""
    if value is None:
        value = getattr(settings, "FOLLOWUP_REMINDER_DAYS", DEFAULT_DAYS)
    parts = value.split(",") if isinstance(value, str) else value
    days = {int(str(p).strip()) for p in parts if str(p).strip()}
    return tuple(sorted((d for d in days if d >= 0), reverse=True))


def _owner_agencies(agency) -> list[int]:
    ids = []
    while agency is not None:
        ids.append(agency.pk)
        agency = agency.parent
    return ids


def _region_prefixes(code: str) -> list[str]:
    return [code[:i] for i in range(1, len(code) + 1) if code[i : i + 1] in ("", ".")]


def reminder_recipients(followup: FollowUp) -> list:
    """The owner agency's planners (a unit's too) or the owner region's
    officers, each of whom may read the meeting."""
    q = Q(pk__in=[])
    if followup.owner_agency_id:
        agency = followup.owner_agency
        q |= Q(memberships__role=RoleName.PLANNER, memberships__agency_id__in=_owner_agencies(agency))
        region = getattr(agency, "region", None)
        if region is not None:
            q |= Q(memberships__role=RoleName.REGIONAL, memberships__region__code__in=_region_prefixes(region.code))
    if followup.owner_region_id:
        codes = _region_prefixes(followup.owner_region.code)
        q |= Q(memberships__role=RoleName.REGIONAL, memberships__region__code__in=codes)
    people = get_user_model().objects.filter(q, is_active=True, memberships__is_active=True).distinct().order_by("pk")
    return [u for u in people if access.can(u, READ, followup.meeting)]


def due_reminders(*, today: datetime.date, days: tuple[int, ...] | None = None) -> list[tuple[FollowUp, str, int]]:
    """(follow-up, kind, offset) of every reminder due on `today` and not
    yet sent. Before the due date only the nearest reminder reached goes out
    (a sweep that missed days sends one reminder, not all of them)."""
    days = reminder_days() if days is None else days
    horizon = today + datetime.timedelta(days=max(days, default=0))
    pending = (
        FollowUp.objects.filter(status__in=FollowUpStatus.pending(), due_date__isnull=False, due_date__lte=horizon)
        .exclude(meeting__status=MeetingStatus.DRAFT)
        .select_related("meeting", "owner_agency__parent", "owner_agency__region", "owner_region")
        .prefetch_related("reminders")
        .order_by("due_date", "pk")
    )
    due = []
    for followup in pending:
        sent = {(r.kind, r.offset) for r in followup.reminders.all()}
        if today > followup.due_date:
            if (ReminderKind.OVERDUE, 0) not in sent:
                due.append((followup, ReminderKind.OVERDUE, 0))
            continue
        reached = [d for d in days if followup.due_date - datetime.timedelta(days=d) <= today]
        if not reached:
            continue
        nearest = min(reached)
        if any(kind == ReminderKind.BEFORE and offset <= nearest for kind, offset in sent):
            continue
        due.append((followup, ReminderKind.BEFORE, nearest))
    return due


def reminder_send(*, followup: FollowUp, kind: str, offset: int, today: datetime.date) -> SentReminder | None:
    """Record the reminder and announce it; None when it was sent before."""
    try:
        with transaction.atomic():
            reminder = SentReminder.objects.create(followup=followup, kind=kind, offset=offset, sent_on=today)
            emit(
                "followup.reminder",
                followup_id=followup.pk,
                reminder_id=reminder.pk,
                recipient_ids=[u.pk for u in reminder_recipients(followup)],
            )
    except IntegrityError:
        return None  # a concurrent sweep sent it
    return reminder


def send_reminders(*, today: datetime.date, days: tuple[int, ...] | None = None) -> list[SentReminder]:
    """Send every reminder due on `today` (the caller says what day it is)."""
    sent = []
    for followup, kind, offset in due_reminders(today=today, days=days):
        reminder = reminder_send(followup=followup, kind=kind, offset=offset, today=today)
        if reminder is not None:
            sent.append(reminder)
    return sent
