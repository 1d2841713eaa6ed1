"""Control characters in typed text: cleaned once where text enters (every
service's `full_clean`, the API, the bulk import paths), so the exports and
letters that later carry the text keep working."""

from __future__ import annotations

import io
from decimal import Decimal

import openpyxl
import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from selaras.core.context import acting_as
from selaras.core.text import clean_text
from selaras.plans import services
from selaras.plans.models import Activity
from tests.plans.conftest import activity_data, plans  # noqa: F401
from tests.sync.review_data import build_review

DIRTY = "Pelatihan\x0b kader\x1b Posyandu\x00\x7f\x85"


def test_it_removes_control_characters_from_single_line_text():
    assert clean_text(DIRTY) == "Pelatihan kader Posyandu"
    assert clean_text("satu\tdua\nTiga\r\nempat") == "satu dua Tiga empat"


def test_it_keeps_tabs_and_line_breaks_in_multi_line_text():
    assert clean_text("baris\x0b satu\r\nbaris\tdua\rtiga\x1b", multiline=True) == "baris satu\nbaris\tdua\ntiga"


def test_it_removes_lone_surrogates_and_non_characters():
    assert clean_text("a\ud800b\ufffec\uffff") == "abc"


def test_it_leaves_other_values_and_clean_text_alone():
    assert clean_text(None) is None
    assert clean_text(12) == 12
    assert clean_text("Ruang kelas — Jawa Tengah ✓ 東") == "Ruang kelas — Jawa Tengah ✓ 東"


def test_a_title_saved_through_a_service_is_stored_clean(plans, cast, reference):  # noqa: F811
    data = activity_data(reference, plans.affair, title=DIRTY)
    data.description = "baris satu\x0b\nbaris\tdua\x1b"
    with acting_as(cast.planner_a, "test"):
        activity = services.activity_create(plan=plans.plan_a, by=cast.planner_a, data=data)
        services.plan_update(
            plan=plans.plan_a, by=cast.planner_a, expected_version=None, title="RKT\x0b 2024\x1b", notes="a\x0b\nb"
        )
    activity.refresh_from_db()
    plans.plan_a.refresh_from_db()
    assert activity.title == "Pelatihan kader Posyandu"
    assert activity.description == "baris satu\nbaris\tdua"
    assert (plans.plan_a.title, plans.plan_a.notes) == ("RKT 2024", "a\nb")


def test_a_title_saved_through_the_api_is_stored_clean(plans, cast):  # noqa: F811
    api = APIClient()
    api.force_authenticate(cast.planner_a)
    body = {
        "plan": plans.plan_a.pk,
        # DRF itself refuses NUL with a clear 400; the rest reach the service.
        "title": DIRTY.replace("\x00", ""),
        "funding_source": "apbn",
        "budget": "1000",
        "quarters": [1],
        "executing_level": "pusat",
        "locations": [],
        "indicators": [{"indicator": "Kader\x0b terlatih", "unit": "orang\x1b", "target": "1"}],
    }
    response = api.post("/api/activities/", body, format="json")
    assert response.status_code == 201, response.content
    activity = Activity.objects.get(pk=response.json()["id"])
    assert activity.title == "Pelatihan kader Posyandu"
    assert list(activity.indicators.values_list("indicator", "unit")) == [("Kader terlatih", "orang")]
    url = f"/api/plans/{plans.plan_a.pk}/"
    version = api.get(url).json()["version"]
    assert api.patch(url, {"title": "RKT\x1b 2024", "version": version}, format="json").status_code == 200
    plans.plan_a.refresh_from_db()
    assert plans.plan_a.title == "RKT 2024"


def test_an_imported_workbook_is_stored_clean(plans, cast):  # noqa: F811
    from selaras.plans.services import ActivityData, IndicatorData, plan_replace_activities

    data = ActivityData(
        title=DIRTY,
        funding_source="apbn",
        budget=Decimal("1000"),
        executing_level="pusat",
        description="satu\x0b\ndua",
        indicators=[IndicatorData("Kader\x1b terlatih", "orang\x0b")],
    )
    plan_replace_activities(plan=plans.plan_a, by=cast.planner_a, activities=[data])
    activity = plans.plan_a.activities.get()
    assert (activity.title, activity.description) == ("Pelatihan kader Posyandu", "satu\ndua")
    assert list(activity.indicators.values_list("indicator", "unit")) == [("Kader terlatih", "orang")]


def test_exports_work_after_dirty_titles_were_saved(client, plans, cast, reference):  # noqa: F811
    with acting_as(cast.planner_a, "test"):
        services.activity_create(plan=plans.plan_a, by=cast.planner_a, data=activity_data(reference, title=DIRTY))
        services.plan_update(plan=plans.plan_a, by=cast.planner_a, expected_version=None, title=DIRTY, notes="")
        services.plan_transition(plan=plans.plan_a, action="submit", by=cast.planner_a)
    client.force_login(cast.planner_a)
    exported = client.get(reverse("plans:plan_export", args=[plans.plan_a.pk]))
    assert exported.status_code == 200
    openpyxl.load_workbook(io.BytesIO(b"".join(exported.streaming_content) if exported.streaming else exported.content))
    client.force_login(cast.coordinator)
    matrix = client.get(reverse("plans:region_matrix", args=["33"]), {"tahun": 2024, "format": "xlsx"})
    assert matrix.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(matrix.content)).worksheets[0]
    assert "Pelatihan kader Posyandu" in {c for row in sheet.iter_rows(values_only=True) for c in row}


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def test_a_letter_is_issued_after_dirty_text_was_saved(cast, reference, media):
    from selaras.sync.letters import services as letters
    from selaras.sync.services import finding_accept, finding_dismiss, review_note_add

    review = build_review(cast, reference)
    finding_accept(finding=review.f_authority, by=cast.coordinator, note="Alihkan\x0b ke dekonsentrasi.")
    finding_dismiss(finding=review.f_alignment, by=cast.coordinator, reason="Sudah\x1b ada.")
    review_note_add(plan=review.plan_a, by=cast.coordinator, text="Lengkapi\x0b jadwal.\nTerima kasih.")
    letter = letters.letter_compose(plan=review.plan_a, by=cast.coordinator)
    texts = list(letter.points.values_list("text", flat=True))
    # A point is a request phrased from the finding; the reviewer's note is
    # not copied into it, but nothing typed may carry a control character.
    assert texts and all("\x0b" not in t and "\x1b" not in t for t in texts)
    assert "Lengkapi jadwal.\nTerima kasih." in texts
    point = letter.points.last()
    letters.letter_point_update(point=point, by=cast.coordinator, expected_version=point.version, text="Poin\x1b dua")
    letter = letters.letter_update(
        letter=letter,
        by=cast.coordinator,
        expected_version=letter.version,
        signatory_name="Dr. Suharyanto\x0b, M.Si.",
        signatory_title="Direktur SUPD IV",
        signatory_nip="197001011990031001",
        copies_to="Menteri Dalam Negeri\x1b\nDirjen Bina Bangda",
    )
    issued = letters.letter_issue(letter=letter, by=cast.coordinator)
    assert issued.number
    assert issued.signatory_name == "Dr. Suharyanto, M.Si."
    review.f_alignment.refresh_from_db()
    assert review.f_alignment.reason == "Sudah ada."
    answered = letters.letter_respond(point=issued.points.first(), by=cast.planner_a, response="Setuju\x0b.\nSegera.")
    assert answered.response == "Setuju.\nSegera."
