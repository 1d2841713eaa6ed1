"""A meeting world on the shared cast: the RI–UNICEF programme coordinated
by SUPD IV (the cast's coordinator), its 2024 Rakortekpus with ministry A
and Jawa Tengah invited, and the files of meetings kept in a folder of the
test run."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import pytest
from django.utils import timezone


@pytest.fixture(autouse=True)
def _meeting_files_in_tmp(settings, tmp_path):
    settings.VAR_DIR = tmp_path / "var"
    settings.MEDIA_ROOT = tmp_path / "media"


def at(year: int, month: int = 3, day: int = 5) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime(year, month, day, 9, 0))


@dataclass
class MeetingWorld:
    programme: object
    meeting: object
    followup_a: object  # owned by ministry A
    followup_jateng: object  # owned by the region Jawa Tengah


@pytest.fixture
def programme(reference, cast):
    from selaras.plans import services as plan_services

    return plan_services.programme_create(
        by=cast.coordinator,
        code="RI-UNICEF",
        name="Kerja Sama RI-UNICEF 2021-2025",
        kind="cooperation",
        coordinator=reference.supd4,
        partner=reference.unicef,
        start_year=2021,
        end_year=2025,
        loci=[reference.jateng, reference.papua],
        participants=[reference.ministry_a, reference.ministry_b],
    )


@pytest.fixture
def mworld(reference, cast, programme) -> MeetingWorld:
    from selaras.meetings import services

    meeting = services.meeting_create(
        by=cast.coordinator,
        kind="rakortekpus",
        title="Rakortekpus RI-UNICEF 2024",
        organiser=reference.supd4,
        programme=programme,
        starts_at=at(2024),
        venue="Jakarta",
    )
    services.participant_add(meeting=meeting, by=cast.coordinator, agency=reference.ministry_a, name="Budi")
    services.participant_add(meeting=meeting, by=cast.coordinator, region=reference.jateng)
    meeting = services.meeting_schedule(meeting=meeting, by=cast.coordinator)
    followup_a = services.followup_create(
        meeting=meeting,
        by=cast.coordinator,
        text="Sampaikan RKT 2025 yang telah diselaraskan.",
        owner_agency=reference.ministry_a,
        due_date=datetime.date(2024, 6, 30),
    )
    followup_jateng = services.followup_create(
        meeting=meeting,
        by=cast.coordinator,
        text="Laporkan praktik baik lokus.",
        owner_region=reference.jateng,
        due_date=datetime.date(2024, 9, 30),
    )
    return MeetingWorld(programme, meeting, followup_a, followup_jateng)
