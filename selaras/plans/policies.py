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

Actions beyond read and write:
- `own` a plan: act for its owner whatever the status (submit, respond);
- `coordinate` a plan (review, return, endorse: a readable plan of a
  programme the user's unit coordinates), a programme or a cycle, or an
  agency (run programmes coordinated by that unit);
- `run_check` on a plan (its owner, even a draft; its coordinators once
  submitted) or a cycle (its coordinators);
- `plan_for` an agency: create plans owned by it.
Create checks: a programme (with the unit that would coordinate it), a plan
(with its owner) and a regional plan (with its region).
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
    allows,
    any_of,
    create_check,
    policy,
)

OWN = "own"
COORDINATE = "coordinate"
RUN_CHECK = "run_check"
PLAN_FOR = "plan_for"

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
    return any_of(parts)


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
    return any_of(parts)


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


# ---------------------------------------------------------------------------
# Actions beyond read and write.
# ---------------------------------------------------------------------------
policy("plans.plan", OWN)(plan_owner_q)


@policy("plans.plan", COORDINATE)
def _plan_coordinate(grants: Grants) -> Q:
    # A coordinator never acts on a plan it may not read (a draft).
    coordinated = plan_coordinator_q(grants)
    return NOTHING if coordinated == NOTHING else plan_read_q(grants) & coordinated


@policy("plans.plan", RUN_CHECK)
def _plan_run_check(grants: Grants) -> Q:
    # The owner checks its own plan (a draft too, before submitting); a
    # coordinator the submitted plans of its programmes.
    if grants.is_admin:
        return EVERYTHING
    write = plan_write_q(grants)
    coordinated = plan_coordinator_q(grants)
    submitted = NOTHING if coordinated == NOTHING else ~Q(status=_DRAFT) & coordinated
    if write == NOTHING or submitted == NOTHING:
        return submitted if write == NOTHING else write
    return write | submitted


policy("plans.programme", COORDINATE)(_programme_write)
policy("plans.cycle", COORDINATE)(lambda g: _programme_write(g, "programme__"))
policy("plans.cycle", RUN_CHECK)(lambda g: _programme_write(g, "programme__"))


@policy("registry.agency", COORDINATE)
def _agency_coordinate(grants: Grants) -> Q:
    if grants.is_admin or grants.is_national(RoleName.COORDINATOR):
        return EVERYTHING
    ids = grants.agency_ids(RoleName.COORDINATOR)
    return Q(pk__in=sorted(ids)) if ids else NOTHING


@policy("registry.agency", PLAN_FOR)
def _agency_plan_for(grants: Grants) -> Q:
    if grants.is_admin:
        return EVERYTHING
    parts: list[Q] = []
    planner_ids = grants.agency_ids(RoleName.PLANNER)
    if planner_ids:
        parts.append(Q(pk__in=sorted(planner_ids)))
    if grants.region_codes(RoleName.REGIONAL):
        parts.append(grants.region_q("region__code", RoleName.REGIONAL))
    return any_of(parts)


@create_check("plans.programme")
def _programme_create(grants: Grants, **context) -> bool:
    if "coordinator" not in context:
        # The coarse question (the "new programme" button).
        return grants.is_admin or grants.has_role(RoleName.COORDINATOR)
    coordinator = context["coordinator"]
    if coordinator is None:
        return grants.is_admin or grants.is_national(RoleName.COORDINATOR)
    return allows(grants, COORDINATE, coordinator)


@create_check("plans.plan")
def _plan_create(grants: Grants, **context) -> bool:
    owner = context.get("owner")
    if owner is None:
        return grants.is_admin or grants.has_role(RoleName.PLANNER) or grants.has_role(RoleName.REGIONAL)
    return allows(grants, PLAN_FOR, owner)


@create_check("plans.regionalplan")
def _regional_plan_create(grants: Grants, **context) -> bool:
    # Creating (importing, replacing) a region's sub-activities for a year.
    if grants.is_admin or grants.is_national(RoleName.COORDINATOR):
        return True
    # Regional officers only with the region named (the read-only API asks
    # without one and must answer 403 to them, as to everyone).
    region = context.get("region")
    return region is not None and grants.covers_region(region.code, RoleName.REGIONAL)
