"""National-scale bench data: every region, the real ministries' plans with
tens of thousands of activity-locations, and a million regional
sub-activities named from real nomenclature.

It exists to measure the synchronisation checks and the pages at the size of
the country, so it favours speed over the per-row guarantees of the
services: rows are written in large batches without per-row audit, and one
audit event records the whole load. Names come from
`selaras.devtools.similarity.benchgen` (real names, a third with local detail;
central titles in ministry wording). Deterministic for a given seed.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.db import connection, transaction
from django.utils.translation import gettext as _

from selaras.audit.recorder import record_event
from selaras.core.context import acting_as
from selaras.core.statistics import refresh_statistics
from selaras.devtools.similarity import benchgen
from selaras.plans.models import (
    Activity,
    ActivityLocation,
    Cycle,
    Plan,
    PlanStatus,
    Programme,
    ProgrammeKind,
    RegionalPlan,
    RegionalSubActivity,
)
from selaras.registry.models import Affair, Agency, AgencyKind, Region, RegionLevel

BENCH_SOURCE = "bench-data"
COORDINATOR_CODE = "010.adwil.dtpks"


class BenchDataError(Exception):
    """The bench data cannot be generated (missing reference data or corpus)."""


@dataclass(frozen=True)
class Scale:
    name: str
    agencies: int
    central_locations: int
    regional_rows: int
    years: tuple[int, ...] = (2025, 2026)


SCALES = {
    "national": Scale("national", agencies=90, central_locations=50_000, regional_rows=1_000_000),
    "small": Scale("small", agencies=3, central_locations=120, regional_rows=900),
}

# What the region's own offices are called, by affair field.
OFFICES = {
    "1.01": "Dinas Pendidikan", "1.02": "Dinas Kesehatan", "1.03": "Dinas Pekerjaan Umum dan Penataan Ruang",
    "1.04": "Dinas Perumahan dan Kawasan Permukiman", "1.05": "Satuan Polisi Pamong Praja", "1.06": "Dinas Sosial",
    "2.08": "Dinas Pemberdayaan Perempuan dan Perlindungan Anak", "2.09": "Dinas Ketahanan Pangan",
    "2.11": "Dinas Lingkungan Hidup", "2.12": "Dinas Kependudukan dan Pencatatan Sipil",
    "2.13": "Dinas Pemberdayaan Masyarakat dan Desa", "2.14": "Dinas Pengendalian Penduduk dan Keluarga Berencana",
    "2.15": "Dinas Perhubungan", "3.27": "Dinas Pertanian", "5.01": "Badan Perencanaan Pembangunan Daerah",
}  # fmt: skip
FUNDING = ("apbn", "apbn", "apbn", "dekonsentrasi", "tugas_pembantuan", "partner", "dak")
# The exponent of the plan sizes' Zipf law (0: every ministry plans alike).
PLAN_SIZE_SKEW = 0.3


@dataclass
class BenchReport:
    scale: str
    agencies: int = 0
    plans: int = 0
    activities: int = 0
    activity_locations: int = 0
    regional_plans: int = 0
    sub_activities: int = 0
    seconds: float = 0.0
    timings: dict[str, float] = field(default_factory=dict)


def corpus_path() -> Path:
    return Path(settings.SHARED_DATA_DIR) / "data" / "nomenclature" / "corpus_names.txt"


def programme_code(scale: Scale) -> str:
    return f"BENCH-{scale.name.upper()}"


def bench_exists(scale: Scale) -> bool:
    return Programme.objects.filter(code=programme_code(scale)).exists()


@transaction.atomic
def bench_reset(scale: Scale) -> None:
    """Remove what an earlier run of this scale made."""
    plan_ids = Plan.objects.filter(cycle__programme__code=programme_code(scale)).values("pk")
    ActivityLocation.objects.filter(activity__plan_id__in=plan_ids)._raw_delete(connection.alias)
    Activity.objects.filter(plan_id__in=plan_ids)._raw_delete(connection.alias)
    Plan.objects.filter(cycle__programme__code=programme_code(scale)).delete()
    Cycle.objects.filter(programme__code=programme_code(scale)).delete()
    Programme.objects.filter(code=programme_code(scale)).delete()
    regional = RegionalPlan.objects.filter(source_name=f"{BENCH_SOURCE}:{scale.name}")
    RegionalSubActivity.objects.filter(regional_plan__in=regional)._raw_delete(connection.alias)
    regional.delete()


def _money(rng: random.Random, low: int, high: int) -> Decimal:
    # Round to the thousand, as budget documents do.
    return Decimal(rng.randrange(low, high) * 1000)


def generate_bench_data(
    *, scale: Scale, seed: int = 20250101, log: Callable[[str], None] = lambda line: None
) -> BenchReport:
    """Generate the data of `scale`. Refuses if it already exists (call
    `bench_reset` first) or if reference data or the corpus is missing."""
    started = time.perf_counter()
    report = BenchReport(scale=scale.name)
    path = corpus_path()
    if not path.is_file():
        raise BenchDataError(
            _("Berkas nama kegiatan %(path)s tidak ditemukan. Atur SELARAS_SHARED_DIR ke folder data bersama.")
            % {"path": path}
        )
    if bench_exists(scale):
        raise BenchDataError(
            _("Data uji skala %(scale)s sudah ada. Jalankan dengan --reset untuk membuatnya ulang.")
            % {"scale": scale.name}
        )
    regencies = list(
        Region.objects.filter(level=RegionLevel.REGENCY, valid_until__isnull=True)
        .order_by("code")
        .values_list("pk", "code")
    )
    if not regencies:
        raise BenchDataError(_("Belum ada data kabupaten/kota. Jalankan `selaras load-reference` terlebih dahulu."))
    region_ids = dict(
        Region.objects.filter(level__in=[RegionLevel.PROVINCE, RegionLevel.REGENCY]).values_list("code", "pk")
    )
    last_year = max(scale.years)
    agencies = list(
        Agency.objects.filter(kind=AgencyKind.MINISTRY, budget_code__gt="")
        .exclude(valid_until_year__lt=last_year)
        .exclude(valid_from_year__gt=min(scale.years))
        .order_by("budget_code")[: scale.agencies]
    )
    if not agencies:
        raise BenchDataError(
            _("Belum ada data kementerian/lembaga. Jalankan `selaras load-reference` terlebih dahulu.")
        )
    coordinator = Agency.objects.filter(code=COORDINATOR_CODE).first() or Agency.objects.filter(code="010").first()
    if coordinator is None:
        raise BenchDataError(_("Instansi koordinator %(code)s belum ada.") % {"code": COORDINATOR_CODE})
    affairs = list(Affair.objects.filter(code__regex=r"^[123]\.[0-9]{2}$").order_by("code").values_list("pk", "code"))
    if not affairs:
        affairs = [(None, "")]
    villages: dict[str, list[tuple[int, str]]] = {}
    for pk, code, name in (
        Region.objects.filter(level=RegionLevel.VILLAGE, valid_until__isnull=True)
        .values_list("pk", "code", "name")
        .iterator()
    ):
        villages.setdefault(code.rsplit(".", 2)[0], []).append((pk, name))

    t = time.perf_counter()
    data = benchgen.generate(
        path,
        [code for _pk, code in regencies],
        n_regional=scale.regional_rows,
        n_central=scale.central_locations,
        years=scale.years,
        seed=seed,
    )
    report.timings["names"] = time.perf_counter() - t
    rng = random.Random(seed + 1)

    with transaction.atomic(), acting_as(None, BENCH_SOURCE):
        t = time.perf_counter()
        programme = Programme.objects.create(
            code=programme_code(scale),
            name=_("Data uji skala %(scale)s") % {"scale": scale.name},
            kind=ProgrammeKind.TP_PUSAT,
            description=_("Dibuat oleh `selaras bench-data` untuk mengukur kinerja; bukan data sebenarnya."),
            coordinator=coordinator,
            start_year=min(scale.years),
            end_year=last_year,
        )
        programme.participants.set(agencies)
        cycles = {year: Cycle.objects.create(programme=programme, year=year) for year in scale.years}
        plans = Plan.objects.bulk_create(
            [
                Plan(
                    cycle=cycles[year],
                    owner=agency,
                    title=f"Rencana {agency.short_name or agency.name} {year}",
                    status=PlanStatus.SUBMITTED,
                )
                for agency in agencies
                for year in scale.years
            ],
            batch_size=1000,
        )
        plan_of = {(p.owner_id, p.cycle.year): p for p in plans}
        report.agencies, report.plans = len(agencies), len(plans)

        # Activities take one to three consecutive generated locations,
        # de-duplicated, so most land in one place and some span several.
        activities: list[Activity] = []
        spans: list[list[str]] = []
        positions: dict[int, int] = {}
        # Ministries differ in size: by budget code order, a mild Zipf law
        # makes the largest plan about three times the median one, as the biggest
        # deconcentrating ministries' are (and gives the review pages a plan
        # of a few thousand findings to be measured on).
        weights = [1 / (rank + 1) ** PLAN_SIZE_SKEW for rank in range(len(agencies))]
        i, n = 0, len(data.central_titles)
        while i < n:
            k = min(rng.choice((1, 1, 1, 2, 3)), n - i)
            codes = data.central_regions[i : i + k]
            if len(set(codes)) < len(codes):
                # Keep exactly one location per generated entry.
                codes, k = codes[:1], 1
            agency = rng.choices(agencies, weights)[0]
            plan = plan_of[(agency.pk, data.central_years[i])]
            positions[plan.pk] = positions.get(plan.pk, 0) + 1
            affair_id, _code = rng.choice(affairs)
            budget = _money(rng, 50_000, 5_000_000) * len(codes)
            activities.append(
                Activity(
                    plan=plan,
                    title=data.central_titles[i][:500],
                    affair_id=affair_id,
                    funding_source=rng.choice(FUNDING),
                    budget=budget,
                    position=positions[plan.pk],
                    executing_level="kabkota",
                    q1=rng.random() < 0.5,
                    q2=True,
                    q3=True,
                    q4=rng.random() < 0.5,
                )
            )
            spans.append(codes)
            i += k
        Activity.objects.bulk_create(activities, batch_size=5000)
        locations = [
            ActivityLocation(activity=activity, region_id=region_ids[code], budget=activity.budget / len(codes))
            for activity, codes in zip(activities, spans, strict=True)
            for code in codes
        ]
        ActivityLocation.objects.bulk_create(locations, batch_size=5000)
        report.activities, report.activity_locations = len(activities), len(locations)
        report.timings["central"] = time.perf_counter() - t
        log(
            _("Rencana pusat: %(plans)d rencana, %(acts)d kegiatan, %(locs)d lokasi")
            % {"plans": report.plans, "acts": report.activities, "locs": report.activity_locations}
        )

        t = time.perf_counter()
        source = f"{BENCH_SOURCE}:{scale.name}"
        existing = set(RegionalPlan.objects.filter(year__in=scale.years).values_list("region_id", "year"))
        RegionalPlan.objects.bulk_create(
            [
                RegionalPlan(region_id=pk, year=year, source_name=source)
                for pk, _code in regencies
                for year in scale.years
                if (pk, year) not in existing
            ],
            batch_size=2000,
        )
        regional_of = {
            (code, year): pk
            for pk, code, year in RegionalPlan.objects.filter(source_name=source).values_list(
                "pk", "region__code", "year"
            )
        }
        report.regional_plans = len(regional_of)
        report.sub_activities = _insert_sub_activities(data, regional_of, region_ids, villages, affairs, rng)
        report.timings["regional"] = time.perf_counter() - t
        log(
            _("Rencana daerah: %(plans)d rencana, %(rows)d sub kegiatan")
            % {"plans": report.regional_plans, "rows": report.sub_activities}
        )

        report.seconds = time.perf_counter() - started
        record_event(
            programme,
            _("Data uji skala %(scale)s dibuat") % {"scale": scale.name},
            {"bench": {k: v for k, v in report.__dict__.items() if k != "timings"}},
        )
    t = time.perf_counter()
    refresh_statistics(Plan, Activity, ActivityLocation, Activity.targets.through, RegionalPlan, RegionalSubActivity)
    report.timings["statistics"] = time.perf_counter() - t
    report.seconds = time.perf_counter() - started
    return report


def _insert_sub_activities(data, regional_of, region_ids, villages, affairs, rng: random.Random) -> int:
    """A million rows: written with executemany on the raw cursor, as model
    instances would triple the time without adding any check."""
    meta = RegionalSubActivity._meta
    columns = ["regional_plan_id", "code", "name", "implementing_office", "budget", "location_id", "location_text",
               "affair_id", "row_number"]  # fmt: skip
    sql = "INSERT INTO {} ({}) VALUES ({})".format(
        connection.ops.quote_name(meta.db_table),
        ", ".join(connection.ops.quote_name(meta.get_field(c.removesuffix("_id")).column) for c in columns),
        ", ".join(["%s"] * len(columns)),
    )
    counters: dict[int, int] = {}
    batch: list[tuple] = []
    written = 0
    with connection.cursor() as cursor:
        for title, code, year in zip(data.regional_titles, data.regional_regions, data.regional_years, strict=True):
            plan_id = regional_of.get((code, year))
            if plan_id is None:
                continue  # a region that already had its own plan that year
            row = counters[plan_id] = counters.get(plan_id, 0) + 1
            affair_id, affair_code = rng.choice(affairs)
            location_id, location_text = region_ids[code], ""
            local = villages.get(code)
            if local and "Desa" in title:
                location_id, village_name = rng.choice(local)
                location_text = _("Desa %(name)s") % {"name": village_name}
            batch.append((
                plan_id, f"{affair_code}.{rng.randint(1, 30):02d}.{row:04d}" if affair_code else "", title[:500],
                OFFICES.get(affair_code, "Sekretariat Daerah"), str(_money(rng, 10_000, 2_000_000)), location_id,
                location_text, affair_id, row,
            ))  # fmt: skip
            if len(batch) >= 20_000:
                cursor.executemany(sql, batch)
                written += len(batch)
                batch.clear()
        if batch:
            cursor.executemany(sql, batch)
            written += len(batch)
    return written
