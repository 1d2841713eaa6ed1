"""The permission layer names any action: a policy registered for a verb
answers `restrict` and `can`; a create check answers `can_create`; asking
about an action nobody registered fails loudly."""

import pytest
from django.db.models import Q

from selaras.core import access
from selaras.core.access import NOTHING, RoleName

INSPECT = "inspect_for_test"


@pytest.fixture
def inspect_policy():
    """Planners may `inspect` the agencies they plan for; nobody else."""

    def rule(grants):
        ids = grants.agency_ids(RoleName.PLANNER)
        return Q(pk__in=sorted(ids)) if ids else NOTHING

    access.policy("registry.agency", INSPECT)(rule)
    yield rule
    del access._POLICIES[("registry.agency", INSPECT)]


@pytest.fixture
def unit_create_check():
    previous = access._CREATE_CHECKS.pop("registry.agency", None)
    access.create_check("registry.agency")(
        lambda grants, *, parent=None: parent is not None and grants.has_role("planner")
    )
    yield
    del access._CREATE_CHECKS["registry.agency"]
    if previous is not None:
        access._CREATE_CHECKS["registry.agency"] = previous


def test_restrict_with_a_custom_action_keeps_only_what_its_policy_allows(reference, cast, inspect_policy):
    from selaras.registry.models import Agency

    seen = set(access.restrict(Agency.objects.all(), cast.planner_a, INSPECT))
    assert seen == {reference.ministry_a, reference.ministry_a_unit}
    assert not access.restrict(Agency.objects.all(), cast.coordinator, INSPECT).exists()


def test_can_with_a_custom_action_answers_for_one_record(reference, cast, inspect_policy):
    assert access.can(cast.planner_a, INSPECT, reference.ministry_a_unit)
    assert not access.can(cast.planner_a, INSPECT, reference.ministry_b)
    assert not access.can(None, INSPECT, reference.ministry_a)


def test_it_raises_no_policy_for_an_action_nobody_registered(reference, cast):
    from selaras.registry.models import Agency

    with pytest.raises(access.NoPolicy, match=r"registry\.Agency / fly"):
        access.restrict(Agency.objects.all(), cast.admin, "fly")
    with pytest.raises(access.NoPolicy):
        access.can(cast.admin, "fly", reference.ministry_a)


def test_holds_any_answers_from_grants_alone(cast, inspect_policy):
    from selaras.registry.models import Agency

    assert access.holds_any(cast.planner_a, INSPECT, Agency)
    assert not access.holds_any(cast.viewer, INSPECT, Agency)


def test_can_create_asks_the_registered_check_with_its_context(reference, cast, unit_create_check):
    from selaras.registry.models import Agency

    assert access.can_create(cast.planner_a, Agency, parent=reference.ministry_a)
    assert not access.can_create(cast.planner_a, Agency)
    assert not access.can_create(cast.viewer, Agency, parent=reference.ministry_a)
    assert not access.can_create(None, Agency, parent=reference.ministry_a)


def test_can_create_without_a_check_is_for_national_administrators_only(cast):
    from selaras.accounts.models import Membership

    assert access.can_create(cast.admin, Membership)
    assert not access.can_create(cast.coordinator, Membership)


def test_every_policy_lives_in_an_apps_policies_module():
    modules = {func.__module__ for func in access._POLICIES.values()}
    modules |= {func.__module__ for func in access._CREATE_CHECKS.values()}
    assert all(m.endswith(".policies") for m in modules), sorted(modules)


# --- the domain actions ------------------------------------------------------


def test_a_coordinator_coordinates_only_its_own_unit(reference, cast):
    from selaras.plans.models import Programme
    from selaras.plans.policies import COORDINATE

    assert access.can(cast.coordinator, COORDINATE, reference.supd4)
    assert not access.can(cast.coordinator, COORDINATE, reference.ministry_a)
    assert access.can_create(cast.coordinator, Programme)  # the "new programme" button
    assert access.can_create(cast.coordinator, Programme, coordinator=reference.supd4)
    assert not access.can_create(cast.coordinator, Programme, coordinator=reference.ministry_a)
    assert not access.can_create(cast.coordinator, Programme, coordinator=None)
    assert not access.can_create(cast.planner_a, Programme)


def test_plan_for_gives_planners_their_agencies_and_officers_their_regions(reference, cast):
    from selaras.plans.models import Plan
    from selaras.plans.policies import PLAN_FOR
    from selaras.registry.models import Agency

    agencies = Agency.objects.all()
    assert set(access.restrict(agencies, cast.planner_a, PLAN_FOR)) == {reference.ministry_a, reference.ministry_a_unit}
    assert set(access.restrict(agencies, cast.officer_jateng, PLAN_FOR)) == {reference.pemprov_jateng}
    assert not access.restrict(agencies, cast.coordinator, PLAN_FOR).exists()
    assert access.can_create(cast.officer_jateng, Plan, owner=reference.pemprov_jateng)
    assert not access.can_create(cast.officer_papua, Plan, owner=reference.pemprov_jateng)


def test_regional_officers_create_regional_plans_only_inside_their_region(reference, cast):
    from selaras.plans.models import RegionalPlan

    assert access.can_create(cast.officer_jateng, RegionalPlan, region=reference.banyumas)
    assert not access.can_create(cast.officer_jateng, RegionalPlan, region=reference.jayapura)
    assert not access.can_create(cast.officer_jateng, RegionalPlan)  # the read-only API asks without one
    assert access.can_create(cast.admin, RegionalPlan, region=reference.jayapura)


def test_a_jobs_starter_may_rerun_it_but_only_administrators_read_its_detail(reference, cast):
    from selaras.core.models import Job
    from selaras.core.policies import READ_DETAIL, RERUN

    job = Job.objects.create(kind="demo.count", started_by=cast.planner_a)
    assert access.can(cast.planner_a, RERUN, job)
    assert not access.can(cast.planner_b, RERUN, job)
    assert not access.can(cast.planner_a, READ_DETAIL, job)
    assert access.can(cast.admin, READ_DETAIL, job) and access.can(cast.admin, RERUN, job)


def test_only_administrators_may_grant_memberships(reference, cast):
    from django.core.exceptions import ValidationError

    from selaras.accounts.models import Membership
    from selaras.accounts.services import membership_grant

    assert access.can_create(cast.admin, Membership)
    assert not access.can_create(cast.coordinator, Membership)
    with pytest.raises(ValidationError):
        membership_grant(user=cast.viewer, role="planner", agency=reference.ministry_a, by=cast.coordinator)
