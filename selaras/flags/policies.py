"""Access policies for flags, registered into the one permission layer.

Who sees a flag: the regional officers of its region (the author's), the
owning agency's planners and the plan's coordinators. Actions:
- `write`: the author's side of the thread (reply, close, withdraw), while
  the flag is open or answered;
- `respond`: answering it, by the owning agency's planners and the
  coordinators, while open or answered;
- `coordinate`: the coordinators' actions (close it, make it a finding).
Raising one (`can_create(user, Flag, activity=…)`) is for a regional officer
on a submitted central activity located in their region.
"""

from __future__ import annotations

from django.db.models import Q

from selaras.core.access import (
    EVERYTHING,
    NOTHING,
    READ,
    WRITE,
    Grants,
    RoleName,
    any_of,
    create_check,
    policy,
    policy_for,
)
from selaras.plans.policies import plan_coordinator_q, plan_owner_q

RESPOND = "respond"
COORDINATE = "coordinate"
_ACTIVE = Q(status__in=("open", "answered"))


def _owners(g: Grants, prefix: str) -> Q:
    owned = g.agency_ids(RoleName.PLANNER)
    return Q(**{f"{prefix}activity__plan__owner_id__in": sorted(owned)}) if owned else NOTHING


def flag_read_q(g: Grants, prefix: str = "") -> Q:
    if g.is_admin:
        return EVERYTHING
    if g.is_anonymous:
        return NOTHING
    return any_of(
        [
            g.region_q(f"{prefix}region__code", RoleName.REGIONAL),
            _owners(g, prefix),
            plan_coordinator_q(g, f"{prefix}activity__plan__"),
        ]
    )


def _write(g: Grants) -> Q:
    if g.is_anonymous:
        return NOTHING
    return _ACTIVE if g.is_admin else Q(author_id=g.user_id) & _ACTIVE


def _respond(g: Grants) -> Q:
    if g.is_admin:
        return _ACTIVE
    answering = any_of([_owners(g, ""), plan_coordinator_q(g, "activity__plan__")])
    return NOTHING if answering == NOTHING else answering & _ACTIVE


def _coordinate(g: Grants) -> Q:
    if g.is_admin:
        return _ACTIVE
    coordinated = plan_coordinator_q(g, "activity__plan__")
    return NOTHING if coordinated == NOTHING else coordinated & _ACTIVE


policy("flags.flag", READ)(flag_read_q)
policy("flags.flag", WRITE)(_write)
policy("flags.flag", RESPOND)(_respond)
policy("flags.flag", COORDINATE)(_coordinate)
policy("flags.flagmessage", READ)(lambda g: flag_read_q(g, "flag__"))
# The thread is written only by the flag services, never edited.
policy("flags.flagmessage", WRITE)(lambda g: NOTHING)


def speaking_region(g: Grants, activity) -> str | None:
    """The code of the user's region scope in which `activity` lands, if any
    (the region the flag speaks for)."""
    return _speaking(g, [loc.region.code for loc in activity.locations.select_related("region")])


def _speaking(g: Grants, located: list[str]) -> str | None:
    for code in sorted(g.region_codes(RoleName.REGIONAL)):
        if any(c == code or c.startswith(f"{code}.") for c in located):
            return code
    return None


@create_check("flags.flag")
def _may_raise(g: Grants, activity=None, **context) -> bool:
    if g.is_anonymous or not g.region_codes(RoleName.REGIONAL):
        return False
    if activity is None:
        return True  # the coarse question: a regional officer may flag something
    return bool(raisable(g, [activity]))


def raisable(g: Grants, activities: list) -> list:
    """The activities among these on which a flag may be raised with these
    grants, in four queries whatever their number (a plan's page asks it of
    every activity): a submitted central activity the user reads, located in
    their region, and not of their own government's plan (which they edit)."""
    if g.is_anonymous or not g.region_codes(RoleName.REGIONAL) or not activities:
        return []
    activity_model = type(activities[0])
    plan_model = activity_model._meta.get_field("plan").related_model
    # Read from the database: the activities in hand may carry stale plans.
    plans = plan_model._default_manager.filter(pk__in={a.plan_id for a in activities}).exclude(status="draft")
    owned = plan_owner_q(g)
    if owned != NOTHING:
        plans = plans.exclude(owned)
    open_plans = set(plans.values_list("pk", flat=True))
    ids = [a.pk for a in activities if a.plan_id in open_plans]
    readable = activity_model._default_manager.filter(pk__in=ids).filter(policy_for(activity_model, READ)(g))
    located: dict[int, list[str]] = {pk: [] for pk in readable.values_list("pk", flat=True)}
    locations = activity_model._meta.get_field("locations").related_model
    for pk, code in locations._default_manager.filter(activity_id__in=list(located)).values_list(
        "activity_id", "region__code"
    ):
        located[pk].append(code)
    return [a for a in activities if a.pk in located and _speaking(g, located[a.pk]) is not None]
