"""Sign-in through an organisation's OpenID Connect provider (off unless
`OIDC_ENABLED`). People are matched to accounts by e-mail address; a person
new to Selaras gets an account with no memberships, so they see nothing
beyond public pages until an administrator grants them a role."""

from __future__ import annotations

import re

from django.conf import settings
from django.db import transaction
from django.urls import path, reverse
from mozilla_django_oidc import views as oidc_views
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.utils import import_from_settings

from selaras.accounts.models import User

# Our routes live in the `accounts` namespace; the library reverses plain
# names unless told otherwise, and redirects failures to "/" by default.
_DEFAULTS = {
    "OIDC_AUTHENTICATION_CALLBACK_URL": "accounts:oidc_authentication_callback",
}


def _setting(attr: str, *args):
    if attr in _DEFAULTS and not hasattr(settings, attr):
        return _DEFAULTS[attr]
    if attr == "LOGIN_REDIRECT_URL_FAILURE" and not hasattr(settings, attr):
        return reverse("accounts:login")
    return import_from_settings(attr, *args)


def username_from_claims(claims: dict) -> str:
    """A readable, unique username: the provider's preferred username or the
    e-mail's local part, with a number added if taken."""
    wanted = claims.get("preferred_username") or (claims.get("email") or "").split("@")[0] or "pengguna"
    base = re.sub(r"[^\w.@+-]", "", wanted)[:140] or "pengguna"
    candidate, n = base, 1
    while User.objects.filter(username__iexact=candidate).exists():
        n += 1
        candidate = f"{base}{n}"
    return candidate


class SelarasOIDCBackend(OIDCAuthenticationBackend):
    get_settings = staticmethod(_setting)

    def filter_users_by_claims(self, claims):
        email = (claims.get("email") or "").strip()
        if not email:
            return self.UserModel.objects.none()
        return self.UserModel.objects.filter(email__iexact=email, is_active=True)

    def verify_claims(self, claims):
        # An address the provider has not verified must not open someone
        # else's account that happens to use it.
        if not claims.get("email"):
            return False
        return claims.get("email_verified", True) is not False

    @transaction.atomic
    def create_user(self, claims):
        user = User(
            username=username_from_claims(claims),
            email=claims["email"].strip().lower(),
            full_name=(claims.get("name") or "").strip()[:200],
        )
        user.set_unusable_password()
        user.save()
        return user

    def update_user(self, user, claims):
        name = (claims.get("name") or "").strip()[:200]
        if name and not user.full_name:
            user.full_name = name
            user.save(update_fields=["full_name"])
        return user


class SelarasOIDCRequestView(oidc_views.OIDCAuthenticationRequestView):
    get_settings = staticmethod(_setting)


class SelarasOIDCCallbackView(oidc_views.OIDCAuthenticationCallbackView):
    get_settings = staticmethod(_setting)


urlpatterns = [
    path("oidc/masuk/", SelarasOIDCRequestView.as_view(), name="oidc_authentication_init"),
    path("oidc/callback/", SelarasOIDCCallbackView.as_view(), name="oidc_authentication_callback"),
]
