"""Shared data of the review, letter and sync-API tests: a programme of SUPD
IV, two submitted plans with activities, and findings created directly (so
these tests do not depend on the check rules being written alongside).
Each test module wraps `build_review` in its own `review` fixture."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal


@dataclass
class Review:
    programme: object
    cycle: object
    plan_a: object
    plan_b: object
    activity_a: object
    activity_b: object
    f_authority: object
    f_duplication: object
    f_alignment: object


def make_finding(*, key, rule, category, severity, plan, activity, message_id, **extra):
    from selaras.sync.models import Finding

    return Finding.objects.create(
        key=key,
        rule=rule,
        category=category,
        severity=severity,
        plan=plan,
        cycle=plan.cycle,
        activity=activity,
        message_id=message_id,
        message_en=extra.pop("message_en", "EN: " + message_id),
        content_hash=extra.pop("content_hash", "h-" + key),
        **extra,
    )


def build_review(cast, reference) -> Review:
    from selaras.plans.models import Activity, ActivityLocation, Cycle, Plan, Programme, ProgrammeKind
    from selaras.plans.services import plan_transition
    from selaras.registry.models import Affair, AffairLevel

    health = Affair.objects.create(code="1.02", name="Kesehatan", level=AffairLevel.FIELD)
    sub = Affair.objects.create(code="1.02.01", name="Upaya Kesehatan", level=AffairLevel.SUB, parent=health)
    programme = Programme.objects.create(
        code="RI-UNICEF-2021",
        name="Program Kerja Sama RI–UNICEF 2021–2025",
        kind=ProgrammeKind.COOPERATION,
        coordinator=reference.supd4,
        partner=reference.unicef,
        start_year=2021,
        end_year=2025,
    )
    programme.loci.set([reference.jateng, reference.papua])
    cycle = Cycle.objects.create(programme=programme, year=2024)
    plan_a = Plan.objects.create(cycle=cycle, owner=reference.ministry_a, title="RKT Kemenkes 2024")
    plan_b = Plan.objects.create(cycle=cycle, owner=reference.ministry_b, title="RKT Kemendikdasmen 2024")
    activity_a = Activity.objects.create(
        plan=plan_a,
        code="A.1",
        title="Pelatihan kader Posyandu",
        description="Pelatihan 120 kader di dua kabupaten",
        affair=sub,
        funding_source="partner",
        budget=Decimal("300000000"),
    )
    ActivityLocation.objects.create(activity=activity_a, region=reference.banyumas, budget=Decimal("200000000"))
    ActivityLocation.objects.create(activity=activity_a, region=reference.cilacap, budget=Decimal("100000000"))
    activity_b = Activity.objects.create(
        plan=plan_b,
        code="B.7",
        title="Pelatihan Kader Posyandu Terpadu",
        description="Kader posyandu di Banyumas",
        affair=sub,
        funding_source="apbn",
        budget=Decimal("150000000"),
    )
    ActivityLocation.objects.create(activity=activity_b, region=reference.banyumas, budget=Decimal("150000000"))
    plan_a = plan_transition(plan=plan_a, action="submit", by=cast.planner_a)
    plan_b = plan_transition(plan=plan_b, action="submit", by=cast.planner_b)

    f_authority = make_finding(
        key="authority.tp:1",
        rule="authority.tp_regional_affair",
        category="authority",
        severity="error",
        plan=plan_a,
        activity=activity_a,
        region_codes=["33.02"],
        message_id="Tugas pembantuan atas urusan yang sudah menjadi kewenangan kabupaten.",
        citation="PP 19/2022 Pasal 12 huruf g",
    )
    f_duplication = make_finding(
        key="duplication.activity:1",
        rule="duplication.activity",
        category="duplication",
        severity="warning",
        plan=plan_a,
        activity=activity_a,
        other_activity=activity_b,
        region_codes=["33.02"],
        score=0.87,
        message_id="Kegiatan ini mirip dengan kegiatan Kemendikdasmen di wilayah yang sama.",
        citation="PP 19/2022 Pasal 12 huruf a",
        evidence={"why": "kata inti sama: pelatihan, kader, posyandu", "shared_regions": ["33.02"]},
    )
    f_alignment = make_finding(
        key="alignment.target:1",
        rule="alignment.no_target",
        category="alignment",
        severity="info",
        plan=plan_a,
        activity=activity_a,
        region_codes=["33.01"],
        message_id="Kegiatan belum dikaitkan dengan sasaran pembangunan nasional.",
        citation="Perpres RKP 2024",
    )
    return Review(programme, cycle, plan_a, plan_b, activity_a, activity_b, f_authority, f_duplication, f_alignment)


def login(client, user):
    client.force_login(user)
    return client
