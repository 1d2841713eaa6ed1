"""Plan workbook import at size: 5,000 activities with 3 locations each
(20,000 rows on the Kegiatan and Lokasi sheets, plus 5,000 indicators),
read, checked cell by cell and saved in bulk — the issue asks for under 15
seconds. Also a regional plan CSV of 50,000 sub-activities: at 10,000
rows/s a million sub-activities load in under two minutes."""

from __future__ import annotations

import io
import random
import tempfile
import time
from pathlib import Path

from bench.run import figure

ACTIVITIES = 5_000
LOCATIONS_EACH = 3
REGIONAL_ROWS = 50_000


def _reference():
    from django.core.management import call_command

    from selaras.registry.models import Agency, Region, RegionLevel

    if Region.objects.filter(level=RegionLevel.REGENCY).count() < 100:
        call_command("load_reference", verbosity=0, stdout=io.StringIO())
    return (
        list(Region.objects.filter(level=RegionLevel.REGENCY, valid_until__isnull=True).values_list("code", flat=True)),
        Agency.objects.filter(kind="ministry").order_by("code").first(),
    )


def _workbook(path: Path, regions: list[str]) -> int:
    from openpyxl import Workbook

    from selaras.plans.spreadsheets.layout import ACTIVITIES as A
    from selaras.plans.spreadsheets.layout import INDICATORS as IND
    from selaras.plans.spreadsheets.layout import LOCATIONS as L

    rnd = random.Random(20)
    wb = Workbook(write_only=True)
    kegiatan, lokasi, indikator = (wb.create_sheet(s.name) for s in (A, L, IND))
    kegiatan.append([c.header for c in A.columns])
    lokasi.append([c.header for c in L.columns])
    indikator.append([c.header for c in IND.columns])
    rows = 0
    for i in range(1, ACTIVITIES + 1):
        code = f"K{i:05d}"
        shares = [rnd.randint(1, 500) * 1_000_000 for _ in range(LOCATIONS_EACH)]
        kegiatan.append(
            [
                code,
                f"Pelatihan tenaga kesehatan angkatan {i}",
                "Uraian kegiatan",
                "",
                "apbn",
                sum(shares),
                None,
                "Tenaga terlatih",
                "Tidak",
                "Ya",
                "Ya",
                "Tidak",
                "kabkota",
                "",
                "",
                "",
                "",
                "Tidak",
                "",
            ]
        )
        for region, share in zip(rnd.sample(regions, LOCATIONS_EACH), shares, strict=True):
            lokasi.append([code, region, share, 10])
        indikator.append([code, "Tenaga kesehatan terlatih", "orang", 0, 30])
        rows += 1 + LOCATIONS_EACH
    wb.save(path)
    return rows


def run(results: dict) -> None:
    from selaras.accounts.models import Membership, Role, User
    from selaras.plans.imports import plan_import, regional_plan_import
    from selaras.plans.models import Cycle, Plan, Programme, ProgrammeKind
    from selaras.registry.models import Region

    regions, ministry = _reference()
    admin, _ = User.objects.get_or_create(username="bench-admin", defaults={"full_name": "Bench"})
    Membership.objects.get_or_create(user=admin, role=Role.ADMIN)
    programme, _ = Programme.objects.get_or_create(
        code="BENCH-IMPORT",
        defaults={
            "name": "Bench",
            "kind": ProgrammeKind.COOPERATION,
            "coordinator": ministry,
            "start_year": 2024,
            "end_year": 2025,
        },
    )
    cycle, _ = Cycle.objects.get_or_create(programme=programme, year=2024)
    plan, _ = Plan.objects.get_or_create(cycle=cycle, owner=ministry)

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "rencana-20k.xlsx"
        rows = _workbook(path, regions)
        started = time.perf_counter()
        result = plan_import(plan=plan, by=admin, file=path)
        elapsed = time.perf_counter() - started
        assert result.activities == ACTIVITIES and result.locations == ACTIVITIES * LOCATIONS_EACH
        results["plan_import_20k_rows_seconds"] = figure(elapsed, "s", 15.0)
        # A second import replaces the same content (the usual correction).
        started = time.perf_counter()
        plan_import(plan=plan, by=admin, file=path)
        results["plan_reimport_20k_rows_seconds"] = figure(time.perf_counter() - started, "s", None)
        print(f"   {rows:,} rows, {path.stat().st_size / 1e6:.1f} MB")

        csv_path = Path(tmp) / "rkpd.csv"
        rnd = random.Random(3)
        region = Region.objects.get(code=regions[0])
        with csv_path.open("w", encoding="utf-8") as fh:
            fh.write("Kode Sub Kegiatan;Nama Sub Kegiatan;Perangkat Daerah;Pagu;Lokasi;Kode Urusan\n")
            for i in range(REGIONAL_ROWS):
                fh.write(
                    f"1.02.02.2.02.{i:04d};Pengelolaan pelayanan kesehatan {i};Dinas Kesehatan;"
                    f"{rnd.randint(1, 900) * 1_000_000};{region.code};1.02\n"
                )
        started = time.perf_counter()
        done = regional_plan_import(region=region, year=2024, by=admin, file=csv_path)
        elapsed = time.perf_counter() - started
        assert done.rows == REGIONAL_ROWS
        results["regional_import_rows_per_second"] = figure(
            REGIONAL_ROWS / elapsed, "rows/s", 10_000, higher_is_better=True
        )
