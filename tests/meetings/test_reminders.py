"""Follow-up reminders: some days before the due date and once overdue,
each sent exactly once however often the daily sweep runs, only to the
owners who may read the meeting, in their language. Days are passed in."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.core.management import call_command

from selaras.meetings import reminders, services
from selaras.meetings.models import SentReminder
from selaras.notifications.models import Notification

pytestmark = pytest.mark.django_db

DUE_A = datetime.date(2024, 6, 30)  # mworld.followup_a, owned by ministry A


@pytest.fixture(autouse=True)
def _setup(settings):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    settings.FOLLOWUP_REMINDER_DAYS = "7,1"


def sweep(day, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return reminders.send_reminders(today=day)


def _kinds(followup) -> list[tuple[str, int, datetime.date]]:
    return list(SentReminder.objects.filter(followup=followup).values_list("kind", "offset", "sent_on"))


def test_it_sends_each_reminder_exactly_once_across_days_and_runs(mworld, cast, django_capture_on_commit_callbacks):
    fu = mworld.followup_a
    days = [DUE_A - datetime.timedelta(days=n) for n in (10, 7, 7, 6, 2, 1, 1, 0)]
    days += [DUE_A + datetime.timedelta(days=n) for n in (1, 1, 2, 30)]
    for day in days:
        sweep(day, django_capture_on_commit_callbacks)
        sweep(day, django_capture_on_commit_callbacks)
    assert _kinds(fu) == [
        ("before", 7, DUE_A - datetime.timedelta(days=7)),
        ("before", 1, DUE_A - datetime.timedelta(days=1)),
        ("overdue", 0, DUE_A + datetime.timedelta(days=1)),
    ]
    notes = Notification.objects.filter(recipient=cast.planner_a).order_by("pk")
    assert [n.kind for n in notes] == ["followup.reminder", "followup.reminder", "followup.overdue"]
    assert len([m for m in mail.outbox if m.to == [cast.planner_a.email]]) == 3


def test_a_sweep_that_missed_days_sends_the_nearest_reminder_only(mworld, django_capture_on_commit_callbacks):
    sweep(DUE_A, django_capture_on_commit_callbacks)  # on the due date: the 1-day one
    sweep(DUE_A, django_capture_on_commit_callbacks)
    assert [(k, o) for k, o, _ in _kinds(mworld.followup_a)] == [("before", 1)]


def test_reminders_go_only_to_the_owners_who_may_read_the_meeting(mworld, cast, django_capture_on_commit_callbacks):
    sweep(DUE_A + datetime.timedelta(days=1), django_capture_on_commit_callbacks)
    told = set(Notification.objects.filter(kind="followup.overdue").values_list("recipient__username", flat=True))
    assert told == {cast.planner_a.username}
    fu = mworld.followup_jateng
    sweep(fu.due_date - datetime.timedelta(days=1), django_capture_on_commit_callbacks)
    told = set(Notification.objects.filter(kind="followup.reminder").values_list("recipient__username", flat=True))
    assert told == {cast.officer_jateng.username}


def test_no_reminder_for_done_dropped_or_draft_meetings(mworld, reference, cast, django_capture_on_commit_callbacks):
    services.followup_complete(followup=mworld.followup_a, by=cast.planner_a)
    draft = services.meeting_create(
        by=cast.coordinator, kind="rakor", title="Draf", organiser=reference.supd4, starts_at=mworld.meeting.starts_at
    )
    services.followup_create(
        meeting=draft, by=cast.coordinator, text="Belum diumumkan.", owner_agency=reference.ministry_a, due_date=DUE_A
    )
    assert sweep(DUE_A + datetime.timedelta(days=5), django_capture_on_commit_callbacks) == []
    assert not Notification.objects.exists()


def test_the_overdue_email_names_the_meeting(mworld, cast, django_capture_on_commit_callbacks):
    # The language of the e-mail is the notifications app's (recipient_language).
    sweep(DUE_A + datetime.timedelta(days=1), django_capture_on_commit_callbacks)
    sent = [m for m in mail.outbox if m.to == [cast.planner_a.email]]
    assert len(sent) == 1
    assert "Rakortekpus RI-UNICEF 2024" in sent[0].body


def test_the_command_runs_the_sweep_for_the_given_day(mworld, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_reminders", today=(DUE_A - datetime.timedelta(days=7)).isoformat())
        call_command("send_reminders", today=(DUE_A - datetime.timedelta(days=7)).isoformat(), enqueue=True)
    assert [(k, o) for k, o, _ in _kinds(mworld.followup_a)] == [("before", 7)]


def test_reminder_days_come_from_the_setting(settings):
    settings.FOLLOWUP_REMINDER_DAYS = "1, 14,7"
    assert reminders.reminder_days() == (14, 7, 1)
