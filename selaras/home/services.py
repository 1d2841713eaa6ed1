"""Writes of the home app: remembering a visit."""

from __future__ import annotations

from datetime import datetime

from django.utils import timezone

from selaras.home.models import LastSeen


def district_key(code: str) -> str:
    return f"district:{code}"


def mark_seen(*, user, key: str, at: datetime | None = None) -> LastSeen:
    """Record that `user` opened the page `key` now (or at `at`)."""
    seen, _ = LastSeen.objects.update_or_create(user=user, key=key, defaults={"at": at or timezone.now()})
    return seen


def last_seen(*, user, key: str) -> datetime | None:
    return LastSeen.objects.filter(user=user, key=key).values_list("at", flat=True).first()
