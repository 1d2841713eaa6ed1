import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from selaras.plans import services
from selaras.plans.errors import PlanLocked, TransitionNotAllowed
from selaras.plans.models import PlanStatus
from selaras.plans.workflow import TRANSITIONS
from tests.plans.conftest import activity_data


def _submitted(plans, cast, reference):
    services.activity_create(plan=plans.plan_a, by=cast.planner_a, data=activity_data(reference, plans.affair))
    return services.plan_transition(plan=plans.plan_a, action="submit", by=cast.planner_a)


# Every transition from every status, by every member of the cast:
# (action, from status) -> the cast members allowed to make it.
ALLOWED = {
    ("submit", PlanStatus.DRAFT): {"admin", "planner_a"},
    ("submit", PlanStatus.RETURNED): {"admin", "planner_a"},
    ("start_review", PlanStatus.SUBMITTED): {"admin", "coordinator"},
    ("return", PlanStatus.SUBMITTED): {"admin", "coordinator"},
    ("return", PlanStatus.IN_REVIEW): {"admin", "coordinator"},
    ("endorse", PlanStatus.IN_REVIEW): {"admin", "coordinator"},
    ("start_implementation", PlanStatus.ENDORSED): {"admin", "planner_a"},
    ("close", PlanStatus.IN_IMPLEMENTATION): {"admin", "coordinator"},
}
MEMBERS = ["admin", "coordinator", "planner_a", "planner_b", "officer_jateng", "officer_papua", "viewer"]


@pytest.mark.parametrize("action", sorted(TRANSITIONS))
@pytest.mark.parametrize("status", [s.value for s in PlanStatus])
@pytest.mark.parametrize("member", MEMBERS)
def test_transition_matrix(plans, cast, reference, action, status, member):
    services.activity_create(plan=plans.plan_a, by=cast.planner_a, data=activity_data(reference, plans.affair))
    plan = plans.plan_a
    plan.status = status
    plan.save()
    user = getattr(cast, member)
    allowed = member in ALLOWED.get((action, status), set())
    if allowed:
        done = services.plan_transition(plan=plan, action=action, by=user, comment="catatan perbaikan")
        assert done.status == TRANSITIONS[action].target
        assert done.transitions.last().by == user
    else:
        with pytest.raises((TransitionNotAllowed, PermissionDenied)):
            services.plan_transition(plan=plan, action=action, by=user, comment="catatan perbaikan")
        plan.refresh_from_db()
        assert plan.status == status


def test_submitting_freezes_a_revision_with_the_content(plans, cast, reference):
    plan = _submitted(plans, cast, reference)
    assert plan.revision == 1
    revision = plan.revisions.get(number=1)
    (activity,) = revision.snapshot["activities"].values()
    assert activity["title"] == "Pelatihan kader Posyandu"
    assert activity["locations"]["33.02"]["budget"] == "200000000"
    assert plan.transitions.get().revision == 1


def test_it_refuses_to_submit_an_empty_plan(plans, cast):
    with pytest.raises(ValidationError):
        services.plan_transition(plan=plans.plan_a, action="submit", by=cast.planner_a)


def test_returning_needs_a_comment(plans, cast, reference):
    _submitted(plans, cast, reference)
    with pytest.raises(ValidationError):
        services.plan_transition(plan=plans.plan_a, action="return", by=cast.coordinator, comment="  ")


def test_submitted_plan_content_is_locked(plans, cast, reference):
    plan = _submitted(plans, cast, reference)
    with pytest.raises(PlanLocked):
        services.activity_create(plan=plan, by=cast.planner_a, data=activity_data(reference))


def test_endorsed_plan_is_locked_even_for_its_owner(plans, cast, reference):
    plan = _submitted(plans, cast, reference)
    for action in ("start_review", "endorse"):
        plan = services.plan_transition(plan=plan, action=action, by=cast.coordinator)
    activity = plan.activities.get()
    with pytest.raises(PlanLocked):
        services.activity_update(
            activity=activity, by=cast.planner_a, data=activity_data(reference), expected_version=activity.version
        )


def test_returned_plan_can_be_revised_and_resubmitted(plans, cast, reference):
    plan = _submitted(plans, cast, reference)
    plan = services.plan_transition(plan=plan, action="return", by=cast.coordinator, comment="Lokasi belum lengkap")
    activity = plan.activities.get()
    services.activity_update(
        activity=activity,
        by=cast.planner_a,
        expected_version=activity.version,
        data=activity_data(reference, plans.affair, title="Pelatihan kader Posyandu dan bidan desa"),
    )
    plan = services.plan_transition(plan=plan, action="submit", by=cast.planner_a)
    assert plan.revision == 2
    assert [t.action for t in plan.transitions.all()] == ["submit", "return", "submit"]


def test_planner_cannot_create_a_plan_for_another_ministry(plans, cast, reference):
    with pytest.raises(PermissionDenied):
        services.plan_create(cycle=plans.cycle, owner=reference.ministry_b, by=cast.planner_a)


def test_location_budgets_must_add_up(plans, cast, reference):
    from decimal import Decimal

    from selaras.plans.services import LocationData

    data = activity_data(reference, locations=[LocationData(reference.banyumas, Decimal("1000"))])
    with pytest.raises(ValidationError) as err:
        services.activity_create(plan=plans.plan_a, by=cast.planner_a, data=data)
    assert "tidak sama" in str(err.value)
    assert not plans.plan_a.activities.exists()
