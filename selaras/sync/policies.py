"""Access policies for synchronisation records, registered into the one
permission layer. A finding, review note or letter is visible to whoever may
read its plan; findings about a whole cycle (coverage, deadlines) to the
cycle's coordinators. Reviews and letters are written by the plan's
coordinators; an issued letter by nobody.

Actions beyond read and write: `respond` to an issued letter or one of its
points (the planners of the plan's owner). The create check for a check run
asks `run_check` of its plan or cycle; a national run is for national
coordinators."""

from __future__ import annotations

from django.db.models import Q

from selaras.core.access import EVERYTHING, NOTHING, READ, WRITE, Grants, RoleName, allows, create_check, policy
from selaras.plans.policies import RUN_CHECK, plan_coordinator_q, plan_owner_q, plan_read_q

RESPOND = "respond"


def _finding_read(g: Grants) -> Q:
    if g.is_admin:
        return EVERYTHING
    if g.is_anonymous:
        return NOTHING
    cycle_level = Q(plan__isnull=True)
    coordinated = NOTHING
    if g.is_national(RoleName.COORDINATOR, RoleName.VIEWER):
        coordinated = cycle_level
    elif g.agency_ids(RoleName.COORDINATOR):
        coordinated = cycle_level & Q(cycle__programme__coordinator_id__in=g.agency_ids(RoleName.COORDINATOR))
    return (Q(plan__isnull=False) & plan_read_q(g, "plan__")) | coordinated


def _not_about_a_draft(prefix: str = "") -> Q:
    # A planner's own check of its draft stays with the planner until submitted.
    return Q(**{f"{prefix}plan__isnull": True}) | ~Q(**{f"{prefix}plan__status": "draft"})


def _finding_write(g: Grants) -> Q:
    if g.is_admin:
        return EVERYTHING
    if g.is_national(RoleName.COORDINATOR):
        return _not_about_a_draft()
    ids = g.agency_ids(RoleName.COORDINATOR)
    return Q(cycle__programme__coordinator_id__in=ids) & _not_about_a_draft() if ids else NOTHING


policy("sync.finding", READ)(_finding_read)
policy("sync.finding", WRITE)(_finding_write)


@policy("sync.checkrun", READ)
def _run_read(g: Grants) -> Q:
    if g.is_admin:
        return EVERYTHING
    if g.is_anonymous:
        return NOTHING
    ids = g.agency_ids(RoleName.COORDINATOR)
    own = Q(started_by_id=g.user_id)
    if g.is_national(RoleName.COORDINATOR, RoleName.VIEWER):
        own |= _not_about_a_draft()
    if ids:
        own |= Q(cycle__programme__coordinator_id__in=ids) | (
            Q(plan__cycle__programme__coordinator_id__in=ids) & _not_about_a_draft()
        )
    return own | (Q(plan__isnull=False) & plan_read_q(g, "plan__"))


policy("sync.checkrun", WRITE)(lambda g: NOTHING)

policy("sync.reviewnote", READ)(lambda g: plan_read_q(g, "plan__") if not g.is_anonymous else NOTHING)
policy("sync.reviewnote", WRITE)(lambda g: plan_coordinator_q(g, "plan__"))


@policy("sync.recommendation", READ)
def _letter_read(g: Grants) -> Q:
    if g.is_anonymous:
        return NOTHING
    # The addressee reads a letter once issued; drafts stay with coordinators.
    coordinated = plan_coordinator_q(g, "plan__")
    if coordinated == EVERYTHING:
        # `X | Q()` is X in Django: an empty Q must not be OR-ed away.
        return EVERYTHING
    return (Q(status="issued") & plan_read_q(g, "plan__")) | coordinated


policy("sync.recommendation", WRITE)(
    lambda g: plan_coordinator_q(g, "plan__") & Q(status="draft") if not g.is_anonymous else NOTHING
)


@policy("sync.recommendationpoint", READ)
def _point_read(g: Grants) -> Q:
    if g.is_anonymous:
        return NOTHING
    coordinated = plan_coordinator_q(g, "recommendation__plan__")
    if coordinated == EVERYTHING:
        return EVERYTHING
    return (Q(recommendation__status="issued") & plan_read_q(g, "recommendation__plan__")) | coordinated


policy("sync.recommendationpoint", WRITE)(
    lambda g: (
        plan_coordinator_q(g, "recommendation__plan__") & Q(recommendation__status="draft")
        if not g.is_anonymous
        else NOTHING
    )
)


@policy("sync.rulesetting", READ)
def _setting_read(g: Grants) -> Q:
    return NOTHING if g.is_anonymous else EVERYTHING


policy("sync.rulesetting", WRITE)(lambda g: EVERYTHING if g.is_admin else NOTHING)


policy("sync.recommendation", RESPOND)(lambda g: Q(status="issued") & plan_owner_q(g, "plan__"))
policy("sync.recommendationpoint", RESPOND)(
    lambda g: Q(recommendation__status="issued") & plan_owner_q(g, "recommendation__plan__")
)


@create_check("sync.checkrun")
def _run_create(g: Grants, *, plan=None, cycle=None) -> bool:
    if g.is_admin:
        return True
    if plan is not None:
        return allows(g, RUN_CHECK, plan)
    if cycle is not None:
        return allows(g, RUN_CHECK, cycle)
    return g.is_national(RoleName.COORDINATOR)
