"""The plans demo step: real reference codes, the 2024 agencies, statuses
reached through the workflow, and a second run that changes nothing."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from selaras.audit.models import AuditEntry
from selaras.plans.demo import DEKON_CODE, TP_CODE, UNICEF_CODE
from selaras.plans.models import Activity, Plan, PlanRevision, Programme, RegionalPlan, RegionalSubActivity

STEPS = ["--only", "accounts.users", "--only", "plans.programmes"]


@pytest.fixture
def demo(db):
    call_command("load_reference", stdout=io.StringIO())
    call_command("demo_data", *STEPS, stdout=io.StringIO())


def _state():
    return (
        sorted(Plan.objects.values_list("cycle__programme__code", "owner__code", "status", "revision", "version")),
        Activity.objects.count(),
        RegionalSubActivity.objects.count(),
        AuditEntry.objects.count(),
    )


def test_a_second_run_changes_nothing(demo):
    before = _state()
    out = io.StringIO()
    call_command("demo_data", *STEPS, stdout=out)
    assert "plans.programmes: 0 dibuat" in out.getvalue()
    assert _state() == before


def test_the_unicef_programme_mirrors_the_2024_rakortekpus(demo):
    programme = Programme.objects.get(code=UNICEF_CODE)
    assert programme.coordinator.code == "010.bangda.supd4" and programme.partner.code == "mitra.unicef"
    assert sorted(programme.loci.values_list("code", flat=True)) == [
        "11",
        "33",
        "35",
        "52",
        "53",
        "73",
        "91",
        "92",
        "96",
    ]
    assert programme.participants.count() == 16
    owners = set(
        Plan.objects.filter(cycle__programme=programme, cycle__year=2024).values_list("owner__code", flat=True)
    )
    # 2024 is Kemendikbudristek's year (023), not its 2025 successors.
    assert {"024", "023", "027", "047", "067", "055", "068"} <= owners
    assert not owners & {"138", "139"}


def test_statuses_are_reached_through_the_workflow_with_revisions(demo):
    statuses = set(Plan.objects.values_list("status", flat=True))
    assert {"draft", "submitted", "in_review", "endorsed"} <= statuses
    for plan in Plan.objects.exclude(status="draft"):
        assert plan.transitions.filter(action="submit").exists()
        assert PlanRevision.objects.filter(plan=plan, number=1).exists()
    assert not PlanRevision.objects.filter(plan__status="draft").exists()


def test_activities_carry_budgets_locations_indicators_and_targets(demo):
    partner_activity = Activity.objects.filter(
        plan__cycle__programme__code=UNICEF_CODE, funding_source="partner"
    ).first()
    assert partner_activity.partner_budget > 0
    for activity in Activity.objects.prefetch_related("locations", "indicators"):
        assert activity.indicators.exists(), activity.title
        assert sum(loc.budget for loc in activity.locations.all()) == activity.budget, activity.title
    assert Activity.objects.filter(targets__framework__code="rpjmn-2020-2024").exists()
    assert Activity.objects.filter(targets__framework__code="sdg").exists()


def test_delegation_programmes_are_coordinated_by_adwil(demo):
    for code, scheme in ((DEKON_CODE, "dekonsentrasi"), (TP_CODE, "tugas_pembantuan")):
        programme = Programme.objects.get(code=code)
        assert programme.coordinator.code == "010.adwil.dtpks"
        assert Plan.objects.filter(cycle__programme=programme).values("owner").distinct().count() >= 3
        assert not Activity.objects.filter(plan__cycle__programme=programme).exclude(funding_source=scheme).exists()
        assert not Activity.objects.filter(plan__cycle__programme=programme, recipient__isnull=True).exists()


def test_regional_plans_repeat_some_central_work_in_the_same_district(demo):
    assert RegionalPlan.objects.filter(year=2024, region__parent__code__in=["33", "53", "91"]).count() >= 3
    brebes = RegionalSubActivity.objects.filter(regional_plan__region__code="33.29", name__icontains="Posyandu")
    assert brebes.exists()
    assert Activity.objects.filter(locations__region__code="33.29", title__icontains="Posyandu").exists()
