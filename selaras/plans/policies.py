"""Access policies for plans, registered into the one permission layer
(`selaras.core.access`). Read with the leak matrix in tests/permissions.

Who sees a plan:
- its owner's planners (agency scope, the agency and its units), any status;
- regional officers: plans owned by governments in their region, any status,
  and other plans once submitted when an activity lands in their region;
- coordinators: submitted plans of the programmes their unit coordinates
  (national coordinators: all submitted plans);
- viewers: submitted plans in their scope.
Nobody but the owner sees a draft. Content is written only by the owner
while the plan is editable (draft or returned for revision).
"""

from __future__ import annotations

from functools import reduce
from operator import or_

from django.db.models import Q

from selaras.core.access import EVERYTHING, NOTHING, READ, WRITE, Grants, RoleName, policy

_DRAFT = "draft"
_EDITABLE = ("draft", "returned")


def _located_in(grants: Grants, prefix: str, *roles: str) -> Q:
    from selaras.plans.models import ActivityLocation

    region_q = grants.region_q("region__code", *roles)
    if region_q == NOTHING:
        return NOTHING
    plan_ids = ActivityLocation.objects.filter(region_q).values("activity__plan_id")
    return Q(**{f"{prefix}pk__in": plan_ids})


def plan_read_q(grants: Grants, prefix: str = "") -> Q:
    """Plans (or, with a prefix such as "plan__", their parts) readable."""
    if grants.is_admin:
        return EVERYTHING
    if grants.is_anonymous:
        return NOTHING
    submitted = ~Q(**{f"{prefix}status": _DRAFT})
    owner = plan_owner_q(grants, prefix)
    parts: list[Q] = [] if owner == NOTHING else [owner]
    if grants.is_national(RoleName.COORDINATOR, RoleName.VIEWER):
        parts.append(submitted)
    coordinated = grants.agency_ids(RoleName.COORDINATOR)
    if coordinated:
        parts.append(submitted & Q(**{f"{prefix}cycle__programme__coordinator_id__in": coordinated}))
    viewed = grants.agency_ids(RoleName.VIEWER)
    if viewed:
        parts.append(submitted & Q(**{f"{prefix}owner_id__in": viewed}))
    # A development partner's planners read the plans of the programmes it
    # is the partner of (UNICEF: the RI–UNICEF plans), once submitted.
    partnered = grants.agency_ids(RoleName.PLANNER)
    if partnered:
        parts.append(submitted & Q(**{f"{prefix}cycle__programme__partner_id__in": partnered}))
    located = _located_in(grants, prefix, RoleName.REGIONAL, RoleName.VIEWER, RoleName.COORDINATOR)
    if located != NOTHING:
        parts.append(submitted & located)
    return reduce(or_, parts) if parts else NOTHING


def plan_write_q(grants: Grants, prefix: str = "") -> Q:
    """Plans whose content the user may change: its owner's, and only while
    draft or returned (a submitted plan is frozen, for administrators too)."""
    owner = plan_owner_q(grants, prefix)
    return NOTHING if owner == NOTHING else owner & Q(**{f"{prefix}status__in": _EDITABLE})


def plan_owner_q(grants: Grants, prefix: str = "") -> Q:
    """Plans the user acts for as owner, whatever the status (for workflow
    actions such as submitting)."""
    if grants.is_admin:
        return EVERYTHING
    parts: list[Q] = []
    owned = grants.agency_ids(RoleName.PLANNER)
    if owned:
        parts.append(Q(**{f"{prefix}owner_id__in": owned}))
    if grants.region_codes(RoleName.REGIONAL):
        parts.append(grants.region_q(f"{prefix}owner__region__code", RoleName.REGIONAL))
    return reduce(or_, parts) if parts else NOTHING


def plan_coordinator_q(grants: Grants, prefix: str = "") -> Q:
    """Plans the user coordinates (review, return, endorse)."""
    if grants.is_admin or grants.is_national(RoleName.COORDINATOR):
        return EVERYTHING
    coordinated = grants.agency_ids(RoleName.COORDINATOR)
    if not coordinated:
        return NOTHING
    return Q(**{f"{prefix}cycle__programme__coordinator_id__in": coordinated})


def _member(grants: Grants) -> Q:
    # Programmes and regional plans are shared working records: every
    # signed-in official with a membership reads them.
    if grants.is_admin:
        return EVERYTHING
    has_any = grants.national or grants.agencies or grants.regions
    return EVERYTHING if has_any else NOTHING


def _programme_write(grants: Grants, prefix: str = "") -> Q:
    if grants.is_admin or grants.is_national(RoleName.COORDINATOR):
        return EVERYTHING
    coordinated = grants.agency_ids(RoleName.COORDINATOR)
    return Q(**{f"{prefix}coordinator_id__in": coordinated}) if coordinated else NOTHING


def _regional_plan_write(grants: Grants, prefix: str = "") -> Q:
    if grants.is_admin or grants.is_national(RoleName.COORDINATOR):
        return EVERYTHING
    return grants.region_q(f"{prefix}region__code", RoleName.REGIONAL)


policy("plans.programme", READ)(_member)
policy("plans.programme", WRITE)(_programme_write)
policy("plans.cycle", READ)(_member)
policy("plans.cycle", WRITE)(lambda g: _programme_write(g, "programme__"))

policy("plans.plan", READ)(plan_read_q)
policy("plans.plan", WRITE)(plan_write_q)
for _label in ("plans.activity",):
    policy(_label, READ)(lambda g: plan_read_q(g, "plan__"))
    policy(_label, WRITE)(lambda g: plan_write_q(g, "plan__"))
for _label in ("plans.activitylocation", "plans.indicatortarget"):
    policy(_label, READ)(lambda g: plan_read_q(g, "activity__plan__"))
    policy(_label, WRITE)(lambda g: plan_write_q(g, "activity__plan__"))
for _label in ("plans.plantransition", "plans.planrevision"):
    policy(_label, READ)(lambda g: plan_read_q(g, "plan__"))
    # Frozen history: written only by the workflow services, never edited.
    policy(_label, WRITE)(lambda g: NOTHING)

policy("plans.regionalplan", READ)(_member)
policy("plans.regionalplan", WRITE)(_regional_plan_write)
policy("plans.regionalsubactivity", READ)(_member)
policy("plans.regionalsubactivity", WRITE)(lambda g: _regional_plan_write(g, "regional_plan__"))
