"""Demo plans: the Government of Indonesia–UNICEF cooperation programme
2021–2025 with the ministries' 2024 annual work plans (after the 2024
Rakortekpus, /work/shared/seeds), a 2024 deconcentration (binwas) and a
central co-administration programme coordinated by Ditjen Bina Adwil, and
the locus districts' own 2024 sub-activities, some of which deliberately
repeat central activities so the duplication check has something to find.

Everything is written through the plan services as the demo users, so the
audit trail and the plan revisions are real. A plan that already exists is
left as it is (a person may have edited it), so a second run changes nothing.

This module holds the steps; the tables they load are in `plans.demo_data`.
"""

from __future__ import annotations

import random
from decimal import Decimal

from django.utils.translation import gettext as _

from selaras.core.demo import DemoContext, DemoDataMissing, demo_step
from selaras.plans import services
from selaras.plans.demo_data import (
    CPAP_2016_CODE,
    DEKON_CODE,
    DEKON_GWPP_CODE,
    DEKON_PLANS,
    LOCUS_PROVINCES,
    OFFICE_OF,
    OVERLAP_AFFAIR,
    PARTICIPANTS,
    PLANTED_CPAP_2016,
    PLANTED_DEKON,
    PLANTED_DEKON_GWPP,
    PLANTED_KEMENPPPA,
    PLANTED_TP_PROVINSI,
    PLANTED_TP_PUSAT,
    PLANTED_UNICEF,
    PMT_TITLE,
    REGIONAL,
    ROUTINE,
    TP_CODE,
    TP_PLANS,
    TP_PROV_CODE,
    UNICEF_CODE,
    UNICEF_PLANS,
    USD_RATE,
    Act,
    PlanSpec,
)
from selaras.plans.models import Cycle, Plan, Programme, ProgrammeKind, RegionalPlan, RegionalSubActivity
from selaras.registry.demo import agency, region
from selaras.registry.models import Affair, DevelopmentTarget, Region, RegionLevel


def _m(millions: int) -> Decimal:
    return Decimal(millions) * Decimal("1000000")


class _Actors:
    """The demo users who act: the agency's own planner where the demo cast
    has one, the coordinating unit's coordinator, else the administrator."""

    def __init__(self):
        from selaras.accounts.models import User

        self.admin = User.objects.filter(username="demo.admin").first()
        if self.admin is None:
            raise DemoDataMissing(_("Pengguna demo belum ada. Jalankan langkah accounts.users lebih dulu."))
        self._by_agency = {}
        for user in User.objects.filter(
            username__startswith="demo.", memberships__agency__isnull=False
        ).prefetch_related("memberships__agency"):
            for m in user.memberships.all():
                if m.agency_id and m.is_active:
                    self._by_agency.setdefault((m.role, m.agency.code), user)

    def planner(self, code: str):
        return self._by_agency.get(("planner", code), self.admin)

    def coordinator(self, code: str):
        return self._by_agency.get(("coordinator", code), self.admin)


def _targets(codes) -> list:
    found = []
    for code in codes:
        framework, target = code.split(":")
        t = DevelopmentTarget.objects.filter(framework__code=framework, code=target).first()
        if t is not None:
            found.append(t)
    return found


def _affair(code: str):
    return Affair.objects.filter(code=code).first()


def _villages_of(code: str, rng: random.Random, n: int) -> list[Region]:
    villages = list(
        Region.objects.filter(level=RegionLevel.VILLAGE, code__startswith=f"{code}.").order_by("code")[:200]
    )
    return rng.sample(villages, min(n, len(villages)))


def _activity_data(act: Act, rng: random.Random) -> services.ActivityData:
    locations = []
    for code, millions in act.where.items():
        # Some district activities land in named villages when they are loaded.
        villages = _villages_of(code, rng, 2) if act.affair.startswith(("2.13", "1.02.04")) else []
        if villages:
            share = _m(millions) / len(villages)
            locations += [services.LocationData(v, share) for v in villages]
        else:
            locations.append(services.LocationData(region(code), _m(millions)))
    budget = sum((loc.budget for loc in locations), Decimal("0"))
    if act.budget is not None and not locations:
        budget = _m(act.budget)
    indicator, unit, baseline, target = act.indicator
    return services.ActivityData(
        title=act.title,
        description=act.description,
        funding_source=act.funding,
        budget=budget,
        partner_budget=(budget / USD_RATE).quantize(Decimal("1")) if act.funding == "partner" else None,
        affair=_affair(act.affair),
        output=act.output,
        quarters=act.quarters,
        executing_level=act.level,
        implementing_office=act.office,
        recipient=agency(act.recipient) if act.recipient else None,
        delegated_content=act.content,
        requires_matching_funds=act.matching_funds,
        targets=_targets(act.targets),
        locations=locations,
        indicators=[services.IndicatorData(indicator, unit, Decimal(baseline), Decimal(target))],
    )


_PATH = {
    "draft": [],
    "submitted": ["submit"],
    "in_review": ["submit", "start_review"],
    "returned": ["submit", "start_review", "return"],
    "endorsed": ["submit", "start_review", "endorse"],
}
_COMMENTS = {
    "start_review": "Ditelaah pada Rakortekpus 2024.",
    "return": "Lengkapi lokasi desa dan indikator keluaran.",
    "endorse": "Disepakati dalam rumusan hasil Rakortekpus.",
}


def _programme(actors: _Actors, *, code: str, coordinator: str, **fields) -> tuple[Programme, int]:
    existing = Programme.objects.filter(code=code).first()
    if existing is not None:
        return existing, 0
    loci = [region(c) for c in fields.pop("loci")]
    participants = [agency(c) for c in fields.pop("participants")]
    programme = services.programme_create(
        by=actors.coordinator(coordinator),
        code=code,
        coordinator=agency(coordinator),
        loci=loci,
        participants=participants,
        **fields,
    )
    return programme, 1


def _cycle(actors: _Actors, programme: Programme, year: int) -> tuple[Cycle, int]:
    existing = Cycle.objects.filter(programme=programme, year=year).first()
    if existing is not None:
        return existing, 0
    return services.cycle_open(programme=programme, year=year, by=actors.coordinator(programme.coordinator.code)), 1


def _plans(actors: _Actors, cycle: Cycle, specs: list[PlanSpec], rng: random.Random) -> int:
    created = 0
    coordinator = actors.coordinator(cycle.programme.coordinator.code)
    for spec in specs:
        owner = agency(spec.owner)
        if Plan.objects.filter(cycle=cycle, owner=owner).exists():
            continue
        planner = actors.planner(spec.owner)
        plan = services.plan_create(cycle=cycle, owner=owner, by=planner, title=spec.title, notes=spec.notes)
        for act in spec.activities:
            services.activity_create(plan=plan, by=planner, data=_activity_data(act, rng))
        for action in _PATH[spec.status]:
            by = planner if action == "submit" else coordinator
            plan = services.plan_transition(plan=plan, action=action, by=by, comment=_COMMENTS.get(action, ""))
        created += 1
    return created


def _regional_plans(actors: _Actors, rng: random.Random) -> int:
    created = 0
    for code, overlapping in REGIONAL.items():
        where = region(code)
        if RegionalPlan.objects.filter(region=where, year=2024).exists():
            continue
        regional = RegionalPlan.objects.create(
            region=where,
            year=2024,
            source_name=f"RKPD {where.name} 2024 (ekspor SIPD, data demo)",
            imported_by=actors.admin,
        )
        rows = [(OVERLAP_AFFAIR[code], OFFICE_OF[OVERLAP_AFFAIR[code]], name) for name in overlapping]
        rows += rng.sample(ROUTINE, 6)
        affairs = {a.code: a for a in Affair.objects.filter(code__in={r[0] for r in rows})}
        RegionalSubActivity.objects.bulk_create(
            RegionalSubActivity(
                regional_plan=regional,
                code=f"{affair}.{n:02d}.2.01.{rng.randint(1, 30):04d}",
                name=name,
                implementing_office=office,
                budget=Decimal(rng.randrange(150, 2500)) * Decimal("1000000"),
                location=where,
                affair=affairs.get(affair),
                row_number=n,
            )
            for n, (affair, office, name) in enumerate(rows, start=1)
        )
        created += 1
    return created


@demo_step(order=200, name="plans.programmes")
def load_plans_demo(ctx: DemoContext) -> int:
    """The three 2024 programmes with their plans and the locus districts'
    own plans. Returns the number of programmes, plans and regional plans made."""
    rng = random.Random(ctx.seed + 200)
    actors = _Actors()
    created = 0

    unicef, n = _programme(
        actors, code=UNICEF_CODE, coordinator="010.bangda.supd4",
        name="Program Kerja Sama Pemerintah RI–UNICEF 2021–2025", kind=ProgrammeKind.COOPERATION,
        description=("Country Programme Action Plan (CPAP) 2021–2025: gizi; air, sanitasi dan kebersihan; kesehatan; "
                     "pendidikan; perlindungan anak; kebijakan sosial; efektivitas program."),
        partner=agency("mitra.unicef"), start_year=2021, end_year=2025, partner_currency="USD",
        loci=LOCUS_PROVINCES, participants=[c for c in PARTICIPANTS if _exists(c)],
    )  # fmt: skip
    created += n
    cycle, n = _cycle(actors, unicef, 2024)
    created += n + _plans(actors, cycle, UNICEF_PLANS, rng)

    dekon, n = _programme(
        actors, code=DEKON_CODE, coordinator="010.adwil.dtpks",
        name="Dekonsentrasi Pembinaan dan Pengawasan 2024", kind=ProgrammeKind.DEKON_BINWAS,
        description="Pelimpahan pembinaan dan pengawasan urusan kabupaten/kota kepada GWPP (PP 19/2022).",
        start_year=2024, end_year=2024, loci=("33", "35", "52", "53", "73", "91", "96"), participants=("024", "023", "047"),
    )  # fmt: skip
    created += n
    cycle, n = _cycle(actors, dekon, 2024)
    created += n + _plans(actors, cycle, DEKON_PLANS, rng)

    tp, n = _programme(
        actors, code=TP_CODE, coordinator="010.adwil.dtpks", name="Tugas Pembantuan Pusat 2024",
        kind=ProgrammeKind.TP_PUSAT, description="Penugasan sebagian urusan pemerintah pusat kepada daerah (PP 19/2022).",
        start_year=2024, end_year=2024, loci=("33", "52", "53", "73", "91"), participants=("033", "018", "027"),
    )  # fmt: skip
    created += n
    cycle, n = _cycle(actors, tp, 2024)
    created += n + _plans(actors, cycle, TP_PLANS, rng)

    created += _regional_plans(actors, rng)
    return created


def _exists(code: str) -> bool:
    from selaras.registry.models import Agency

    return Agency.objects.filter(code=code).exists()


def _planted_plan(
    actors: _Actors, cycle: Cycle, spec: PlanSpec, rng: random.Random, *, planner=None, before_submit=None
) -> int:
    """Like `_plans` for one plan, with a chosen planner and a hook that runs
    on the draft before it is submitted."""
    owner = agency(spec.owner)
    if Plan.objects.filter(cycle=cycle, owner=owner).exists():
        return 0
    planner = planner or actors.planner(spec.owner)
    plan = services.plan_create(cycle=cycle, owner=owner, by=planner, title=spec.title, notes=spec.notes)
    for act in spec.activities:
        services.activity_create(plan=plan, by=planner, data=_activity_data(act, rng))
    if before_submit is not None:
        before_submit(plan)
    coordinator = actors.coordinator(cycle.programme.coordinator.code)
    for action in _PATH[spec.status]:
        by = planner if action == "submit" else coordinator
        plan = services.plan_transition(plan=plan, action=action, by=by, comment=_COMMENTS.get(action, ""))
    return 1


def _plant_budget_change(plan: Plan) -> None:
    """consistency.location_budget_sum: the PMT budget was raised in the
    province's budget system and copied into the plan without its location
    split, the way rows arrive from older spreadsheets. The plan form would
    refuse this, so it is written to the record directly (audited)."""
    from selaras.plans.models import Activity

    activity = Activity.objects.get(plan=plan, title=PMT_TITLE)
    activity.budget = _m(1400)
    activity.version += 1
    activity.save()


def _plant_kemenpppa_activities(rng: random.Random) -> int:
    """The KemenPPPA planner completes its draft AWP (see PLANTED_KEMENPPPA)."""
    from selaras.accounts.models import User

    programme = Programme.objects.filter(code=UNICEF_CODE).first()
    plan = Plan.objects.filter(cycle__programme=programme, cycle__year=2024, owner__code="047").first()
    planner = User.objects.filter(username="demo.perencana.kemenpppa").first()
    if plan is None or planner is None or not plan.is_editable:
        return 0
    created = 0
    for act in PLANTED_KEMENPPPA:
        if not plan.activities.filter(title=act.title).exists():
            services.activity_create(plan=plan, by=planner, data=_activity_data(act, rng))
            created += 1
    return created


def _plant_cpap_2016(actors: _Actors, rng: random.Random) -> int:
    """The previous programme, once extended to 2021 for a transition year;
    when CPAP 2021–2025 took over, its period was set back to 2016–2020 and
    the transition cycle was left outside it."""
    created = 0
    programme, n = _programme(
        actors, code=CPAP_2016_CODE, coordinator="010.bangda.supd4",
        name="Program Kerja Sama Pemerintah RI–UNICEF 2016–2020", kind=ProgrammeKind.COOPERATION,
        description=("Country Programme Action Plan (CPAP) 2016–2020, ditandatangani 28 Desember 2015. Sempat "
                     "diperpanjang untuk tahun transisi 2021, lalu dikembalikan ke 2016–2020 setelah CPAP "
                     "2021–2025 berlaku."),
        partner=agency("mitra.unicef"), start_year=2016, end_year=2021, partner_currency="USD",
        loci=(), participants=[c for c in ("055", "010", "024", "023", "027", "047") if _exists(c)],
    )  # fmt: skip
    created += n
    cycle, n = _cycle(actors, programme, 2021)
    created += n + _planted_plan(actors, cycle, PLANTED_CPAP_2016, rng, planner=actors.planner("024"))
    if programme.end_year != 2020:
        # No service changes a programme's period (only the admin does);
        # written directly and audited, as the admin's edit would be.
        programme.end_year = 2020
        programme.full_clean()
        programme.version += 1
        programme.save()
    return created


def _plant_tp_provinsi(actors: _Actors, rng: random.Random) -> int:
    """Provincial co-administration from Jawa Tengah to its regencies,
    drafted by the province's Bappeda officer."""
    from selaras.accounts.models import User

    created = 0
    programme, n = _programme(
        actors, code=TP_PROV_CODE, coordinator="010.adwil.dtpks",
        name="Tugas Pembantuan Provinsi Jawa Tengah 2024", kind=ProgrammeKind.TP_PROVINSI,
        description="Penugasan sebagian urusan Pemerintah Provinsi Jawa Tengah kepada kabupaten/kota (PP 19/2022).",
        assigner=agency("pemda.33"), start_year=2024, end_year=2024, loci=("33",), participants=("pemda.33",),
    )  # fmt: skip
    created += n
    cycle, n = _cycle(actors, programme, 2024)
    officer = User.objects.filter(username="demo.daerah.jateng").first() or actors.admin
    created += n + _planted_plan(
        actors, cycle, PLANTED_TP_PROVINSI, rng, planner=officer, before_submit=_plant_budget_change
    )
    return created


def _plant_dekon_gwpp(actors: _Actors, rng: random.Random) -> int:
    """Deconcentration of GWPP tasks (PP 19/2022 Pasal 4 ayat (1) huruf b)."""
    programme, created = _programme(
        actors, code=DEKON_GWPP_CODE, coordinator="010.adwil.dtpks",
        name="Dekonsentrasi Tugas dan Wewenang GWPP 2024", kind=ProgrammeKind.DEKON_GWPP,
        description="Pelimpahan tugas dan wewenang gubernur sebagai wakil Pemerintah Pusat (PP 19/2022, PP 33/2018).",
        start_year=2024, end_year=2024, loci=("53",), participants=("055",),
    )  # fmt: skip
    cycle, n = _cycle(actors, programme, 2024)
    return created + n + _planted_plan(actors, cycle, PLANTED_DEKON_GWPP, rng)


def _plant_in_existing_cycles(actors: _Actors, rng: random.Random) -> int:
    created = 0
    for code, specs in ((UNICEF_CODE, PLANTED_UNICEF), (DEKON_CODE, [PLANTED_DEKON]), (TP_CODE, [PLANTED_TP_PUSAT])):
        cycle = Cycle.objects.filter(programme__code=code, year=2024).first()
        if cycle is None:
            continue
        for spec in specs:
            made = _planted_plan(actors, cycle, spec, rng)
            if made:
                cycle.programme.participants.add(agency(spec.owner))
            created += made
    return created


@demo_step(order=250, name="plans.check_examples")
def load_check_examples(ctx: DemoContext) -> int:
    """Plans that give every synchronisation check something to find (see
    the section comment above). Returns the number of records made."""
    rng = random.Random(ctx.seed + 250)
    actors = _Actors()
    created = _plant_kemenpppa_activities(rng)
    created += _plant_in_existing_cycles(actors, rng)
    created += _plant_tp_provinsi(actors, rng)
    created += _plant_dekon_gwpp(actors, rng)
    created += _plant_cpap_2016(actors, rng)
    return created
