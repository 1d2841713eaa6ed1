"""Access policies for notifications: a notification and a preference
belong to their person alone (administrators included: nobody reads
another's notifications)."""

from __future__ import annotations

from django.db.models import Q

from selaras.core.access import NOTHING, READ, WRITE, Grants, policy


def _own(field: str):
    def rule(grants: Grants) -> Q:
        return NOTHING if grants.is_anonymous else Q(**{field: grants.user_id})

    return rule


for _action in (READ, WRITE):
    policy("notifications.notification", _action)(_own("recipient_id"))
    policy("notifications.notificationpreference", _action)(_own("user_id"))
