"""Reads for notifications: a person's list and unread count, their
preferences, and who is to be told about an event (always filtered by what
each candidate may read)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import models
from django.db.models import Q

from selaras.core import access
from selaras.core.access import READ, RoleName
from selaras.notifications.models import EMAIL_BY_DEFAULT, Notification, NotificationKind, NotificationPreference
from selaras.plans.policies import COORDINATE, OWN


def notifications_for(user) -> models.QuerySet[Notification]:
    """The person's notifications shown in the app, newest first."""
    return access.restrict(Notification.objects.filter(shown=True), user, READ)


def unread_count(user) -> int:
    """One COUNT for the bell."""
    if not getattr(user, "is_authenticated", False):
        return 0
    return Notification.objects.filter(recipient_id=user.pk, shown=True, read_at__isnull=True).count()


@dataclass(frozen=True)
class Preference:
    kind: str
    label: str
    in_app: bool
    email: bool


def default_preference(kind: str) -> tuple[bool, bool]:
    return True, kind in EMAIL_BY_DEFAULT


def preferences(user) -> list[Preference]:
    """Every kind of event with the person's choice (or the default)."""
    chosen = {p.kind: (p.in_app, p.email) for p in NotificationPreference.objects.filter(user_id=user.pk)}
    return [
        Preference(kind, label, *chosen.get(kind, default_preference(kind))) for kind, label in NotificationKind.choices
    ]


def preferences_of(users: Iterable, kind: str) -> dict[int, tuple[bool, bool]]:
    """(in app, e-mail) per user id for one kind, in one query."""
    ids = [u.pk for u in users]
    chosen = {p.user_id: (p.in_app, p.email) for p in NotificationPreference.objects.filter(user_id__in=ids, kind=kind)}
    return {pk: chosen.get(pk, default_preference(kind)) for pk in ids}


# --- who is told ---------------------------------------------------------------


def _members(q: Q):
    User = get_user_model()
    return User.objects.filter(is_active=True, memberships__is_active=True).filter(q).distinct().order_by("pk")


def _may(users, action: str, obj: models.Model) -> list:
    # The permission layer decides, person by person: never tell someone
    # about a record they may not read (nor act on, for owners/coordinators).
    return [u for u in users if access.can(u, READ, obj) and access.can(u, action, obj)]


def _agency_and_ancestors(agency) -> list[int]:
    ids = []
    while agency is not None:
        ids.append(agency.pk)
        agency = agency.parent
    return ids


def plan_owners(plan) -> list:
    """The planners acting for the plan's owner (an agency scope covers its
    units; a regional officer acts for the governments of their region)."""
    owner = plan.owner
    q = Q(memberships__role=RoleName.PLANNER, memberships__agency_id__in=_agency_and_ancestors(owner))
    region = getattr(owner, "region", None)
    if region is not None:
        prefixes = [region.code[:i] for i in range(1, len(region.code) + 1) if region.code[i : i + 1] in ("", ".")]
        q |= Q(memberships__role=RoleName.REGIONAL, memberships__region__code__in=prefixes)
    return _may(_members(q), OWN, plan)


def plan_coordinators(plan) -> list:
    """The coordinators who may review the plan (its programme's unit and
    the units above it, and national coordinators)."""
    coordinator = plan.cycle.programme.coordinator
    q = Q(memberships__role=RoleName.COORDINATOR, memberships__agency__isnull=True, memberships__region__isnull=True)
    if coordinator is not None:
        q |= Q(memberships__role=RoleName.COORDINATOR, memberships__agency_id__in=_agency_and_ancestors(coordinator))
    return _may(_members(q), COORDINATE, plan)


def meeting_coordinators(meeting) -> list:
    """Who runs the meeting: national coordinators, the programme's
    coordinating unit (and the units above it), the organiser's coordinators
    and planners — each only if the permission layer lets them coordinate it."""
    from selaras.meetings.policies import COORDINATE as COORDINATE_MEETING

    q = Q(memberships__role=RoleName.COORDINATOR, memberships__agency__isnull=True, memberships__region__isnull=True)
    q |= Q(
        memberships__role__in=(RoleName.COORDINATOR, RoleName.PLANNER),
        memberships__agency_id__in=_agency_and_ancestors(meeting.organiser),
    )
    if meeting.programme_id and meeting.programme.coordinator_id:
        q |= Q(
            memberships__role=RoleName.COORDINATOR,
            memberships__agency_id__in=_agency_and_ancestors(meeting.programme.coordinator),
        )
    return _may(_members(q), COORDINATE_MEETING, meeting)


def readers(users: Iterable, obj: models.Model) -> list:
    return [u for u in users if u is not None and u.is_active and access.can(u, READ, obj)]
