"""Errors the plan services raise; views and the API turn them into clear
messages for the user."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError


class StaleEdit(ValidationError):
    """The record changed since the user loaded it. Carries what changed
    meanwhile (audit field changes) so the user can see it before retrying."""

    def __init__(self, message, *, current_version: int, changes: list[dict]):
        super().__init__(message, code="stale")
        self.current_version = current_version
        self.changes = changes


class TransitionNotAllowed(PermissionDenied):
    pass


class PlanLocked(ValidationError):
    pass
