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

from selaras.core.access import EVERYTHING, NOTHING, READ, WRITE, Grants, RoleName, allows, any_of, create_check, policy
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
    located = [loc.region.code for loc in activity.locations.select_related("region")]
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
    # Read from the database: the activity in hand may carry a stale plan.
    plans = type(activity.plan)._default_manager.filter(pk=activity.plan_id)
    if not plans.exclude(status="draft").exists() or not allows(g, READ, activity):
        return False
    # A region does not flag its own government's plan: it edits it.
    owned = plan_owner_q(g)
    if owned != NOTHING and plans.filter(owned).exists():
        return False
    return speaking_region(g, activity) is not None
