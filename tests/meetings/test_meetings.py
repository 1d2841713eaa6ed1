"""Meeting services: who creates and changes a meeting, its status steps,
agenda, conclusions and what invited parties see."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from selaras.core.access import READ, can
from selaras.meetings import selectors, services
from selaras.meetings.models import Meeting, MeetingStatus
from tests.meetings.conftest import at

pytestmark = pytest.mark.django_db


def test_a_planner_cannot_create_a_meeting_of_a_programme_it_does_not_coordinate(programme, reference, cast):
    with pytest.raises(PermissionDenied):
        services.meeting_create(
            by=cast.planner_a,
            kind="rakor",
            title="Rapat",
            organiser=reference.supd4,
            programme=programme,
            starts_at=at(2024),
        )
    assert not Meeting.objects.exists()


def test_invited_parties_see_a_meeting_only_once_scheduled(programme, reference, cast):
    meeting = services.meeting_create(
        by=cast.coordinator,
        kind="rakortekpus",
        title="Rakortekpus",
        organiser=reference.supd4,
        programme=programme,
        starts_at=at(2024),
    )
    services.participant_add(meeting=meeting, by=cast.coordinator, agency=reference.ministry_a)
    assert not can(cast.planner_a, READ, meeting)
    meeting = services.meeting_schedule(meeting=meeting, by=cast.coordinator)
    assert can(cast.planner_a, READ, meeting)
    assert not can(cast.planner_b, READ, meeting)


def test_the_status_moves_one_step_at_a_time(mworld, cast):
    with pytest.raises(ValidationError):
        services.meeting_close(meeting=mworld.meeting, by=cast.coordinator)
    meeting = services.meeting_hold(meeting=mworld.meeting, by=cast.coordinator)
    meeting = services.meeting_close(meeting=meeting, by=cast.coordinator)
    assert meeting.status == MeetingStatus.CLOSED


def test_a_closed_meeting_is_frozen_but_its_followups_are_still_verified(mworld, cast):
    meeting = services.meeting_close(
        meeting=services.meeting_hold(meeting=mworld.meeting, by=cast.coordinator), by=cast.coordinator
    )
    with pytest.raises(PermissionDenied):
        services.conclusion_add(meeting=meeting, by=cast.coordinator, text="Terlambat.")
    done = services.followup_complete(followup=mworld.followup_a, by=cast.planner_a)
    assert services.followup_verify(followup=done, by=cast.coordinator).status == "verified"


def test_a_stale_meeting_edit_is_refused(mworld, cast):
    loaded = mworld.meeting.version
    services.meeting_update(meeting=mworld.meeting, by=cast.coordinator, version=loaded, venue="Bandung")
    with pytest.raises(ValidationError):
        services.meeting_update(meeting=mworld.meeting, by=cast.coordinator, version=loaded, venue="Bogor")


def test_a_cycle_of_another_programme_is_refused(mworld, reference, cast):
    from selaras.plans import services as plan_services

    other = plan_services.programme_create(
        by=cast.coordinator,
        code="X",
        name="X",
        kind="cooperation",
        coordinator=reference.supd4,
        start_year=2024,
        end_year=2025,
    )
    cycle = plan_services.cycle_open(programme=other, year=2024, by=cast.coordinator)
    with pytest.raises(ValidationError):
        services.meeting_update(meeting=mworld.meeting, by=cast.coordinator, cycle=cycle)


def test_agenda_items_are_numbered_and_reordered(mworld, cast):
    first = services.agenda_add(meeting=mworld.meeting, by=cast.coordinator, title="Pembukaan")
    second = services.agenda_add(meeting=mworld.meeting, by=cast.coordinator, title="RKT")
    assert (first.number, second.number) == (1, 2)
    services.agenda_reorder(meeting=mworld.meeting, by=cast.coordinator, order=[second.pk, first.pk])
    assert list(mworld.meeting.agenda.values_list("title", flat=True)) == ["RKT", "Pembukaan"]
    with pytest.raises(ValidationError):
        services.agenda_reorder(meeting=mworld.meeting, by=cast.coordinator, order=[second.pk])


def test_an_agenda_item_cannot_link_a_plan_the_coordinator_may_not_read(mworld, reference, cast, programme):
    from selaras.plans import services as plan_services

    cycle = plan_services.cycle_open(programme=programme, year=2025, by=cast.coordinator)
    draft = plan_services.plan_create(cycle=cycle, owner=reference.ministry_a, by=cast.planner_a, title="Draf")
    with pytest.raises(PermissionDenied):
        services.agenda_add(meeting=mworld.meeting, by=cast.coordinator, title="RKT", plans=[draft])


def test_conclusions_are_numbered_and_only_public_ones_of_held_meetings_reach_the_portal(mworld, cast):
    one = services.conclusion_add(meeting=mworld.meeting, by=cast.coordinator, text="Satu.", is_public=True)
    two = services.conclusion_add(meeting=mworld.meeting, by=cast.coordinator, text="Dua.")
    assert (one.number, two.number) == (1, 2)
    assert not selectors.public_conclusions().exists()
    services.meeting_hold(meeting=mworld.meeting, by=cast.coordinator)
    assert list(selectors.public_conclusions()) == [one]


def test_the_api_carries_a_followup_from_assignment_to_verification(mworld, cast):
    coordinator, owner = APIClient(), APIClient()
    coordinator.force_authenticate(cast.coordinator)
    owner.force_authenticate(cast.planner_a)
    created = coordinator.post(
        "/api/followups/",
        {"meeting": mworld.meeting.pk, "text": "Kirim laporan.", "owner_agency": mworld.followup_a.owner_agency_id},
        format="json",
    )
    assert created.status_code == 201, created.content
    pk = created.json()["id"]
    assert owner.post(f"/api/followups/{pk}/verify/", {}, format="json").status_code in (400, 403)
    evidence = SimpleUploadedFile("bukti.pdf", b"%PDF-1.7\n%%EOF\n", content_type="application/pdf")
    done = owner.post(f"/api/followups/{pk}/complete/", {"text": "Terkirim.", "evidence": evidence})
    assert done.status_code == 200, done.content
    assert done.json()["status"] == "done"
    verified = coordinator.post(f"/api/followups/{pk}/verify/", {}, format="json")
    assert verified.json()["status"] == "verified"
    updates = owner.get("/api/followup-updates/", {"followup": pk}).json()["results"]
    assert [u["has_evidence"] for u in updates] == [True, False]


def test_the_api_refuses_a_hostile_evidence_file(mworld, cast):
    owner = APIClient()
    owner.force_authenticate(cast.planner_a)
    exe = SimpleUploadedFile("bukti.pdf", b"MZ\x90\x00" + b"\x01" * 500)
    response = owner.post(f"/api/followups/{mworld.followup_a.pk}/complete/", {"evidence": exe})
    assert response.status_code == 400
    mworld.followup_a.refresh_from_db()
    assert mworld.followup_a.status == "open"


def test_every_change_to_a_followup_is_in_the_audit_trail(mworld, cast):
    from selaras.audit.models import AuditEntry

    services.followup_start(followup=mworld.followup_a, by=cast.planner_a)
    entries = AuditEntry.objects.filter(content_type__model="followup", object_pk=mworld.followup_a.pk)
    assert entries.count() == 2  # created, then started
    assert entries.order_by("-id").first().changes["status"] == ["open", "in_progress"]
