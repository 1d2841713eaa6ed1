"""The API speaks the request's language, DRF's own messages included
(where DRF's Indonesian catalogue has gaps, Selaras fills them)."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_api(cast):
    api = APIClient()
    api.force_authenticate(cast.admin)
    return api


def test_it_refuses_a_method_in_indonesian(admin_api):
    response = admin_api.put("/api/me/", {}, format="json")
    assert response.status_code == 405
    assert response.json()["detail"] == "Metode “PUT” tidak diizinkan."


def test_it_names_an_unknown_related_record_in_indonesian(admin_api):
    response = admin_api.post("/api/memberships/", {"user": "tidak_ada", "role": "viewer"}, format="json")
    assert response.status_code == 400
    assert response.json()["errors"]["user"] == ["Data dengan username=tidak_ada tidak ada."]


def test_it_uses_drf_indonesian_catalogue_where_it_has_the_message(admin_api):
    response = admin_api.post("/api/memberships/", {"user": "perencana_a"}, format="json")
    assert response.status_code == 400
    assert response.json()["errors"]["role"] == ["Bidang ini harus diisi."]


def test_it_refuses_a_body_that_is_not_an_object_in_indonesian(admin_api):
    response = admin_api.post("/api/memberships/", ["bukan", "objek"], format="json")
    assert response.status_code == 400
    assert "diharapkan objek JSON" in str(response.json()["errors"])


def test_it_answers_in_english_to_a_client_that_chose_english(admin_api):
    admin_api.cookies["django_language"] = "en"
    response = admin_api.post("/api/memberships/", {"user": "perencana_a"}, format="json")
    assert response.json()["errors"]["role"] == ["This field is required."]
