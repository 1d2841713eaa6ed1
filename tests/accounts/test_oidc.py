from __future__ import annotations

import sys
import types
from importlib import import_module

import pytest
from django.urls import include, path

from selaras.accounts.models import Membership, User

pytestmark = pytest.mark.django_db


@pytest.fixture
def backend(settings):
    settings.OIDC_RP_CLIENT_ID = "selaras"
    settings.OIDC_RP_CLIENT_SECRET = "rahasia"
    settings.OIDC_OP_TOKEN_ENDPOINT = "https://sso.invalid/token"
    settings.OIDC_OP_USER_ENDPOINT = "https://sso.invalid/userinfo"
    settings.OIDC_OP_JWKS_ENDPOINT = "https://sso.invalid/jwks"
    settings.OIDC_RP_SIGN_ALGO = "RS256"
    settings.OIDC_RP_SCOPES = "openid email profile"
    from selaras.accounts.oidc import SelarasOIDCBackend

    backend = SelarasOIDCBackend()
    # Replace the network call with the provider's answer.
    backend.get_userinfo = lambda access_token, id_token, payload: backend._claims
    return backend


def sign_in(backend, claims):
    backend._claims = claims
    return backend.get_or_create_user("access", "id", {})


def test_it_matches_an_existing_user_by_email_ignoring_case(backend, cast):
    user = sign_in(backend, {"email": "PERENCANA_A@selaras.test", "email_verified": True})
    assert user.pk == cast.planner_a.pk


def test_it_creates_a_user_without_memberships(backend, cast):
    user = sign_in(backend, {"email": "Baru.Sekali@kemkes.go.id", "name": "Baru Sekali", "preferred_username": "baru"})
    assert User.objects.filter(pk=user.pk).exists()
    assert user.username == "baru"
    assert user.email == "baru.sekali@kemkes.go.id"
    assert user.full_name == "Baru Sekali"
    assert not user.has_usable_password()
    assert Membership.objects.filter(user=user).count() == 0


def test_a_taken_username_gets_a_number(backend, cast):
    user = sign_in(backend, {"email": "lain@kemkes.go.id", "preferred_username": "perencana_a"})
    assert user.username == "perencana_a2"


def test_it_refuses_an_unverified_email(backend, cast):
    from django.core.exceptions import SuspiciousOperation

    with pytest.raises(SuspiciousOperation):
        sign_in(backend, {"email": "perencana_a@selaras.test", "email_verified": False})


def test_the_login_page_does_not_offer_a_provider_by_default(client, settings):
    assert settings.OIDC_ENABLED is False
    body = client.get("/accounts/login/").content.decode()
    assert "Masuk dengan" not in body
    assert client.get("/accounts/oidc/masuk/").status_code == 404


@pytest.fixture
def oidc_enabled(settings, backend, monkeypatch):
    """The URLs as they are when OIDC_ENABLED is set at start-up."""
    from selaras.accounts import oidc
    from selaras.accounts import urls as accounts_urls

    settings.OIDC_ENABLED = True
    settings.OIDC_PROVIDER_NAME = "SSO Kemendagri"
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = "https://sso.invalid/authorize"
    base = import_module(settings.ROOT_URLCONF).urlpatterns
    module = types.ModuleType("oidc_enabled_urls")
    module.urlpatterns = [
        path("accounts/", include((accounts_urls.urlpatterns + oidc.urlpatterns, "accounts"))),
        *(p for p in base if str(p.pattern) != "accounts/"),
    ]
    monkeypatch.setitem(sys.modules, "oidc_enabled_urls", module)
    settings.ROOT_URLCONF = "oidc_enabled_urls"


def test_when_enabled_the_login_page_offers_the_provider(client, oidc_enabled):
    body = client.get("/accounts/login/").content.decode()
    assert "Masuk dengan SSO Kemendagri" in body
    assert "/accounts/oidc/masuk/" in body


def test_when_enabled_sign_in_goes_to_the_provider_with_our_callback(client, oidc_enabled):
    response = client.get("/accounts/oidc/masuk/")
    assert response.status_code == 302
    assert response.url.startswith("https://sso.invalid/authorize?")
    assert "redirect_uri=http%3A%2F%2Ftestserver%2Faccounts%2Foidc%2Fcallback%2F" in response.url
