"""Holds a signed-in user at the code page until their second factor is checked."""

from __future__ import annotations

from urllib.parse import quote

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY
from django.http import HttpResponseRedirect, JsonResponse
from django.urls import reverse
from django.utils.translation import gettext as _

# Set in the session to the user's pk once their TOTP code is accepted.
VERIFIED_SESSION_KEY = "selaras_2fa_verified"

# Signing in through the organisation's identity provider: that provider
# owns the second factor.
OIDC_BACKEND = "selaras.accounts.oidc.SelarasOIDCBackend"


def mark_verified(request) -> None:
    request.session[VERIFIED_SESSION_KEY] = request.user.pk


def needs_second_factor(request) -> bool:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not user.totp_enabled:
        return False
    if request.session.get(BACKEND_SESSION_KEY) == OIDC_BACKEND:
        return False
    return request.session.get(VERIFIED_SESSION_KEY) != user.pk


class TwoFactorMiddleware:
    """A user with two-factor enabled who has given only a password (on our
    login page, the admin's, anywhere) reaches nothing but the code page,
    logout and static files until a valid code is entered. Done here rather
    than in one login view so no other login path can skip it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if needs_second_factor(request) and not self._allowed(request.path_info):
            verify = reverse("accounts:two_factor_verify")
            if request.path_info.startswith("/api/"):
                return JsonResponse({"detail": _("Verifikasi dua langkah diperlukan.")}, status=403)
            return HttpResponseRedirect(f"{verify}?next={quote(request.get_full_path())}")
        return self.get_response(request)

    @staticmethod
    def _allowed(path: str) -> bool:
        if path.startswith(settings.STATIC_URL):
            return True
        return path in {reverse("accounts:two_factor_verify"), reverse("accounts:logout"), reverse("set_language")}
