"""The signatory's NIP on a recommendation letter is checked wherever it is
entered: the service, the edit page and the API."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from rest_framework.test import APIClient

from selaras.sync.letters import services
from selaras.sync.services import finding_accept
from tests.sync.review_data import build_review, login

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(cast, reference):
    review = build_review(cast, reference)
    finding_accept(finding=review.f_authority, by=cast.coordinator, note="Alihkan ke dekonsentrasi.")
    return services.letter_compose(plan=review.plan_a, by=cast.coordinator)


def test_it_refuses_a_short_nip_in_the_service(cast, draft):
    with pytest.raises(ValidationError) as refused:
        services.letter_update(letter=draft, by=cast.coordinator, expected_version=draft.version, signatory_nip="123")
    assert "18 angka" in refused.value.message_dict["signatory_nip"][0]
    draft.refresh_from_db()
    assert draft.signatory_nip == ""


def test_it_keeps_a_well_formed_nip_and_an_empty_one(cast, draft):
    letter = services.letter_update(
        letter=draft, by=cast.coordinator, expected_version=draft.version, signatory_nip="19740612 199603 1 002"
    )
    letter = services.letter_update(
        letter=letter, by=cast.coordinator, expected_version=letter.version, signatory_nip=""
    )
    assert letter.signatory_nip == ""


def test_it_shows_the_nip_error_on_the_edit_page(client, cast, draft):
    login(client, cast.coordinator)
    data = {
        "place": "Jakarta",
        "subject": draft.subject,
        "signatory_name": "Dr. Suharyanto",
        "signatory_title": "Direktur SUPD IV",
        "signatory_nip": "123",
        "version": draft.version,
    }
    response = client.post(reverse("sync:letter_edit", args=[draft.pk]), data, follow=True)
    assert "NIP terdiri atas 18 angka" in response.content.decode()
    draft.refresh_from_db()
    assert draft.signatory_nip == ""


def test_it_refuses_a_short_nip_through_the_api(cast, draft):
    api = APIClient()
    api.force_authenticate(cast.coordinator)
    response = api.patch(f"/api/letters/{draft.pk}/", {"signatory_nip": "123", "version": draft.version}, format="json")
    assert response.status_code == 400
    assert "18 angka" in response.json()["errors"]["signatory_nip"][0]
