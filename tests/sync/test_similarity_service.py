"""The cached national look-up index and the activity form's HTMX partial."""

from __future__ import annotations

import pytest
from django.urls import reverse

from selaras.sync import similarity_service


@pytest.fixture(autouse=True)
def _fresh_cache(settings, tmp_path):
    settings.SIMILARITY_INDEX_DIR = str(tmp_path / "lookup-index")
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
    found = similarity_service.lookup("PELATIHAN KADER POSYANDU", 2025, unrestricted=True)
    kinds = {(m["kind"], m["id"]) for m in found}
    assert ("central", a.pk) in kinds and ("regional", sub.pk) in kinds
    top = found[0]
    assert top["score"] >= 0.5 and top["why"] and top["record"] is not None
    regional = next(m for m in found if m["kind"] == "regional")
    assert regional["owner"] == "Kabupaten Cilacap" and regional["region_code"] == "33.01"


def test_it_narrows_to_overlapping_regions(build, reference):
    a, _, sub = _data(build, reference)
    in_banyumas = {
        (m["kind"], m["id"])
        for m in similarity_service.lookup("Pelatihan Kader Posyandu", 2025, "33.02", unrestricted=True)
    }
    assert ("central", a.pk) in in_banyumas and ("regional", sub.pk) not in in_banyumas
    # a province query overlaps both kabupaten
    in_jateng = {
        (m["kind"], m["id"])
        for m in similarity_service.lookup("Pelatihan Kader Posyandu", 2025, "33", unrestricted=True)
    }
    assert {("central", a.pk), ("regional", sub.pk)} <= in_jateng
    assert similarity_service.lookup("Pelatihan Kader Posyandu", 2025, "91", unrestricted=True) == []
    assert similarity_service.lookup("Pelatihan Kader Posyandu", 2026, unrestricted=True) == []


def test_it_never_indexes_a_draft_and_rebuilds_when_data_change(build, reference):
    _, b, _ = _data(build, reference, status_b="draft")
    assert all(
        m["id"] != b.pk for m in similarity_service.lookup("Bimtek Kader Posyandu Rahasia", 2025, unrestricted=True)
    )
    first = similarity_service.year_index(2025)
    b.plan.status = "submitted"
    b.plan.save()
    assert similarity_service.year_index(2025) is not first
    assert any(
        m["id"] == b.pk for m in similarity_service.lookup("Bimtek Kader Posyandu Rahasia", 2025, unrestricted=True)
    )


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


# --- built once, shared through the disk ------------------------------------------
def test_a_lookup_without_a_user_returns_nothing_unless_asked_unrestricted(build, reference):
    a, _, _ = _data(build, reference)
    assert similarity_service.lookup("Pelatihan Kader Posyandu", 2025) == []
    assert any(m["id"] == a.pk for m in similarity_service.lookup("Pelatihan Kader Posyandu", 2025, unrestricted=True))


def test_a_lookup_for_a_user_lists_only_what_they_may_read(build, reference, cast):
    _, b, _ = _data(build, reference, status_b="draft")
    # the owner of the draft may read it; another ministry's planner may not
    found = similarity_service.lookup("Bimtek Kader Posyandu Rahasia", 2025, user=cast.planner_a)
    assert all(m["id"] != b.pk for m in found)


def test_the_index_is_saved_and_another_process_loads_it_without_building(build, reference, monkeypatch):
    a, _, _ = _data(build, reference)
    built = similarity_service.build_year(2025)
    assert (similarity_service.index_root() / "2025" / "current").read_text() == built.stamp
    similarity_service.clear_cache()  # as a freshly started web process

    def no_build(*args, **kwargs):
        raise AssertionError("a loaded index must not be rebuilt")

    monkeypatch.setattr(similarity_service, "_build", no_build)
    found = similarity_service.lookup("Pelatihan Kader Posyandu", 2025, unrestricted=True)
    assert any(m["kind"] == "central" and m["id"] == a.pk for m in found)
    loaded = similarity_service.year_index(2025)
    assert loaded is not built and loaded.stamp == built.stamp and loaded.folder == built.folder


def test_a_stale_index_is_detected_and_rebuilt_in_the_background_when_large(build, reference, settings, monkeypatch):
    _, b, _ = _data(build, reference, status_b="draft")
    built = similarity_service.build_year(2025)
    b.plan.status = "submitted"
    b.plan.save()
    assert similarity_service.version_stamp(similarity_service._fingerprint(2025)) != built.stamp
    similarity_service.clear_cache()
    settings.SIMILARITY_INLINE_BUILD_MAX_ITEMS = 0  # as for a national year
    asked: list[int] = []
    monkeypatch.setattr(similarity_service, "schedule_build", lambda year: asked.append(year) or True)
    monkeypatch.setattr(similarity_service, "_build", lambda *a: pytest.fail("built inside the request"))
    stale = similarity_service.year_index(2025)
    assert asked == [2025] and stale.stamp == built.stamp  # the stale one answers meanwhile


def test_without_any_index_a_large_year_is_enqueued_and_the_database_answers(build, reference, settings, monkeypatch):
    a, _, sub = _data(build, reference)
    settings.SIMILARITY_INLINE_BUILD_MAX_ITEMS = 0
    enqueued: list[dict] = []
    real_task = similarity_service.build_lookup_index_task

    class Queue:
        def enqueue(self, **kwargs):
            enqueued.append(kwargs)

    monkeypatch.setattr(similarity_service, "build_lookup_index_task", Queue())
    found = similarity_service.lookup("Pelatihan Kader Posyandu", 2025, unrestricted=True)
    assert enqueued == [{"year": 2025}]
    assert {("central", a.pk), ("regional", sub.pk)} <= {(m["kind"], m["id"]) for m in found}
    assert "indeks sedang disiapkan" in found[0]["why"]
    # asked once, not on every keystroke
    similarity_service.lookup("Pelatihan Kader Posyandu", 2025, unrestricted=True)
    assert len(enqueued) == 1
    real_task.call(year=2025)
    assert similarity_service.year_index(2025).index is not None


def test_the_command_builds_the_index_of_every_year_with_data(build, reference):
    from io import StringIO

    from django.core.management import call_command

    _data(build, reference)
    out = StringIO()
    call_command("build_lookup_index", stdout=out)
    assert "2025:" in out.getvalue()
    assert (similarity_service.index_root() / "2025" / "current").is_file()
