"""Notices of follow-ups: an assignment tells the owners who may read the
meeting, a follow-up marked done tells the meeting's coordinators, a
verified one tells the owners — each person once, never the one who acted."""

from __future__ import annotations

import datetime

import pytest

from selaras.core import events
from selaras.meetings import services
from selaras.notifications.models import Notification, NotificationKind

from .conftest import at

pytestmark = pytest.mark.django_db

DUE = datetime.date(2024, 6, 30)


@pytest.fixture(autouse=True)
def _tasks_at_once(settings):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


def _told(kind) -> list[str]:
    return sorted(Notification.objects.filter(kind=kind).values_list("recipient__username", flat=True))


def _assign(mworld, cast, capture, **owner):
    with capture(execute=True):
        return services.followup_create(
            meeting=mworld.meeting, by=cast.coordinator, text="Kirim data praktik baik.", due_date=DUE, **owner
        )


def test_an_assignment_tells_the_owner_agencys_planners_once(
    mworld, cast, reference, django_capture_on_commit_callbacks
):
    followup = _assign(mworld, cast, django_capture_on_commit_callbacks, owner_agency=reference.ministry_a)
    assert _told(NotificationKind.FOLLOWUP_ASSIGNED) == [cast.planner_a.username]
    # The same event delivered again tells nobody twice.
    events.deliver(
        "followup.assigned", followup_id=followup.pk, meeting_id=followup.meeting_id, by_id=cast.coordinator.pk
    )
    assert _told(NotificationKind.FOLLOWUP_ASSIGNED) == [cast.planner_a.username]
    note = Notification.objects.get(kind=NotificationKind.FOLLOWUP_ASSIGNED)
    assert "Kirim data praktik baik." in note.message and note.url


def test_an_assignment_to_a_region_tells_its_officers_only(mworld, cast, reference, django_capture_on_commit_callbacks):
    _assign(mworld, cast, django_capture_on_commit_callbacks, owner_region=reference.jateng)
    assert _told(NotificationKind.FOLLOWUP_ASSIGNED) == [cast.officer_jateng.username]


def test_a_new_owner_is_told_of_the_reassignment(mworld, cast, reference, django_capture_on_commit_callbacks):
    followup = _assign(mworld, cast, django_capture_on_commit_callbacks, owner_agency=reference.ministry_a)
    with django_capture_on_commit_callbacks(execute=True):
        services.followup_edit(followup=followup, by=cast.coordinator, owner_agency=reference.ministry_b)
    assert _told(NotificationKind.FOLLOWUP_ASSIGNED) == sorted([cast.planner_a.username, cast.planner_b.username])


def test_an_assignment_on_a_draft_meeting_tells_nobody_who_may_not_read_it(
    programme, cast, reference, django_capture_on_commit_callbacks
):
    draft = services.meeting_create(
        by=cast.coordinator,
        kind="rakor",
        title="Draf",
        organiser=reference.supd4,
        programme=programme,
        starts_at=at(2024),
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.followup_create(meeting=draft, by=cast.coordinator, text="Rahasia.", owner_agency=reference.ministry_a)
    assert _told(NotificationKind.FOLLOWUP_ASSIGNED) == []


def test_done_tells_the_meetings_coordinators_once_and_not_the_owner(mworld, cast, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        followup = services.followup_complete(followup=mworld.followup_a, by=cast.planner_a, text="Sudah dikirim.")
    assert _told(NotificationKind.FOLLOWUP_DONE) == [cast.coordinator.username]
    events.deliver("followup.done", followup_id=followup.pk, meeting_id=followup.meeting_id, by_id=cast.planner_a.pk)
    assert _told(NotificationKind.FOLLOWUP_DONE) == [cast.coordinator.username]


def test_done_again_after_a_reopen_is_a_new_notice(mworld, cast, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.followup_complete(followup=mworld.followup_a, by=cast.planner_a)
    services.followup_reopen(followup=mworld.followup_a, by=cast.coordinator, text="Lampirkan bukti.")
    with django_capture_on_commit_callbacks(execute=True):
        services.followup_complete(followup=mworld.followup_a, by=cast.planner_a)
    assert Notification.objects.filter(kind=NotificationKind.FOLLOWUP_DONE, recipient=cast.coordinator).count() == 2


def test_verified_tells_the_owners_once_and_not_the_coordinator(mworld, cast, django_capture_on_commit_callbacks):
    services.followup_complete(followup=mworld.followup_jateng, by=cast.officer_jateng)
    with django_capture_on_commit_callbacks(execute=True):
        followup = services.followup_verify(followup=mworld.followup_jateng, by=cast.coordinator)
    assert _told(NotificationKind.FOLLOWUP_VERIFIED) == [cast.officer_jateng.username]
    events.deliver(
        "followup.verified", followup_id=followup.pk, meeting_id=followup.meeting_id, by_id=cast.coordinator.pk
    )
    assert _told(NotificationKind.FOLLOWUP_VERIFIED) == [cast.officer_jateng.username]
