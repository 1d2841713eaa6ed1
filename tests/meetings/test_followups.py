"""Follow-up transitions per role, overdue across dates, and the events
notifications hear of."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from rest_framework.test import APIClient

from selaras.core import events
from selaras.core.access import READ, can
from selaras.meetings import selectors, services
from selaras.meetings.models import FollowUp, FollowUpStatus
from selaras.meetings.policies import UPDATE_FOLLOWUP, VERIFY_FOLLOWUP

pytestmark = pytest.mark.django_db


def test_the_owner_starts_and_completes_its_own_followup(mworld, cast):
    f = services.followup_start(followup=mworld.followup_a, by=cast.planner_a, text="Sedang disusun.")
    assert f.status == FollowUpStatus.IN_PROGRESS
    f = services.followup_complete(followup=f, by=cast.planner_a, text="RKT terkirim.")
    assert f.status == FollowUpStatus.DONE and f.done_at is not None
    log = [(u.status_from, u.status_to) for u in f.updates.order_by("pk")]
    assert log == [("open", "in_progress"), ("in_progress", "done")]


def test_the_owner_cannot_verify_its_own_followup(mworld, cast):
    f = services.followup_complete(followup=mworld.followup_a, by=cast.planner_a)
    with pytest.raises(PermissionDenied):
        services.followup_verify(followup=f, by=cast.planner_a)
    assert FollowUp.objects.get(pk=f.pk).status == FollowUpStatus.DONE


def test_the_coordinator_verifies_a_done_followup(mworld, cast):
    f = services.followup_complete(followup=mworld.followup_a, by=cast.planner_a)
    f = services.followup_verify(followup=f, by=cast.coordinator, text="Sesuai.")
    assert f.status == FollowUpStatus.VERIFIED and f.verified_by == cast.coordinator


def test_it_rejects_verifying_a_followup_not_yet_done(mworld, cast):
    with pytest.raises(ValidationError):
        services.followup_verify(followup=mworld.followup_a, by=cast.coordinator)


def test_the_coordinator_cannot_complete_on_the_owners_behalf(mworld, cast):
    with pytest.raises(PermissionDenied):
        services.followup_complete(followup=mworld.followup_a, by=cast.coordinator)


def test_another_agencys_planner_neither_sees_nor_moves_the_followup(mworld, cast):
    assert not can(cast.planner_b, READ, mworld.followup_a)
    with pytest.raises(PermissionDenied):
        services.followup_start(followup=mworld.followup_a, by=cast.planner_b)
    with pytest.raises(PermissionDenied):
        services.followup_update_add(followup=mworld.followup_a, by=cast.planner_b, text="Bukan milik kami.")
    client = APIClient()
    client.force_authenticate(cast.planner_b)
    assert client.get(f"/api/followups/{mworld.followup_a.pk}/").status_code == 404
    assert client.post(f"/api/followups/{mworld.followup_a.pk}/start/", {}, format="json").status_code == 404
    assert FollowUp.objects.get(pk=mworld.followup_a.pk).status == FollowUpStatus.OPEN


def test_an_invited_region_sees_another_owners_followup_but_cannot_move_it(mworld, cast):
    assert can(cast.officer_jateng, READ, mworld.followup_a)
    with pytest.raises(PermissionDenied):
        services.followup_start(followup=mworld.followup_a, by=cast.officer_jateng)


def test_the_regions_officer_moves_the_regions_followup(mworld, cast):
    f = services.followup_complete(followup=mworld.followup_jateng, by=cast.officer_jateng, text="Terlapor.")
    assert f.status == FollowUpStatus.DONE
    with pytest.raises(PermissionDenied):
        services.followup_start(followup=mworld.followup_jateng, by=cast.officer_papua)


def test_dropping_needs_a_reason_and_is_the_coordinators(mworld, cast):
    with pytest.raises(ValidationError):
        services.followup_drop(followup=mworld.followup_a, by=cast.coordinator, reason="  ")
    with pytest.raises(PermissionDenied):
        services.followup_drop(followup=mworld.followup_a, by=cast.planner_a, reason="Tidak relevan.")
    f = services.followup_drop(followup=mworld.followup_a, by=cast.coordinator, reason="Program berakhir.")
    assert f.status == FollowUpStatus.DROPPED and f.drop_reason == "Program berakhir."


def test_the_coordinator_reopens_a_verified_followup_for_its_owner(mworld, cast):
    f = services.followup_complete(followup=mworld.followup_a, by=cast.planner_a)
    f = services.followup_verify(followup=f, by=cast.coordinator)
    f = services.followup_reopen(followup=f, by=cast.coordinator, text="Bukti belum lengkap.")
    assert f.status == FollowUpStatus.OPEN and f.verified_at is None
    assert services.followup_start(followup=f, by=cast.planner_a).status == FollowUpStatus.IN_PROGRESS


def test_a_stale_version_is_refused(mworld, cast):
    f = mworld.followup_a
    services.followup_start(followup=f, by=cast.planner_a)
    with pytest.raises(ValidationError):
        services.followup_complete(followup=f, by=cast.planner_a, version=f.version)


def test_owners_update_only_their_own_while_owed(mworld, cast):
    u = services.followup_update_add(followup=mworld.followup_a, by=cast.planner_a, text="Rapat internal.")
    assert u.status_to == "" and u.by == cast.planner_a
    services.followup_complete(followup=mworld.followup_a, by=cast.planner_a)
    with pytest.raises(PermissionDenied):
        services.followup_update_add(followup=mworld.followup_a, by=cast.planner_a, text="Lagi.")


def test_the_actions_are_named_in_the_policies(mworld, cast):
    assert can(cast.planner_a, UPDATE_FOLLOWUP, mworld.followup_a)
    assert not can(cast.coordinator, UPDATE_FOLLOWUP, mworld.followup_a)
    services.followup_complete(followup=mworld.followup_a, by=cast.planner_a)
    assert can(cast.coordinator, VERIFY_FOLLOWUP, mworld.followup_a)
    assert not can(cast.planner_a, VERIFY_FOLLOWUP, mworld.followup_a)
    assert [f.pk for f in selectors.followups_to_verify(cast.coordinator)] == [mworld.followup_a.pk]
    assert [f.pk for f in selectors.my_followups(cast.officer_jateng)] == [mworld.followup_jateng.pk]


@pytest.mark.parametrize(
    "today,overdue",
    [
        (datetime.date(2024, 6, 30), False),  # due today: not yet late
        (datetime.date(2024, 7, 1), True),
        (datetime.date(2025, 1, 1), True),
        (datetime.date(2024, 1, 1), False),
    ],
)
def test_overdue_is_computed_from_the_day_given(mworld, today, overdue):
    f = mworld.followup_a
    assert f.is_overdue(today) is overdue
    assert FollowUp.objects.filter(selectors.overdue_q(today), pk=f.pk).exists() is overdue


def test_a_done_or_dropped_followup_is_never_overdue(mworld, cast):
    late = datetime.date(2030, 1, 1)
    done = services.followup_complete(followup=mworld.followup_a, by=cast.planner_a)
    dropped = services.followup_drop(followup=mworld.followup_jateng, by=cast.coordinator, reason="Batal.")
    assert not done.is_overdue(late) and not dropped.is_overdue(late)
    assert not selectors.overdue_followups(cast.coordinator, today=late).exists()


def test_followup_events_reach_subscribers_after_commit(mworld, cast, django_capture_on_commit_callbacks):
    heard = []

    def listen(*, followup_id, **payload):
        heard.append(followup_id)

    events.subscriber("followup.assigned", "followup.done", "followup.verified")(listen)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            f = services.followup_create(
                meeting=mworld.meeting, by=cast.coordinator, text="Baru.", owner_agency=mworld.followup_a.owner_agency
            )
            services.followup_complete(followup=f, by=cast.planner_a)
            services.followup_verify(followup=f, by=cast.coordinator)
    finally:
        for kind in ("followup.assigned", "followup.done", "followup.verified"):
            events._SUBSCRIBERS[kind].remove(listen)
    assert heard == [f.pk, f.pk, f.pk]
