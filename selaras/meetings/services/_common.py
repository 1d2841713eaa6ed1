"""Helpers the meeting services share: locking a record and refusing what
the permission layer does not allow, and announcing events when the
notifications hub exists."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import models

from selaras.core import access

try:  # The event hub is core's; keep working if a slimmed build lacks it.
    from selaras.core.events import emit
except ImportError:  # pragma: no cover

    def emit(kind: str, **payload) -> None:
        return None


def lock[M: models.Model](obj: M) -> M:
    return type(obj)._default_manager.select_for_update().get(pk=obj.pk)


def require(user, action: str, obj: models.Model, refusal: str) -> None:
    if not access.can(user, action, obj):
        raise PermissionDenied(refusal)


def save(obj: models.Model, *, bump: bool = True) -> models.Model:
    """Validate, count the edit (optimistic locking) and save."""
    obj.full_clean()
    if bump and obj.pk is not None:
        obj.version += 1
    obj.save()
    return obj


def readable_or_refuse(user, records, refusal: str) -> list:
    """The records, each of which the user must be able to read: linking a
    record one may not see would reveal it to the meeting's readers."""
    records = [r for r in records or () if r is not None]
    for record in records:
        if not access.can(user, access.READ, record):
            raise PermissionDenied(refusal)
    return records
