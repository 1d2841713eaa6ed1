"""Fixtures for the check-rule tests: a few affairs with rows of the real
authority matrix (domain/authority-matrix.csv), regional governments, and a
builder for programmes, cycles, plans and activities written straight to the
database (rules must also catch what the plan forms would refuse)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import pytest


@dataclass
class Affairs:
    education: object  # 1.01 field
    management: object  # 1.01.01 Manajemen Pendidikan: every level holds a task
    accreditation: object  # 1.01.03 Akreditasi: only the centre ("---" for regions)
    health: object  # 1.02 field
    health_efforts: object  # 1.02.01 Upaya Kesehatan: no rows transcribed here
    secretariat: object  # 4.01 Sekretariat Daerah: not a concurrent affair


@pytest.fixture
def affairs(db) -> Affairs:
    from selaras.registry.models import Affair, AffairLevel, AuthorityRule

    def affair(code, name, level, parent=None):
        return Affair.objects.create(code=code, name=name, level=level, parent=parent, group="wajib_pelayanan_dasar")

    group = affair("1", "URUSAN PEMERINTAHAN WAJIB YANG BERKAITAN DENGAN PELAYANAN DASAR", AffairLevel.GROUP)
    education = affair("1.01", "PENDIDIKAN", AffairLevel.FIELD, group)
    management = affair("1.01.01", "Manajemen Pendidikan", AffairLevel.SUB, education)
    accreditation = affair("1.01.03", "Akreditasi", AffairLevel.SUB, education)
    health = affair("1.02", "KESEHATAN", AffairLevel.FIELD, group)
    health_efforts = affair("1.02.01", "Upaya Kesehatan", AffairLevel.SUB, health)
    support = Affair.objects.create(
        code="4", name="UNSUR PENDUKUNG URUSAN PEMERINTAHAN", level=AffairLevel.GROUP, group="pendukung"
    )
    secretariat = Affair.objects.create(
        code="4.01", name="SEKRETARIAT DAERAH", level=AffairLevel.FIELD, parent=support, group="pendukung"
    )

    rows = [
        (management, "pusat", "Penetapan standar nasional pendidikan"),
        (management, "pusat", "Pengelolaan pendidikan tinggi"),
        (management, "provinsi", "Pengelolaan pendidikan menengah"),
        (management, "provinsi", "Pengelolaan pendidikan khusus"),
        (management, "kabkota", "Pengelolaan pendidikan dasar"),
        (management, "kabkota", "Pengelolaan pendidikan anak usia dini dan pendidikan nonformal"),
        (
            accreditation,
            "pusat",
            "Akreditasi perguruan tinggi, pendidikan menengah, pendidikan dasar, pendidikan anak usia dini, dan pendidikan nonformal",
        ),
        (accreditation, "provinsi", "--- (tidak ada kewenangan tercantum)"),
        (accreditation, "kabkota", "--- (tidak ada kewenangan tercantum)"),
    ]
    positions: dict = {}
    for affair_obj, level, text in rows:
        positions[(affair_obj.pk, level)] = positions.get((affair_obj.pk, level), 0) + 1
        AuthorityRule.objects.create(
            affair=affair_obj,
            level=level,
            text=text,
            has_authority=not text.startswith("---"),
            position=positions[(affair_obj.pk, level)],
            source="Lampiran I UU 23/2014 (uji)",
        )
    return Affairs(education, management, accreditation, health, health_efforts, secretariat)


@dataclass
class Governments:
    pemprov_jateng: object
    pemkab_banyumas: object
    pemkab_cilacap: object
    pemprov_papua: object
    pemkab_jayapura: object


@pytest.fixture
def governments(reference) -> Governments:
    from selaras.registry.models import Agency, AgencyKind

    def government(code, name, region):
        return Agency.objects.create(code=code, name=name, kind=AgencyKind.REGIONAL_GOVERNMENT, region=region)

    return Governments(
        pemprov_jateng=reference.pemprov_jateng,
        pemkab_banyumas=government("pemda.33.02", "Pemerintah Kabupaten Banyumas", reference.banyumas),
        pemkab_cilacap=government("pemda.33.01", "Pemerintah Kabupaten Cilacap", reference.cilacap),
        pemprov_papua=government("pemda.91", "Pemerintah Provinsi Papua", reference.papua),
        pemkab_jayapura=government("pemda.91.03", "Pemerintah Kabupaten Jayapura", reference.jayapura),
    )


class Builder:
    """Writes programmes, cycles, plans and activities with sensible
    defaults; every default is overridable by keyword."""

    def __init__(self, reference, cast):
        self.reference = reference
        self.cast = cast
        self._codes = 0

    def _code(self, prefix: str) -> str:
        self._codes += 1
        return f"{prefix}-{self._codes}"

    def programme(self, kind: str = "cooperation", *, loci=(), start_year=2024, end_year=2026, **fields):
        from selaras.plans.models import Programme

        fields.setdefault("coordinator", self.reference.supd4)
        programme = Programme.objects.create(
            code=self._code(kind),
            name=fields.pop("name", f"Program {kind}"),
            kind=kind,
            start_year=start_year,
            end_year=end_year,
            **fields,
        )
        programme.loci.set(loci)
        return programme

    def cycle(self, programme, year: int = 2025, **deadlines):
        from selaras.plans.models import Cycle

        return Cycle.objects.create(programme=programme, year=year, **deadlines)

    def plan(self, cycle, owner=None, status: str = "submitted"):
        from selaras.plans.models import Plan

        return Plan.objects.create(cycle=cycle, owner=owner or self.reference.ministry_a, status=status)

    def activity(self, plan, *, locations=(), indicators=None, targets=(), quarters=(1, 2), **fields):
        """`locations`: regions, or (region, budget) pairs."""
        from selaras.plans.models import Activity, ActivityLocation, IndicatorTarget

        fields.setdefault("title", "Peningkatan mutu layanan")
        fields.setdefault("funding_source", "apbn")
        fields.setdefault("budget", Decimal("0"))
        for n in (1, 2, 3, 4):
            fields.setdefault(f"q{n}", n in quarters)
        activity = Activity.objects.create(plan=plan, position=plan.activities.count() + 1, **fields)
        for loc in locations:
            region, budget = loc if isinstance(loc, tuple) else (loc, Decimal("0"))
            ActivityLocation.objects.create(activity=activity, region=region, budget=Decimal(budget))
        if indicators is None:
            indicators = [("Jumlah sekolah terlayani", "sekolah", Decimal("10"))]
        for i, (name, unit, target) in enumerate(indicators):
            IndicatorTarget.objects.create(activity=activity, indicator=name, unit=unit, target=target, position=i)
        activity.targets.set(targets)
        return activity

    def target(self, code: str = "PN4", *, affairs=(), framework_code: str = "RPJMN-2025"):
        from selaras.registry.models import DevelopmentTarget, TargetFramework

        framework, _ = TargetFramework.objects.get_or_create(
            code=framework_code, defaults={"name": f"Kerangka {framework_code}", "kind": "rpjmn"}
        )
        target = DevelopmentTarget.objects.create(framework=framework, code=code, name=f"Sasaran {code}")
        target.affairs.set(affairs)
        return target

    # --- running the checks ---------------------------------------------------
    def run_plan(self, plan):
        from selaras.sync.services import check_run_now

        return check_run_now(by=self.cast.admin, scope="plan", plan=plan)

    def run_cycle(self, cycle):
        from selaras.sync.services import check_run_now

        return check_run_now(by=self.cast.admin, scope="cycle", cycle=cycle)

    def run_national(self, year: int):
        from selaras.sync.services import check_run_now

        return check_run_now(by=self.cast.admin, scope="national", year=year)

    @staticmethod
    def findings(rule: str, **filters):
        from selaras.sync.models import Finding

        return list(Finding.objects.filter(rule=rule, **filters).order_by("id"))


@pytest.fixture
def build(reference, cast) -> Builder:
    return Builder(reference, cast)


@pytest.fixture
def check(build):
    """Run one rule directly over a check run's context (no engine):
    `check(RuleClass, plan=...)` or `check(RuleClass, cycle=...)`."""
    from selaras.sync.context import CheckContext
    from selaras.sync.models import CheckRun

    def run(rule_cls, *, plan=None, cycle=None, year=None, params=None):
        if plan is not None:
            run_ = CheckRun.objects.create(scope="plan", plan=plan, year=plan.cycle.year)
        elif cycle is not None:
            run_ = CheckRun.objects.create(scope="cycle", cycle=cycle, year=cycle.year)
        else:
            run_ = CheckRun.objects.create(scope="national", year=year)
        return list(rule_cls(params).check(CheckContext(run=run_)))

    return run
