"""A cooperation programme coordinated by SUPD IV with UNICEF, a 2024 cycle,
and a draft plan of each ministry in the cast."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import pytest


@dataclass
class PlanSet:
    programme: object
    cycle: object
    plan_a: object
    plan_b: object
    affair: object


@pytest.fixture
def plans(cast, reference) -> PlanSet:
    from selaras.plans.models import Cycle, Plan, Programme, ProgrammeKind
    from selaras.registry.models import Affair, AffairLevel

    field = Affair.objects.create(code="1.02", name="Kesehatan", level=AffairLevel.FIELD)
    affair = Affair.objects.create(code="1.02.01", name="Upaya Kesehatan", level=AffairLevel.SUB, parent=field)
    programme = Programme.objects.create(
        code="RI-UNICEF-2021",
        name="Program Kerja Sama RI–UNICEF 2021–2025",
        kind=ProgrammeKind.COOPERATION,
        coordinator=reference.supd4,
        partner=reference.unicef,
        start_year=2021,
        end_year=2025,
        partner_currency="USD",
    )
    programme.loci.set([reference.jateng, reference.papua])
    cycle = Cycle.objects.create(programme=programme, year=2024)
    plan_a = Plan.objects.create(cycle=cycle, owner=reference.ministry_a, title="RKT Kemenkes 2024")
    plan_b = Plan.objects.create(cycle=cycle, owner=reference.ministry_b, title="RKT Kemendikdasmen 2024")
    return PlanSet(programme, cycle, plan_a, plan_b, affair)


def activity_data(reference, affair=None, title="Pelatihan kader Posyandu", budget="300000000", locations=None):
    from selaras.plans.services import ActivityData, IndicatorData, LocationData

    if locations is None:
        locations = [
            LocationData(reference.banyumas, Decimal("200000000")),
            LocationData(reference.cilacap, Decimal("100000000")),
        ]
    return ActivityData(
        title=title,
        funding_source="partner",
        budget=Decimal(budget),
        affair=affair,
        quarters=[2, 3],
        executing_level="kabkota",
        locations=locations,
        indicators=[IndicatorData("Kader terlatih", "orang", Decimal("0"), Decimal("120"))],
    )
