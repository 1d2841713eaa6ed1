"""How API requests say who they are: a token first, then the browser's session."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework import authentication, exceptions


class TokenAuthentication(authentication.TokenAuthentication):
    """DRF's token authentication with one Indonesian answer for every bad
    token (unknown, revoked, malformed header, inactive user): the client
    needs to know only that it must sign in again.

    Listed first in DEFAULT_AUTHENTICATION_CLASSES because DRF asks the first
    class for the `WWW-Authenticate` header, and only a class that has one
    turns "not signed in" into 401 instead of 403."""

    message = _("Kredensial tidak valid: token tidak dikenal atau sudah dicabut.")

    def authenticate(self, request):
        try:
            return super().authenticate(request)
        except exceptions.AuthenticationFailed:
            raise exceptions.AuthenticationFailed(self.message) from None
