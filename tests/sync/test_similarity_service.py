"""The cached national look-up index and the activity form's HTMX partial."""

from __future__ import annotations

import pytest
from django.urls import reverse

from selaras.sync import similarity_service


@pytest.fixture(autouse=True)
def _fresh_cache():
    similarity_service.clear_cache()
    yield
    similarity_service.clear_cache()


def _data(build, reference, *, status_b="submitted"):
    from selaras.plans.models import RegionalPlan, RegionalSubActivity

    cycle = build.cycle(build.programme(), year=2025)
    plan_a = build.plan(cycle, reference.ministry_a)
    plan_b = build.plan(cycle, reference.ministry_b, status=status_b)
    a = build.activity(plan_a, title="Pelatihan Kader Posyandu", locations=[reference.banyumas])
    b = build.activity(plan_b, title="Bimtek Kader Posyandu Rahasia", locations=[reference.banyumas])
    regional = RegionalPlan.objects.create(region=reference.cilacap, year=2025)
    sub = RegionalSubActivity.objects.create(regional_plan=regional, code="1.02", name="Pelatihan Kader Posyandu")
    return a, b, sub


def test_it_finds_central_and_regional_records_with_score_and_why(build, reference):
    a, _, sub = _data(build, reference)
    found = similarity_service.lookup("PELATIHAN KADER POSYANDU", 2025)
    kinds = {(m["kind"], m["id"]) for m in found}
    assert ("central", a.pk) in kinds and ("regional", sub.pk) in kinds
    top = found[0]
    assert top["score"] >= 0.5 and top["why"] and top["record"] is not None
    regional = next(m for m in found if m["kind"] == "regional")
    assert regional["owner"] == "Kabupaten Cilacap" and regional["region_code"] == "33.01"


def test_it_narrows_to_overlapping_regions(build, reference):
    a, _, sub = _data(build, reference)
    in_banyumas = {(m["kind"], m["id"]) for m in similarity_service.lookup("Pelatihan Kader Posyandu", 2025, "33.02")}
    assert ("central", a.pk) in in_banyumas and ("regional", sub.pk) not in in_banyumas
    # a province query overlaps both kabupaten
    in_jateng = {(m["kind"], m["id"]) for m in similarity_service.lookup("Pelatihan Kader Posyandu", 2025, "33")}
    assert {("central", a.pk), ("regional", sub.pk)} <= in_jateng
    assert similarity_service.lookup("Pelatihan Kader Posyandu", 2025, "91") == []
    assert similarity_service.lookup("Pelatihan Kader Posyandu", 2026) == []


def test_it_never_indexes_a_draft_and_rebuilds_when_data_change(build, reference):
    _, b, _ = _data(build, reference, status_b="draft")
    assert all(m["id"] != b.pk for m in similarity_service.lookup("Bimtek Kader Posyandu Rahasia", 2025))
    first = similarity_service.year_index(2025)
    b.plan.status = "submitted"
    b.plan.save()
    assert similarity_service.year_index(2025) is not first
    assert any(m["id"] == b.pk for m in similarity_service.lookup("Bimtek Kader Posyandu Rahasia", 2025))


def test_the_form_partial_lists_likely_duplicates_for_the_planner(build, reference, cast, client):
    _data(build, reference)
    client.force_login(cast.planner_a)
    response = client.get(
        reverse("sync:similar_titles"), {"title": "Pelatihan Kader Posyandu", "year": 2025}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "Pelatihan Kader Posyandu" in body and "skor" in body


def test_the_form_partial_never_shows_another_agencys_draft(build, reference, cast, client):
    _data(build, reference, status_b="draft")
    client.force_login(cast.planner_a)
    body = client.get(reverse("sync:similar_titles"), {"title": "Bimtek Kader Posyandu Rahasia", "year": 2025})
    assert "Rahasia" not in body.content.decode()


def test_the_form_partial_needs_a_login(client):
    response = client.get(reverse("sync:similar_titles"), {"title": "Pelatihan Kader"})
    assert response.status_code == 302
