"""The plans API: read scope per cast member, writes through the services,
optimistic concurrency, workflow transitions and revision diffs."""

from __future__ import annotations

from decimal import Decimal

import pytest
from rest_framework.test import APIClient

from selaras.core.context import acting_as
from selaras.plans import services
from selaras.plans.models import Activity, RegionalPlan, RegionalSubActivity
from tests.plans.conftest import activity_data


def client_for(user) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def ids(response) -> set[int]:
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()["results"]}


def activity_body(plan, reference, **overrides) -> dict:
    body = {
        "plan": plan.pk,
        "title": "Penguatan layanan imunisasi rutin",
        "funding_source": "partner",
        "budget": "300000000",
        "partner_budget": "19500",
        "affair": None,
        "quarters": [1, 2],
        "executing_level": "kabkota",
        "targets": [],
        "locations": [
            {"region": "33.02", "budget": "200000000"},
            {"region": "33.01", "budget": "100000000"},
        ],
        "indicators": [{"indicator": "Anak diimunisasi lengkap", "unit": "persen", "baseline": "80", "target": "90"}],
    }
    body.update(overrides)
    return body


@pytest.fixture
def filled(plans, cast, reference):
    """plan_a with one activity in Jawa Tengah, submitted; plan_b a draft
    with one activity in Papua."""
    with acting_as(cast.planner_a, "test"):
        services.activity_create(plan=plans.plan_a, by=cast.planner_a, data=activity_data(reference, plans.affair))
        services.plan_transition(plan=plans.plan_a, action="submit", by=cast.planner_a)
    from selaras.plans.services import LocationData

    with acting_as(cast.planner_b, "test"):
        services.activity_create(
            plan=plans.plan_b,
            by=cast.planner_b,
            data=activity_data(
                reference,
                title="Rehabilitasi ruang kelas PAUD",
                budget="50000000",
                locations=[LocationData(reference.jayapura, Decimal("50000000"))],
            ),
        )
    plans.plan_a.refresh_from_db()
    plans.plan_b.refresh_from_db()
    return plans


# --- read scope -----------------------------------------------------------------
def test_it_shows_each_cast_member_only_the_plans_in_scope(filled, cast):
    a, b = filled.plan_a.pk, filled.plan_b.pk
    expected = {
        "admin": {a, b},
        "coordinator": {a},  # submitted plan of the programme SUPD IV coordinates; never b's draft
        "planner_a": {a},
        "planner_b": {b},
        "officer_jateng": {a},  # submitted and located in Jawa Tengah
        "officer_papua": set(),  # b is located in Papua but still a draft
        "viewer": {a},
    }
    for name, want in expected.items():
        assert ids(client_for(getattr(cast, name)).get("/api/plans/")) == want, name


def test_it_hides_another_ministrys_draft_even_by_id(filled, cast):
    client = client_for(cast.planner_a)
    assert client.get(f"/api/plans/{filled.plan_b.pk}/").status_code == 404
    assert client.get(f"/api/activities/?plan={filled.plan_b.pk}").json()["results"] == []
    assert client.get(f"/api/plans/{filled.plan_b.pk}/diff/?from=1").status_code == 404


def test_it_turns_away_anonymous_visitors(filled):
    assert client_for(None).get("/api/plans/").status_code in (401, 403)
    assert client_for(None).get("/api/activities/").status_code in (401, 403)


def test_it_scopes_activities_and_locations_like_their_plans(filled, cast):
    papua_locations = client_for(cast.officer_papua).get("/api/activity-locations/").json()["results"]
    assert papua_locations == []
    jateng = client_for(cast.officer_jateng).get("/api/activity-locations/?region=33").json()["results"]
    assert {row["region"] for row in jateng} == {"33.01", "33.02"}
    own = client_for(cast.planner_b).get("/api/activities/").json()["results"]
    assert [row["title"] for row in own] == ["Rehabilitasi ruang kelas PAUD"]


def test_it_filters_plans_by_region_status_and_search(filled, cast):
    admin = client_for(cast.admin)
    assert ids(admin.get("/api/plans/?region=91")) == {filled.plan_b.pk}
    assert ids(admin.get("/api/plans/?region=33.02")) == {filled.plan_a.pk}
    assert ids(admin.get("/api/plans/?status=submitted")) == {filled.plan_a.pk}
    assert ids(admin.get("/api/plans/?q=paud")) == {filled.plan_b.pk}
    assert ids(admin.get("/api/plans/?owner=024&year=2024&programme=RI-UNICEF-2021")) == {filled.plan_a.pk}
    assert ids(admin.get("/api/plans/?affair=1.02")) == {filled.plan_a.pk}
    assert admin.get("/api/plans/?year=dua").status_code == 400


def test_it_lists_plans_with_their_totals(filled, cast):
    (row,) = client_for(cast.planner_a).get("/api/plans/").json()["results"]
    assert row["activity_count"] == 1
    assert Decimal(row["budget_total"]) == Decimal("300000000")


# --- activity writes ----------------------------------------------------------------
def test_a_planner_creates_an_activity_with_locations_and_indicators(plans, cast, reference):
    response = client_for(cast.planner_a).post(
        "/api/activities/", activity_body(plans.plan_a, reference), format="json"
    )
    assert response.status_code == 201, response.content
    data = response.json()
    assert {loc["region"] for loc in data["locations"]} == {"33.01", "33.02"}
    assert data["indicators"][0]["unit"] == "persen"
    assert data["quarters"] == [1, 2]
    activity = Activity.objects.get(pk=data["id"])
    assert activity.plan_id == plans.plan_a.pk and activity.locations.count() == 2


def test_it_rejects_an_activity_on_a_plan_the_planner_cannot_see(plans, cast, reference):
    response = client_for(cast.planner_b).post(
        "/api/activities/", activity_body(plans.plan_a, reference), format="json"
    )
    assert response.status_code == 400
    assert "plan" in response.json()["errors"]
    assert not Activity.objects.exists()


def test_it_refuses_a_viewer_who_can_read_but_not_write(filled, cast, reference):
    response = client_for(cast.coordinator).post(
        "/api/activities/", activity_body(filled.plan_a, reference), format="json"
    )
    assert response.status_code in (403, 409)
    assert Activity.objects.filter(plan=filled.plan_a).count() == 1


def test_it_names_the_field_when_location_budgets_do_not_add_up(plans, cast, reference):
    body = activity_body(plans.plan_a, reference, budget="999")
    response = client_for(cast.planner_a).post("/api/activities/", body, format="json")
    assert response.status_code == 400
    assert "locations" in response.json()["errors"]
    assert not Activity.objects.exists()


def test_it_accepts_target_codes_and_rejects_unknown_ones(plans, cast, reference):
    from selaras.registry.models import DevelopmentTarget, TargetFramework

    sdg = TargetFramework.objects.create(code="sdg", name="SDGs", kind="sdg")
    DevelopmentTarget.objects.create(framework=sdg, code="3", name="Kehidupan Sehat dan Sejahtera")
    client = client_for(cast.planner_a)
    ok = client.post("/api/activities/", activity_body(plans.plan_a, reference, targets=["sdg:3"]), format="json")
    assert ok.status_code == 201, ok.content
    assert ok.json()["targets"] == ["sdg:3"]
    bad = client.post("/api/activities/", activity_body(plans.plan_a, reference, targets=["sdg:99"]), format="json")
    assert bad.status_code == 400
    assert "targets" in bad.json()["errors"]


def test_it_updates_an_activity_with_the_current_version(plans, cast, reference):
    client = client_for(cast.planner_a)
    created = client.post("/api/activities/", activity_body(plans.plan_a, reference), format="json").json()
    body = activity_body(plans.plan_a, reference, title="Penguatan imunisasi kejar", version=created["version"])
    response = client.put(f"/api/activities/{created['id']}/", body, format="json")
    assert response.status_code == 200, response.content
    assert response.json()["title"] == "Penguatan imunisasi kejar"
    assert response.json()["version"] == created["version"] + 1


def test_it_answers_409_with_the_changes_for_a_stale_version(plans, cast, reference):
    client = client_for(cast.planner_a)
    created = client.post("/api/activities/", activity_body(plans.plan_a, reference), format="json").json()
    first = activity_body(plans.plan_a, reference, title="Judul baru", version=created["version"])
    assert client.put(f"/api/activities/{created['id']}/", first, format="json").status_code == 200
    stale = activity_body(plans.plan_a, reference, title="Judul yang akan hilang", version=created["version"])
    response = client.put(f"/api/activities/{created['id']}/", stale, format="json")
    assert response.status_code == 409
    data = response.json()
    assert data["code"] == "stale"
    assert data["current_version"] == created["version"] + 1
    assert data["changes"][0]["changes"]["title"] == ["Penguatan layanan imunisasi rutin", "Judul baru"]
    assert Activity.objects.get(pk=created["id"]).title == "Judul baru"


def test_it_requires_a_version_to_update_or_delete(plans, cast, reference):
    client = client_for(cast.planner_a)
    created = client.post("/api/activities/", activity_body(plans.plan_a, reference), format="json").json()
    assert (
        client.put(
            f"/api/activities/{created['id']}/", activity_body(plans.plan_a, reference), format="json"
        ).status_code
        == 400
    )
    assert client.delete(f"/api/activities/{created['id']}/").status_code == 400
    assert client.delete(f"/api/activities/{created['id']}/?version={created['version']}").status_code == 204
    assert not Activity.objects.exists()


def test_it_answers_409_when_the_plan_is_locked(filled, cast, reference):
    activity = filled.plan_a.activities.get()
    body = activity_body(filled.plan_a, reference, version=activity.version)
    response = client_for(cast.planner_a).put(f"/api/activities/{activity.pk}/", body, format="json")
    assert response.status_code == 409
    assert response.json()["code"] == "locked"


def test_a_plan_header_edit_with_a_stale_version_is_refused(plans, cast):
    client = client_for(cast.planner_a)
    url = f"/api/plans/{plans.plan_a.pk}/"
    version = plans.plan_a.version
    assert client.patch(url, {"title": "RKT 2024 (perbaikan)", "version": version}, format="json").status_code == 200
    response = client.patch(url, {"title": "Lama", "version": version}, format="json")
    assert response.status_code == 409
    plans.plan_a.refresh_from_db()
    assert plans.plan_a.title == "RKT 2024 (perbaikan)"


def test_a_planner_cannot_create_a_plan_for_another_agency(plans, cast, reference):
    from selaras.plans.models import Cycle

    cycle = Cycle.objects.create(programme=plans.programme, year=2025)
    response = client_for(cast.planner_b).post("/api/plans/", {"cycle": cycle.pk, "owner": "024"}, format="json")
    assert response.status_code == 403
    created = client_for(cast.planner_b).post(
        "/api/plans/", {"cycle": cycle.pk, "owner": "139", "title": "RKT 2025"}, format="json"
    )
    assert created.status_code == 201, created.content
    assert created.json()["status"] == "draft"


# --- workflow -----------------------------------------------------------------------------
def test_transitions_follow_the_workflow_and_the_role(filled, cast):
    url = f"/api/plans/{filled.plan_a.pk}/transition/"
    refused = client_for(cast.coordinator).post(url, {"action": "endorse"}, format="json")
    assert refused.status_code == 403
    assert refused.json()["code"] == "transition_not_allowed"
    owner_refused = client_for(cast.planner_a).post(url, {"action": "start_review"}, format="json")
    assert owner_refused.status_code == 403
    ok = client_for(cast.coordinator).post(url, {"action": "start_review", "comment": "Ditelaah"}, format="json")
    assert ok.status_code == 200, ok.content
    assert ok.json()["status"] == "in_review"
    assert [t["action"] for t in ok.json()["allowed_actions"]] == ["return", "endorse"]
    no_comment = client_for(cast.coordinator).post(url, {"action": "return"}, format="json")
    assert no_comment.status_code == 400
    assert "comment" in no_comment.json()["errors"]


def test_a_planner_cannot_move_another_ministrys_plan(filled, cast):
    response = client_for(cast.planner_b).post(
        f"/api/plans/{filled.plan_a.pk}/transition/", {"action": "submit"}, format="json"
    )
    assert response.status_code == 404


def test_the_diff_endpoint_shows_what_changed_between_revisions(filled, cast, reference):
    coordinator, planner = client_for(cast.coordinator), client_for(cast.planner_a)
    url = f"/api/plans/{filled.plan_a.pk}/"
    coordinator.post(url + "transition/", {"action": "return", "comment": "Lengkapi lokasi"}, format="json")
    activity = filled.plan_a.activities.get()
    body = activity_body(
        filled.plan_a,
        reference,
        title="Pelatihan kader Posyandu",
        budget="300000000",
        version=activity.version,
        affair="1.02.01",
        locations=[{"region": "33.02", "budget": "300000000"}],
    )
    assert planner.put(f"/api/activities/{activity.pk}/", body, format="json").status_code == 200
    assert planner.post(url + "transition/", {"action": "submit"}, format="json").status_code == 200
    revisions = planner.get(url + "revisions/").json()
    assert [r["number"] for r in revisions] == [1, 2]
    diff = planner.get(url + "diff/?from=1&to=2").json()
    assert diff["is_empty"] is False
    (changed,) = diff["activities"]
    assert changed["kind"] == "changed"
    assert changed["locations_removed"] == ["33.01"]
    assert "33.02" in changed["locations_changed"]
    assert planner.get(url + "diff/?from=1&to=9").status_code == 400
    assert planner.get(url + "diff/?from=2").json()["is_empty"] is True


# --- programmes, cycles, regional plans -------------------------------------------------------
def test_only_coordinators_create_programmes(cast, reference):
    body = {
        "code": "TP-PUSAT-2025",
        "name": "Tugas Pembantuan Pusat 2025",
        "kind": "tp_pusat",
        "coordinator": "010.bangda.supd4",
        "start_year": 2025,
        "end_year": 2025,
        "loci": ["33"],
    }
    assert client_for(cast.planner_a).post("/api/programmes/", body, format="json").status_code == 403
    response = client_for(cast.coordinator).post("/api/programmes/", body, format="json")
    assert response.status_code == 201, response.content
    assert response.json()["loci"] == ["33"]
    cycle = client_for(cast.coordinator).post(
        "/api/cycles/", {"programme": "TP-PUSAT-2025", "year": 2025}, format="json"
    )
    assert cycle.status_code == 201, cycle.content
    assert cycle.json()["regulation_deadline"] == "2024-11-30"
    outside = client_for(cast.coordinator).post(
        "/api/cycles/", {"programme": "TP-PUSAT-2025", "year": 2030}, format="json"
    )
    assert outside.status_code == 400
    assert "year" in outside.json()["errors"]


def test_regional_sub_activities_are_paginated(cast, reference):
    regional = RegionalPlan.objects.create(region=reference.banyumas, year=2024)
    RegionalSubActivity.objects.bulk_create(
        RegionalSubActivity(regional_plan=regional, name=f"Sub kegiatan {n}", row_number=n) for n in range(1, 8)
    )
    client = client_for(cast.officer_jateng)
    page = client.get(f"/api/regional-plans/{regional.pk}/sub-activities/?limit=3&offset=3").json()
    assert page["count"] == 7
    assert [row["row_number"] for row in page["results"]] == [4, 5, 6]
    listed = client.get("/api/regional-plans/?region=33").json()["results"]
    assert listed[0]["sub_activity_count"] == 7
    assert client_for(None).get("/api/regional-plans/").status_code in (401, 403)
