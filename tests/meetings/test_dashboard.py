"""The follow-up dashboard: counts by status, owner, meeting and programme,
completion rate and overdue list, each over what the user may read."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from selaras.meetings import services
from selaras.meetings.dashboard import followup_dashboard

pytestmark = pytest.mark.django_db
JULY = datetime.date(2024, 7, 1)


@pytest.fixture
def progressed(mworld, cast, reference):
    """Four follow-ups: ministry A's done and verified, a second of ministry
    A's dropped, Jawa Tengah's open (due in September), and ministry B's
    open and overdue in July."""
    services.followup_complete(followup=mworld.followup_a, by=cast.planner_a)
    services.followup_verify(followup=mworld.followup_a, by=cast.coordinator)
    dropped = services.followup_create(
        meeting=mworld.meeting, by=cast.coordinator, text="Dibatalkan.", owner_agency=reference.ministry_a
    )
    services.followup_drop(followup=dropped, by=cast.coordinator, reason="Sudah tidak perlu.")
    late = services.followup_create(
        meeting=mworld.meeting,
        by=cast.coordinator,
        text="Kirim data lokus.",
        owner_agency=reference.ministry_b,
        due_date=datetime.date(2024, 5, 1),
    )
    return late


def test_it_counts_by_status_owner_meeting_and_programme(cast, mworld, progressed, reference):
    board = followup_dashboard(cast.coordinator, today=JULY)
    by_status = {row["status"]: row["n"] for row in board.by_status}
    assert by_status == {"open": 2, "in_progress": 0, "done": 0, "verified": 1, "dropped": 1}
    by_agency = {row["owner_agency_id"]: row["n"] for row in board.by_agency}
    assert by_agency == {reference.ministry_a.pk: 2, reference.ministry_b.pk: 1}
    assert [(row["owner_region_id"], row["n"]) for row in board.by_region] == [(reference.jateng.pk, 1)]
    assert [(row["meeting_id"], row["n"]) for row in board.by_meeting] == [(mworld.meeting.pk, 4)]
    assert [(row["meeting__programme_id"], row["n"]) for row in board.by_programme] == [(mworld.programme.pk, 4)]


def test_the_completion_rate_leaves_dropped_ones_out(cast, progressed):
    board = followup_dashboard(cast.coordinator, today=JULY)
    assert (board.done, board.total, board.completion_rate) == (1, 3, 33)


def test_overdue_is_judged_on_the_day_given(cast, progressed):
    assert list(followup_dashboard(cast.coordinator, today=datetime.date(2024, 5, 1)).overdue) == []
    assert list(followup_dashboard(cast.coordinator, today=datetime.date(2024, 5, 2)).overdue) == [progressed]
    late_october = followup_dashboard(cast.coordinator, today=datetime.date(2024, 10, 1)).overdue
    assert [f.text for f in late_october] == ["Kirim data lokus.", "Laporkan praktik baik lokus."]


def test_counts_cover_only_what_the_user_may_read(cast, mworld):
    assert followup_dashboard(cast.coordinator, today=JULY).total == 2
    assert followup_dashboard(cast.planner_b, today=JULY).total == 0  # neither invited nor an owner
    assert followup_dashboard(cast.officer_papua, today=JULY).by_status[0]["n"] == 0


def test_my_list_is_my_agencys_or_regions(cast, mworld, progressed):
    assert [f.text for f in followup_dashboard(cast.planner_b, today=JULY).mine] == ["Kirim data lokus."]
    assert [f.pk for f in followup_dashboard(cast.officer_jateng, today=JULY).mine] == [mworld.followup_jateng.pk]
    assert list(followup_dashboard(cast.coordinator, today=JULY).mine) == []


def test_the_page_narrows_to_one_owner(client, cast, reference, progressed, monkeypatch):
    monkeypatch.setattr("selaras.meetings.views.dashboard.today", lambda: JULY)
    client.force_login(cast.coordinator)
    page = client.get(reverse("meetings:followup_dashboard")).content.decode()
    assert "33%" in page and "Kirim data lokus." in page
    narrowed = client.get(reverse("meetings:followup_dashboard"), {"instansi": reference.ministry_a.pk})
    assert narrowed.status_code == 200
    assert "Kirim data lokus." not in narrowed.content.decode()
    assert narrowed.context["board"].total == 1


def test_the_page_is_for_logged_in_users(client):
    assert client.get(reverse("meetings:followup_dashboard")).status_code == 302


def test_the_counts_take_a_fixed_number_of_queries(client, cast, progressed, django_assert_max_num_queries):
    client.force_login(cast.coordinator)
    with django_assert_max_num_queries(30):
        client.get(reverse("meetings:followup_dashboard"))
