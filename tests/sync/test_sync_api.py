"""The sync API: runs, findings, review notes, letters and the similarity
look-up, each scoped exactly as the pages are."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from selaras.sync.models import CheckRun, FindingStatus, LetterStatus, ReviewNote
from selaras.sync.services import finding_accept
from tests.sync.review_data import Review, build_review

pytestmark = pytest.mark.django_db


@pytest.fixture
def review(cast, reference) -> Review:
    return build_review(cast, reference)


def api(user=None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def test_findings_are_listed_within_scope(cast, review):
    ids = {review.f_authority.pk, review.f_duplication.pk, review.f_alignment.pk}
    assert {r["id"] for r in api(cast.coordinator).get("/api/findings/").json()["results"]} == ids
    assert {r["id"] for r in api(cast.planner_a).get("/api/findings/").json()["results"]} == ids
    assert api(cast.planner_b).get("/api/findings/").json()["results"] == []
    assert api().get("/api/findings/").status_code in (401, 403)
    assert api(cast.planner_b).get(f"/api/findings/{review.f_authority.pk}/").status_code == 404


def test_finding_filters_are_applied_and_checked(cast, review):
    client = api(cast.coordinator)
    results = client.get("/api/findings/", {"category": "duplication"}).json()["results"]
    assert [r["id"] for r in results] == [review.f_duplication.pk]
    assert results[0]["score"] == 0.87 and results[0]["evidence"]["why"]
    results = client.get("/api/findings/", {"region": "33.01"}).json()["results"]
    assert [r["id"] for r in results] == [review.f_alignment.pk]
    assert client.get("/api/findings/", {"status": "bogus"}).status_code == 400


def test_accept_and_dismiss_actions_follow_the_services(cast, review):
    response = api(cast.coordinator).post(f"/api/findings/{review.f_authority.pk}/accept/", {"reason": "Setuju."})
    assert response.status_code == 200 and response.json()["status"] == FindingStatus.ACCEPTED
    response = api(cast.coordinator).post(f"/api/findings/{review.f_duplication.pk}/dismiss/", {})
    assert response.status_code == 400 and "reason" in response.json()["errors"]
    response = api(cast.planner_a).post(f"/api/findings/{review.f_duplication.pk}/accept/", {})
    assert response.status_code == 403
    review.f_duplication.refresh_from_db()
    assert review.f_duplication.status == FindingStatus.OPEN


def test_creating_a_run_starts_a_background_job(cast, review):
    response = api(cast.coordinator).post("/api/check-runs/", {"scope": "plan", "plan": review.plan_a.pk})
    assert response.status_code == 202
    run = CheckRun.objects.get(pk=response.json()["id"])
    assert run.job_id and response.json()["job_url"] == f"/jobs/{run.job_id}/"
    response = api(cast.planner_b).post("/api/check-runs/", {"scope": "plan", "plan": review.plan_a.pk})
    assert response.status_code == 400
    response = api(cast.planner_b).post("/api/check-runs/", {"scope": "national", "year": 2024})
    assert response.status_code == 403
    assert [r["id"] for r in api(cast.planner_b).get("/api/check-runs/").json()["results"]] == []


def test_review_notes_are_written_by_the_coordinator_only(cast, review):
    response = api(cast.coordinator).post("/api/review-notes/", {"plan": review.plan_a.pk, "text": "Perjelas lokasi."})
    assert response.status_code == 201
    response = api(cast.planner_a).post("/api/review-notes/", {"plan": review.plan_a.pk, "text": "Sendiri."})
    assert response.status_code == 403
    assert list(ReviewNote.objects.values_list("text", flat=True)) == ["Perjelas lokasi."]
    assert len(api(cast.planner_a).get("/api/review-notes/").json()["results"]) == 1
    assert api(cast.planner_b).get("/api/review-notes/").json()["results"] == []


def test_letters_compose_issue_respond_through_the_api(cast, review, media):
    finding_accept(finding=review.f_authority, by=cast.coordinator)
    coordinator = api(cast.coordinator)
    response = coordinator.post("/api/letters/compose/", {"plan": review.plan_a.pk})
    assert response.status_code == 201
    letter = response.json()
    assert letter["status"] == LetterStatus.DRAFT and letter["points"][0]["citation"] == "PP 19/2022 Pasal 12 huruf g"
    assert api(cast.planner_a).get("/api/letters/").json()["results"] == []
    response = coordinator.patch(
        f"/api/letters/{letter['id']}/",
        {"signatory_name": "Dr. Suharyanto", "signatory_title": "Direktur SUPD IV", "version": letter["version"]},
    )
    assert response.status_code == 200, response.json()
    response = coordinator.post(f"/api/letters/{letter['id']}/issue/")
    assert response.status_code == 200
    issued = response.json()
    assert issued["status"] == LetterStatus.ISSUED and issued["pdf_url"].endswith("/pdf/") and issued["docx_url"]
    response = coordinator.patch(f"/api/letters/{letter['id']}/", {"subject": "Ubah"})
    assert response.status_code == 409
    owner = api(cast.planner_a)
    assert [r["id"] for r in owner.get("/api/letters/").json()["results"]] == [letter["id"]]
    point = issued["points"][0]["id"]
    response = owner.post(f"/api/letters/{letter['id']}/respond/", {"point": point, "response": "Sudah diperbaiki."})
    assert response.status_code == 200 and response.json()["response"] == "Sudah diperbaiki."
    assert api(cast.planner_b).get(f"/api/letters/{letter['id']}/").status_code == 404


def test_composing_is_refused_to_the_owner(cast, review):
    finding_accept(finding=review.f_authority, by=cast.coordinator)
    assert api(cast.planner_a).post("/api/letters/compose/", {"plan": review.plan_a.pk}).status_code == 403
    assert api(cast.planner_b).post("/api/letters/compose/", {"plan": review.plan_a.pk}).status_code == 400


def test_similarity_lookup_returns_readable_matches_only(cast, review):
    response = api(cast.coordinator).get("/api/similarity/", {"q": "Pelatihan kader posyandu", "year": 2024})
    assert response.status_code == 200, response.content
    results = response.json()["results"]
    assert {r["id"] for r in results if r["kind"] == "activity"} >= {review.activity_a.pk, review.activity_b.pk}
    assert all(0 < r["score"] <= 1 for r in results)
    own = api(cast.planner_b).get("/api/similarity/", {"q": "Pelatihan kader posyandu"}).json()["results"]
    assert [r["id"] for r in own] == [review.activity_b.pk]
    other_region = api(cast.coordinator).get("/api/similarity/", {"q": "Pelatihan kader posyandu", "region": "91"})
    assert other_region.json()["results"] == []
    assert api(cast.coordinator).get("/api/similarity/", {"q": "a"}).status_code == 400
    assert api().get("/api/similarity/", {"q": "Pelatihan kader"}).status_code in (401, 403)


@pytest.mark.parametrize("version", ["abc", "1.5", "", [1], {"n": 1}, True])
def test_a_letter_patch_with_a_bad_version_is_a_clear_400(cast, review, version):
    finding_accept(finding=review.f_authority, by=cast.coordinator)
    coordinator = api(cast.coordinator)
    letter = coordinator.post("/api/letters/compose/", {"plan": review.plan_a.pk}).json()
    response = coordinator.patch(
        f"/api/letters/{letter['id']}/", {"subject": "Ubah", "version": version}, format="json"
    )
    if version == "":
        # No version sent: the edit is not checked for staleness.
        assert response.status_code == 200
        return
    assert response.status_code == 400, response.content
    assert "version" in response.json()["errors"]
    assert coordinator.get(f"/api/letters/{letter['id']}/").json()["subject"] != "Ubah"


def test_a_letter_patch_with_a_stale_version_is_a_409(cast, review):
    finding_accept(finding=review.f_authority, by=cast.coordinator)
    coordinator = api(cast.coordinator)
    letter = coordinator.post("/api/letters/compose/", {"plan": review.plan_a.pk}).json()
    response = coordinator.patch(
        f"/api/letters/{letter['id']}/", {"subject": "Ubah", "version": str(letter["version"] + 5)}, format="json"
    )
    assert response.status_code == 409 and response.json()["code"] == "stale"


def test_a_stale_letter_edit_answers_409_with_what_changed_meanwhile(cast, review):
    finding_accept(finding=review.f_authority, by=cast.coordinator)
    coordinator = api(cast.coordinator)
    letter = coordinator.post("/api/letters/compose/", {"plan": review.plan_a.pk}).json()
    first = coordinator.patch(
        f"/api/letters/{letter['id']}/", {"subject": "Perbaikan RKT", "version": letter["version"]}, format="json"
    )
    assert first.status_code == 200, first.content
    stale = coordinator.patch(
        f"/api/letters/{letter['id']}/", {"subject": "Yang akan hilang", "version": letter["version"]}, format="json"
    )
    assert stale.status_code == 409, stale.content
    body = stale.json()
    assert body["code"] == "stale" and body["current_version"] == letter["version"] + 1
    assert body["changes"][0]["changes"]["subject"][1] == "Perbaikan RKT"
    assert coordinator.get(f"/api/letters/{letter['id']}/").json()["subject"] == "Perbaikan RKT"


def test_findings_hide_another_agencys_activity_from_the_owner(cast, review):
    """Planner A reads its plan's duplication finding, not ministry B's plan."""
    row = api(cast.planner_a).get(f"/api/findings/{review.f_duplication.pk}/").json()
    assert row["other_activity"] is None and row["other_hidden"]
    assert "Kemendikdasmen" not in row["message"] and "why" not in row["evidence"]
    row = api(cast.coordinator).get(f"/api/findings/{review.f_duplication.pk}/").json()
    assert row["other_activity"] == review.activity_b.pk and row["other_hidden"] == ""
    assert row["message"] == review.f_duplication.message_id
