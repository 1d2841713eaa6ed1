"""Leak-matrix rows for notifications and notification preferences: each
is read and written by its own person only — administrators included.

The rows live here (EXPECTED_NOTIFICATIONS) and are checked against the
same world as tests/permissions/test_leaks.py; that module's
`test_every_registered_kind_has_rows` wants them merged into its EXPECTED."""

from __future__ import annotations

import pytest

from selaras.core.access import READ, WRITE, can, restrict
from selaras.notifications.models import Notification, NotificationKind, NotificationPreference
from tests.permissions.test_leaks import MEMBERS, only

NOTIFICATION_OWNERS = {"admin": "note_admin", "planner_a": "note_planner_a", "officer_papua": "note_officer_papua"}
PREFERENCE_OWNERS = {"planner_a": "pref_planner_a", "coordinator": "pref_coordinator"}

EXPECTED_NOTIFICATIONS = {
    (label, action): only(**{member: {name} for member, name in owners.items()})
    for label, owners in (
        ("notifications.notification", NOTIFICATION_OWNERS),
        ("notifications.notificationpreference", PREFERENCE_OWNERS),
    )
    for action in (READ, WRITE)
}


@pytest.fixture
def notes(world) -> dict[str, dict[str, object]]:
    records = {
        "notifications.notification": {
            name: Notification.objects.create(
                recipient=world.users[member], kind=NotificationKind.JOB_SUCCEEDED, key=name, params={"job": name}
            )
            for member, name in NOTIFICATION_OWNERS.items()
        },
        "notifications.notificationpreference": {
            name: NotificationPreference.objects.create(user=world.users[member], kind=NotificationKind.PLAN_RETURNED)
            for member, name in PREFERENCE_OWNERS.items()
        },
    }
    return records


def _name(records, pk) -> str:
    return next(name for name, record in records.items() if record.pk == pk)


@pytest.mark.parametrize("label,action", sorted(EXPECTED_NOTIFICATIONS))
def test_each_member_sees_exactly_their_own(world, notes, label, action):
    records = notes[label]
    model = next(iter(records.values()))._meta.model
    mismatches = {}
    for member in MEMBERS:
        user = world.users[member]
        seen = {_name(records, pk) for pk in restrict(model.objects.all(), user, action).values_list("pk", flat=True)}
        allowed = {name for name, record in records.items() if can(user, action, record)}
        expected = EXPECTED_NOTIFICATIONS[(label, action)][member]
        if seen != expected or allowed != expected:
            mismatches[member] = {"restrict": seen, "can": allowed, "expected": expected}
    assert mismatches == {}
