"""Errors the plan services raise; views and the API turn them into clear
messages for the user. A stale edit is `selaras.core.versioning.StaleEdit`."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError


class TransitionNotAllowed(PermissionDenied):
    pass


class PlanLocked(ValidationError):
    pass
