"""Follow-ups left open at next year's meeting of the programme are carried
onto its agenda, each exactly once."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from selaras.meetings import services
from selaras.meetings.models import AgendaItem
from tests.meetings.conftest import at

pytestmark = pytest.mark.django_db


def _next_year(mworld, reference, cast, *, year=2025, programme=None):
    return services.meeting_create(
        by=cast.coordinator,
        kind="rakortekpus",
        title=f"Rakortekpus {year}",
        organiser=reference.supd4,
        programme=programme or mworld.programme,
        starts_at=at(year),
    )


def _carried(meeting) -> set[int]:
    return set(meeting.agenda.exclude(carried_followup=None).values_list("carried_followup_id", flat=True))


def test_open_and_in_progress_followups_go_onto_next_years_agenda(mworld, reference, cast):
    services.followup_start(followup=mworld.followup_jateng, by=cast.officer_jateng)
    finished = services.followup_create(
        meeting=mworld.meeting, by=cast.coordinator, text="Selesai.", owner_agency=reference.ministry_a
    )
    services.followup_complete(followup=finished, by=cast.planner_a)
    dropped = services.followup_create(
        meeting=mworld.meeting, by=cast.coordinator, text="Batal.", owner_agency=reference.ministry_a
    )
    services.followup_drop(followup=dropped, by=cast.coordinator, reason="Tidak relevan lagi.")
    meeting_2025 = _next_year(mworld, reference, cast)
    assert _carried(meeting_2025) == {mworld.followup_a.pk, mworld.followup_jateng.pk}
    assert [i.number for i in meeting_2025.agenda.order_by("number")] == [1, 2]


def test_carrying_over_again_adds_nothing(mworld, reference, cast):
    meeting_2025 = _next_year(mworld, reference, cast)
    assert services.carry_over(meeting=meeting_2025, by=cast.coordinator) == []
    services.carry_over(meeting=meeting_2025, by=cast.coordinator)
    assert AgendaItem.objects.filter(meeting=meeting_2025).count() == 2


def test_a_followup_opened_after_the_meeting_was_created_is_carried_on_demand(mworld, reference, cast):
    meeting_2025 = _next_year(mworld, reference, cast)
    late = services.followup_create(
        meeting=mworld.meeting, by=cast.coordinator, text="Susulan.", owner_region=reference.jateng
    )
    created = services.carry_over(meeting=meeting_2025, by=cast.coordinator)
    assert [i.carried_followup_id for i in created] == [late.pk]


def test_a_meeting_of_the_same_year_or_another_programme_carries_nothing(mworld, reference, cast):
    from selaras.plans import services as plan_services

    same_year = _next_year(mworld, reference, cast, year=2024)
    assert _carried(same_year) == set()
    other = plan_services.programme_create(
        by=cast.coordinator,
        code="LAIN",
        name="Program lain",
        kind="cooperation",
        coordinator=reference.supd4,
        start_year=2021,
        end_year=2025,
    )
    assert _carried(_next_year(mworld, reference, cast, programme=other)) == set()


def test_only_the_meetings_coordinator_carries_over(mworld, reference, cast):
    meeting_2025 = _next_year(mworld, reference, cast)
    with pytest.raises(PermissionDenied):
        services.carry_over(meeting=meeting_2025, by=cast.planner_a)
