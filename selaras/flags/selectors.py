"""Reads of flags, through the permission layer."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet

from selaras.core.access import READ, WRITE, can, can_create, grants_for, restrict
from selaras.flags.models import Flag, FlagMessage
from selaras.flags.policies import COORDINATE, RESPOND, raisable
from selaras.plans.models import Activity, Plan


def flags_for(user) -> QuerySet[Flag]:
    return restrict(Flag.objects.all(), user, READ).select_related(
        "activity__plan__owner", "activity__plan__cycle__programme", "region", "author"
    )


def plan_flags(user, plan: Plan) -> QuerySet[Flag]:
    return flags_for(user).filter(activity__plan=plan)


def flag_detail(user, pk: int) -> Flag:
    """The flag if readable (else `Flag.DoesNotExist`, as if it did not exist)."""
    return flags_for(user).get(pk=pk)


def flag_messages(user, flag: Flag) -> QuerySet[FlagMessage]:
    return restrict(FlagMessage.objects.filter(flag=flag), user, READ).select_related("author")


def flaggable_activities(user, plan: Plan) -> list[Activity]:
    """The plan's activities this user may flag (none for whoever is not a
    regional officer of a region where they land)."""
    grants = grants_for(user)
    if not grants.region_codes("regional") or not can_create(user, Flag):
        return []
    return raisable(grants, list(restrict(Activity.objects.filter(plan=plan), user, READ).order_by("position", "pk")))


def flaggable_activity(user, pk: int) -> Activity:
    """The activity if this user may flag it (else `Activity.DoesNotExist`,
    the same answer as for an activity that does not exist)."""
    activity = restrict(Activity.objects.select_related("plan__cycle__programme", "plan__owner"), user, READ).get(pk=pk)
    if not can_create(user, Flag, activity=activity):
        raise Activity.DoesNotExist
    return activity


@dataclass(frozen=True)
class FlagPermissions:
    reply: bool
    withdraw: bool
    answer: bool
    close: bool
    make_finding: bool


def flag_permissions(user, flag: Flag) -> FlagPermissions:
    """What the flag page offers this user (the services check again)."""
    author_side = can(user, WRITE, flag)
    coordinates = can(user, COORDINATE, flag)
    return FlagPermissions(
        reply=author_side,
        withdraw=author_side,
        answer=can(user, RESPOND, flag),
        close=author_side or coordinates,
        make_finding=coordinates and flag.finding_raised_at is None,
    )
