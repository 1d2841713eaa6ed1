"""How the API answers who is asking: a bad or missing token is a 401 that
says how to authenticate, in the request's language; the browser's session
(with CSRF) keeps working."""

from __future__ import annotations

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture
def api():
    return APIClient()


def test_it_answers_a_bad_token_with_401_and_www_authenticate(api, cast):
    api.credentials(HTTP_AUTHORIZATION="Token bad")
    response = api.get("/api/plans/")
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"
    assert response.json()["detail"] == "Kredensial tidak valid: token tidak dikenal atau sudah dicabut."


def test_it_answers_a_malformed_token_header_with_401(api, cast):
    api.credentials(HTTP_AUTHORIZATION="Token")
    response = api.get("/api/plans/")
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"


def test_it_answers_missing_credentials_with_401_and_www_authenticate(api, cast):
    response = api.get("/api/me/")
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"
    assert response.json()["detail"] == "Data autentikasi tidak diberikan."


def test_it_answers_plans_without_credentials_with_401(api, cast):
    response = api.get("/api/plans/")
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"


def test_it_speaks_english_to_a_client_that_chose_english(api, cast):
    api.cookies["django_language"] = "en"
    response = api.get("/api/me/")
    assert response.status_code == 401
    assert response.json()["detail"] == "Authentication credentials were not provided."


def test_a_good_token_still_authenticates(api, cast):
    token = Token.objects.create(user=cast.planner_a)
    api.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    response = api.get("/api/me/")
    assert response.status_code == 200
    assert response.json()["username"] == "perencana_a"


def test_the_browser_session_still_needs_csrf_for_writes(cast):
    browser = APIClient(enforce_csrf_checks=True)
    assert browser.login(username="admin", password=PASSWORD)
    assert browser.get("/api/me/").status_code == 200
    response = browser.post("/api/memberships/", {"user": "perencana_b", "role": "viewer"}, format="json")
    assert response.status_code == 403
    assert "CSRF" in response.json()["detail"]
