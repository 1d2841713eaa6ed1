"""The meetings demo: the 2024 Rakortekpus and the Bandung Rakor with
follow-ups in every state (overdue on the demo's day), one evidence file,
the 2025 Rakortekpus carrying what is still owed, and a second run of
`demo-data` that changes nothing."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from selaras.meetings.demo import DEMO_TODAY, RAKOR_DEKON_2024, RAKORTEKPUS_2024, RAKORTEKPUS_2025
from selaras.meetings.models import (
    AgendaItem,
    Attendance,
    Conclusion,
    FollowUp,
    FollowUpStatus,
    FollowUpUpdate,
    Meeting,
    MeetingStatus,
    Participant,
    ParticipantRole,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(settings):
    call_command("load_reference", stdout=io.StringIO())
    call_command("demo_data", stdout=io.StringIO())


def _state():
    return (
        sorted(Meeting.objects.values_list("title", "status", "version")),
        sorted(FollowUp.objects.values_list("text", "status", "version")),
        Participant.objects.count(),
        sorted(AgendaItem.objects.values_list("meeting__title", "number", "title")),
        Conclusion.objects.count(),
        FollowUpUpdate.objects.count(),
    )


def test_the_demo_holds_both_2024_meetings_and_the_2025_rakortekpus(demo):
    rakortekpus = Meeting.objects.get(title=RAKORTEKPUS_2024)
    assert rakortekpus.status == MeetingStatus.CLOSED and "Santika" in rakortekpus.venue
    assert rakortekpus.programme.code == "RI-UNICEF-2021-2025"
    invited = rakortekpus.participants.all()
    assert invited.filter(agency__kind="ministry").count() == 16
    assert invited.filter(region__isnull=False).count() == 9
    assert invited.filter(attended=Attendance.YES).exists() and invited.filter(attended=Attendance.UNKNOWN).exists()
    assert rakortekpus.conclusions.filter(is_public=True).exists()
    linked = rakortekpus.agenda.all()
    assert any(item.plans.exists() for item in linked) and any(item.findings.exists() for item in linked)
    assert any(item.letters.exists() for item in linked) and any(item.flags.exists() for item in linked)

    rakor = Meeting.objects.get(title=RAKOR_DEKON_2024)
    assert rakor.starts_at.date().isoformat() == "2024-02-06" and "Asmira" in rakor.venue
    speakers = set(rakor.participants.filter(role=ParticipantRole.SPEAKER).values_list("agency__code", flat=True))
    assert speakers == {"055", "040", "015"}
    assert rakor.conclusions.count() >= 2

    assert Meeting.objects.get(title=RAKORTEKPUS_2025).status == MeetingStatus.SCHEDULED


def test_the_demo_follow_ups_are_in_every_state_with_one_evidence_file(demo):
    followups = FollowUp.objects.filter(meeting__title__in=[RAKORTEKPUS_2024, RAKOR_DEKON_2024])
    assert set(followups.values_list("status", flat=True)) == set(FollowUpStatus.values)
    assert all(f.drop_reason for f in followups.filter(status=FollowUpStatus.DROPPED))
    pending = [f for f in followups if f.status in FollowUpStatus.pending()]
    assert any(f.is_overdue(DEMO_TODAY) for f in pending) and not all(f.is_overdue(DEMO_TODAY) for f in pending)
    evidence = FollowUpUpdate.objects.exclude(evidence="")
    assert evidence.count() == 1
    update = evidence.get()
    assert update.evidence_type == "application/pdf" and update.evidence.read().startswith(b"%PDF")


def test_the_2025_rakortekpus_carries_every_follow_up_still_owed_from_2024(demo):
    owed = set(
        FollowUp.objects.filter(meeting__title=RAKORTEKPUS_2024, status__in=FollowUpStatus.pending()).values_list(
            "pk", flat=True
        )
    )
    carried = set(
        AgendaItem.objects.filter(meeting__title=RAKORTEKPUS_2025, carried_followup__isnull=False).values_list(
            "carried_followup", flat=True
        )
    )
    assert owed and carried == owed


def test_a_second_run_changes_nothing(demo):
    before = _state()
    out = io.StringIO()
    call_command("demo_data", stdout=out)
    assert _state() == before
    assert "meetings.meetings: 0" in out.getvalue()


def test_no_meetings_page_of_the_demo_answers_a_server_error_to_any_demo_user(demo, client):
    from django.urls import reverse

    from selaras.accounts.models import User

    pages = [reverse("meetings:meeting_list"), reverse("meetings:followup_dashboard")]
    for meeting in Meeting.objects.all():
        for name in ("meeting_detail", "meeting_edit", "meeting_calendar", "meeting_pack", "meeting_minutes"):
            pages.append(reverse(f"meetings:{name}", args=[meeting.pk]))
        pages.append(reverse("meetings:attendance_download", args=[meeting.pk]))
    for followup in FollowUp.objects.all():
        pages += [reverse(f"meetings:{n}", args=[followup.pk]) for n in ("followup_detail", "followup_edit")]
    pages += [reverse("meetings:evidence_download", args=[u.pk]) for u in FollowUpUpdate.objects.exclude(evidence="")]
    failures, served = [], set()
    for user in [None, *User.objects.filter(username__startswith="demo.").order_by("username")]:
        client.logout()
        if user is not None:
            client.force_login(user)
        for page in pages:
            status = client.get(page).status_code
            if status >= 500:
                failures.append(f"{user} {page} {status}")
            elif status == 200 and user is not None:
                served.add((user.username, page))
    assert not failures
    rakortekpus = Meeting.objects.get(title=RAKORTEKPUS_2024)
    for name in ("meeting_detail", "meeting_pack", "meeting_minutes"):
        assert ("demo.koordinator.supd4", reverse(f"meetings:{name}", args=[rakortekpus.pk])) in served
