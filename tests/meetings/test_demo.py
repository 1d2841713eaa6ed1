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
