"""A record that does not exist and one the reader may not see get the
same words, on the pages and in the API."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db

NOT_FOUND = "Data tidak ditemukan atau tidak dapat Anda lihat."


def test_the_404_page_and_the_api_say_the_same_thing(client, cast):
    client.force_login(cast.planner_a)
    page = client.get("/rencana/99999/")
    assert page.status_code == 404
    assert NOT_FOUND in page.content.decode()

    api = APIClient()
    api.force_authenticate(cast.planner_a)
    response = api.get("/api/plans/99999/")
    assert response.status_code == 404
    assert response.json()["detail"] == NOT_FOUND
