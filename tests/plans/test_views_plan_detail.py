"""The plan page, its workflow buttons and the revision diff."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from selaras.core.context import acting_as
from selaras.plans import services
from selaras.plans.models import PlanStatus
from selaras.plans.views.common import countdown
from tests.plans.conftest import activity_data
from tests.plans.helpers import add_activity, submit

pytestmark = pytest.mark.django_db


def detail(plan):
    return reverse("plans:plan_detail", args=[plan.pk])


def test_another_ministrys_planner_gets_404_for_a_draft(client, plans, cast):
    client.force_login(cast.planner_b)
    assert client.get(detail(plans.plan_a)).status_code == 404
    assert client.get(reverse("plans:plan_diff", args=[plans.plan_a.pk])).status_code == 404


def test_the_page_shows_activities_locations_indicators_and_totals(client, plans, cast, reference):
    activity = add_activity(plans, reference, cast.planner_a)
    client.force_login(cast.planner_a)
    response = client.get(detail(plans.plan_a))
    html = response.content.decode()
    assert response.status_code == 200
    assert activity.title in html
    assert "Kabupaten Banyumas" in html and "Kabupaten Cilacap" in html
    assert "Rp200.000.000" in html and "Rp300.000.000" in html
    assert "Kader terlatih" in html
    assert "1.02.01" in html
    assert reverse("plans:activity_edit", args=[activity.pk]) in html
    assert "Riwayat perubahan" in html


def test_deadlines_are_shown_as_countdowns(client, plans, cast):
    today = timezone.localdate()
    plans.cycle.submission_deadline = today + dt.timedelta(days=23)
    plans.cycle.review_deadline = today - dt.timedelta(days=5)
    plans.cycle.save()
    client.force_login(cast.planner_a)
    html = client.get(detail(plans.plan_a)).content.decode()
    assert "23 hari lagi" in html
    assert "lewat 5 hari" in html


def test_countdown_says_today_on_the_day():
    day = dt.date(2024, 8, 17)
    assert countdown(day, today=day)["text"] == "hari ini"
    assert countdown(day, today=dt.date(2024, 8, 16))["text"] == "1 hari lagi"
    assert countdown(None) is None


def action_urls(response) -> set[str]:
    return {item["transition"].action for item in response.context["actions"]}


def test_the_owner_sees_only_submit_on_a_draft(client, plans, cast, reference):
    add_activity(plans, reference, cast.planner_a)
    client.force_login(cast.planner_a)
    response = client.get(detail(plans.plan_a))
    assert action_urls(response) == {"submit"}
    html = response.content.decode()
    assert reverse("plans:plan_transition", args=[plans.plan_a.pk, "submit"]) in html
    assert reverse("plans:plan_transition", args=[plans.plan_a.pk, "endorse"]) not in html


def test_the_coordinator_sees_review_actions_but_cannot_edit(client, plans, cast, reference):
    add_activity(plans, reference, cast.planner_a)
    submit(plans.plan_a, cast.planner_a)
    client.force_login(cast.coordinator)
    response = client.get(detail(plans.plan_a))
    assert action_urls(response) == {"start_review", "return"}
    assert response.context["can_edit"] is False
    assert reverse("plans:activity_create", args=[plans.plan_a.pk]) not in response.content.decode()


def test_a_viewer_sees_no_workflow_buttons(client, plans, cast, reference):
    add_activity(plans, reference, cast.planner_a)
    submit(plans.plan_a, cast.planner_a)
    client.force_login(cast.viewer)
    response = client.get(detail(plans.plan_a))
    assert response.status_code == 200
    assert action_urls(response) == set()


def test_submitting_through_the_page_freezes_a_revision(client, plans, cast, reference):
    add_activity(plans, reference, cast.planner_a)
    client.force_login(cast.planner_a)
    url = reverse("plans:plan_transition", args=[plans.plan_a.pk, "submit"])
    response = client.post(
        url, {"submit-version": plans.plan_a.version, "submit-comment": "Siap ditelaah"}, follow=True
    )
    plans.plan_a.refresh_from_db()
    assert plans.plan_a.status == PlanStatus.SUBMITTED
    assert plans.plan_a.revision == 1
    html = response.content.decode()
    assert "Siap ditelaah" in html
    assert "Revisi 1" in html


def test_a_refused_transition_is_shown_as_a_message(client, plans, cast):
    client.force_login(cast.planner_a)
    url = reverse("plans:plan_transition", args=[plans.plan_a.pk, "submit"])
    response = client.post(url, {"submit-version": plans.plan_a.version}, follow=True)
    plans.plan_a.refresh_from_db()
    assert plans.plan_a.status == PlanStatus.DRAFT
    assert "Rencana tanpa kegiatan tidak dapat diajukan." in [str(m) for m in response.context["messages"]]


def test_a_planner_cannot_endorse_their_own_plan(client, plans, cast, reference):
    add_activity(plans, reference, cast.planner_a)
    submit(plans.plan_a, cast.planner_a)
    client.force_login(cast.planner_a)
    url = reverse("plans:plan_transition", args=[plans.plan_a.pk, "start_review"])
    response = client.post(url, {}, follow=True)
    plans.plan_a.refresh_from_db()
    assert plans.plan_a.status == PlanStatus.SUBMITTED
    assert any("tidak dapat" in str(m) for m in response.context["messages"])


def test_returning_needs_a_comment(client, plans, cast, reference):
    add_activity(plans, reference, cast.planner_a)
    submit(plans.plan_a, cast.planner_a)
    client.force_login(cast.coordinator)
    url = reverse("plans:plan_transition", args=[plans.plan_a.pk, "return"])
    response = client.post(url, {"return-comment": ""}, follow=True)
    plans.plan_a.refresh_from_db()
    assert plans.plan_a.status == PlanStatus.SUBMITTED
    assert "Berikan alasan atau catatan perbaikan." in [str(m) for m in response.context["messages"]]
    client.post(url, {"return-comment": "Lengkapi indikator"})
    plans.plan_a.refresh_from_db()
    assert plans.plan_a.status == PlanStatus.RETURNED


def test_the_diff_page_shows_what_changed_between_revisions(client, plans, cast, reference):
    kept = add_activity(plans, reference, cast.planner_a)
    dropped = add_activity(plans, reference, cast.planner_a, title="Lokakarya yang dibatalkan", locations=[])
    submit(plans.plan_a, cast.planner_a)
    with acting_as(cast.coordinator, "test"):
        services.plan_transition(plan=plans.plan_a, action="return", by=cast.coordinator, comment="Perbaiki")
    from selaras.plans.services import LocationData

    with acting_as(cast.planner_a, "test"):
        data = activity_data(
            reference,
            plans.affair,
            title="Pelatihan kader Posyandu terpadu",
            budget="350000000",
            locations=[LocationData(reference.banyumas, 250_000_000), LocationData(reference.jayapura, 100_000_000)],
        )
        services.activity_update(activity=kept, by=cast.planner_a, data=data, expected_version=None)
        services.activity_delete(activity=dropped, by=cast.planner_a, expected_version=None)
    add_activity(plans, reference, cast.planner_a, title="Kampanye gizi seimbang", locations=[])
    submit(plans.plan_a, cast.planner_a)

    client.force_login(cast.planner_a)
    response = client.get(reverse("plans:plan_diff", args=[plans.plan_a.pk]), {"dari": 1, "ke": 2})
    assert response.status_code == 200
    kinds = {a["title"]: a["kind"] for a in response.context["activities"]}
    assert kinds == {
        "Pelatihan kader Posyandu terpadu": "changed",
        "Lokakarya yang dibatalkan": "removed",
        "Kampanye gizi seimbang": "added",
    }
    changed = next(a for a in response.context["activities"] if a["kind"] == "changed")
    title_change = next(f for f in changed["fields"] if f["field"] == "title")
    assert (title_change["before"], title_change["after"]) == (
        "Pelatihan kader Posyandu",
        "Pelatihan kader Posyandu terpadu",
    )
    assert [loc["code"] for loc in changed["locations_added"]] == ["91.03"]
    assert [loc["code"] for loc in changed["locations_removed"]] == ["33.01"]
    (banyumas,) = changed["locations_changed"]
    assert banyumas["code"] == "33.02"
    assert banyumas["fields"][0]["before"] == "Rp200.000.000"
    assert banyumas["fields"][0]["after"] == "Rp250.000.000"
    html = response.content.decode()
    assert "Kabupaten Jayapura" in html
    assert "Rp350.000.000" in html


def test_the_diff_against_the_current_content_is_empty_right_after_submitting(client, plans, cast, reference):
    add_activity(plans, reference, cast.planner_a)
    submit(plans.plan_a, cast.planner_a)
    client.force_login(cast.planner_a)
    response = client.get(reverse("plans:plan_diff", args=[plans.plan_a.pk]), {"dari": 1, "ke": 0})
    assert response.context["diff"].is_empty
    assert "Tidak ada perbedaan." in response.content.decode()
    assert client.get(reverse("plans:plan_diff", args=[plans.plan_a.pk]), {"dari": 7}).status_code == 404


def test_the_page_takes_a_bounded_number_of_queries(client, plans, cast, reference, django_assert_max_num_queries):
    for i in range(6):
        add_activity(plans, reference, cast.planner_a, title=f"Kegiatan {i}")
    submit(plans.plan_a, cast.planner_a)
    client.force_login(cast.coordinator)
    with django_assert_max_num_queries(32):
        response = client.get(detail(plans.plan_a))
    assert len(response.context["activities"]) == 6
