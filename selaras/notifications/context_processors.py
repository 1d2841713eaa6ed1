"""The bell's unread count on every page, counted only when a template
shows it (one COUNT)."""

from __future__ import annotations

from django.utils.functional import SimpleLazyObject

from selaras.notifications.selectors import unread_count


def notifications(request) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"unread_notifications": SimpleLazyObject(lambda: unread_count(user))}
