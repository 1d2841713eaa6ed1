"""Two submitted plans of the RI–UNICEF programme coordinated by SUPD IV:
ministry B's activity lands in Banyumas (Jawa Tengah), ministry A's in Kab.
Jayapura (Papua)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import pytest


@dataclass
class Stage:
    plan_b: object
    activity_jateng: object
    plan_a: object
    activity_papua: object


@pytest.fixture
def stage(cast, reference) -> Stage:
    from selaras.plans import services as plan_services
    from selaras.plans.services import ActivityData, LocationData

    programme = plan_services.programme_create(
        by=cast.coordinator,
        code="RI-UNICEF",
        name="Kerja Sama RI-UNICEF 2021-2025",
        kind="cooperation",
        coordinator=reference.supd4,
        partner=reference.unicef,
        start_year=2021,
        end_year=2025,
        loci=[reference.jateng, reference.papua],
        participants=[reference.ministry_a, reference.ministry_b],
    )
    cycle = plan_services.cycle_open(programme=programme, year=2025, by=cast.coordinator)

    def submitted(owner, by, title, region):
        plan = plan_services.plan_create(cycle=cycle, owner=owner, by=by, title=title)
        activity = plan_services.activity_create(
            plan=plan,
            by=by,
            data=ActivityData(
                title=title,
                funding_source="apbn",
                budget=Decimal("100000000"),
                quarters=(1,),
                locations=[LocationData(region=region, budget=Decimal("100000000"))],
            ),
        )
        return plan_services.plan_transition(plan=plan, action="submit", by=by), activity

    plan_b, activity_jateng = submitted(
        reference.ministry_b, cast.planner_b, "Rehabilitasi sekolah", reference.banyumas
    )
    plan_a, activity_papua = submitted(reference.ministry_a, cast.planner_a, "Pelatihan kader", reference.jayapura)
    return Stage(plan_b, activity_jateng, plan_a, activity_papua)


@pytest.fixture
def flag(stage, cast):
    from selaras.flags import services

    return services.flag_raise(
        activity=stage.activity_jateng, by=cast.officer_jateng, reason="funded", comment="Sudah ada di APBD 2025."
    )
