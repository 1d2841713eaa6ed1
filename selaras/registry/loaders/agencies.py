"""Agencies: the ministries/agencies with their budget (BA) codes, the
Kemendagri units that coordinate, development partners (all from
`data/agencies.csv`, see `data/SOURCE.md`), and one regional government
per autonomous province and kabupaten/kota, derived from the regions.
"""

from __future__ import annotations

import csv
from operator import itemgetter
from pathlib import Path

from selaras.registry.loaders import DATA_DIR, ReferenceDataError, SyncResult, existing_rows, sync, sync_m2m
from selaras.registry.models import Agency, AgencyKind, Region, RegionLevel

AGENCIES_CSV = DATA_DIR / "agencies.csv"
COLUMNS = (
    "code",
    "name",
    "short_name",
    "kind",
    "budget_code",
    "parent",
    "valid_from_year",
    "valid_until_year",
    "successors",
)
CSV_SOURCE = "Selaras agencies.csv: kode BA TA 2025 (DIPA per Okt 2025) dan BA s.d. 2024"
FIELDS = (
    "name",
    "short_name",
    "kind",
    "budget_code",
    "parent_id",
    "region_id",
    "valid_from_year",
    "valid_until_year",
    "source",
)


def _year(value: str, where: str) -> int | None:
    if not value:
        return None
    if not value.isdigit() or len(value) != 4:
        raise ReferenceDataError(f"{where}: tahun '{value}' tidak sah.")
    return int(value)


def read_agencies(path: Path = AGENCIES_CSV) -> list[dict]:
    """The rows of the shipped agency table, checked: known kind, unique
    code, parents and successors that exist in the table or the database."""
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        missing = set(COLUMNS) - set(reader.fieldnames or ())
        if missing:
            raise ReferenceDataError(f"{path.name}: kolom {', '.join(sorted(missing))} tidak ada.")
        rows = []
        seen: set[str] = set()
        for line, raw in enumerate(reader, start=2):
            where = f"{path.name} baris {line}"
            code = raw["code"].strip()
            if not code or code in seen:
                raise ReferenceDataError(f"{where}: kode '{code}' kosong atau ganda.")
            if raw["kind"] not in AgencyKind.values:
                raise ReferenceDataError(f"{where}: jenis '{raw['kind']}' tidak dikenal.")
            seen.add(code)
            rows.append(
                {
                    "code": code,
                    "name": raw["name"].strip(),
                    "short_name": raw["short_name"].strip(),
                    "kind": raw["kind"],
                    "budget_code": raw["budget_code"].strip(),
                    "parent": raw["parent"].strip(),
                    "valid_from_year": _year(raw["valid_from_year"].strip(), where),
                    "valid_until_year": _year(raw["valid_until_year"].strip(), where),
                    "successors": raw["successors"].split(),
                    "where": where,
                }
            )
    return rows


def regional_governments() -> list[dict]:
    """One agency per current province and autonomous kabupaten/kota.

    Jakarta's five kota administrasi and one kabupaten administrasi are
    parts of the province, not regional governments of their own, so they
    get none (508 kabupaten/kota governments, not 514)."""
    rows = []
    regions = Region.objects.current().filter(level__in=[RegionLevel.PROVINCE, RegionLevel.REGENCY])
    for region_id, code, name, level in regions.values_list("id", "code", "name", "level"):
        if " Administrasi " in f" {name} ":
            continue
        if level == RegionLevel.PROVINCE:
            full, short = f"Pemerintah Provinsi {name}", f"Pemprov {name}"
        elif name.startswith("Kota "):
            full, short = f"Pemerintah {name}", f"Pemkot {name.removeprefix('Kota ')}"
        else:
            full, short = f"Pemerintah {name}", f"Pemkab {name.removeprefix('Kabupaten ')}"
        rows.append(
            {
                "code": f"pemda.{code}",
                "name": full,
                "short_name": short[:60],
                "kind": AgencyKind.REGIONAL_GOVERNMENT,
                "budget_code": "",
                "parent_id": None,
                "region_id": region_id,
                "valid_from_year": None,
                "valid_until_year": None,
                "source": f"Dibentuk dari wilayah {code} (kode Kemendagri)",
            }
        )
    return rows


def load_agencies(*, rows: list[dict] | None = None) -> dict[str, SyncResult]:
    """Sync the agency table and the regional governments. Returns results
    for "agencies" (the table) and "regional_governments"."""
    rows = read_agencies() if rows is None else rows
    codes = {r["code"] for r in rows}
    known = dict(Agency.objects.values_list("code", "id"))
    for r in rows:
        for ref in filter(None, [r["parent"], *r["successors"]]):
            if ref not in codes and ref not in known:
                raise ReferenceDataError(f"{r['where']}: instansi '{ref}' tidak dikenal.")

    result = SyncResult()
    # Parents before children: sync by depth so each level can see its parents' ids.
    by_code = {r["code"]: r for r in rows}

    def depth(r: dict) -> int:
        d, parent = 0, r["parent"]
        while parent:
            d += 1
            if d > len(rows):
                raise ReferenceDataError(f"{r['where']}: induk melingkar.")
            parent = by_code[parent]["parent"] if parent in by_code else ""
        return d

    layers: dict[int, list[dict]] = {}
    for r in rows:
        layers.setdefault(depth(r), []).append(r)
    for d in sorted(layers):
        ids = dict(Agency.objects.values_list("code", "id"))
        values = {}
        for r in layers[d]:
            values[r["code"]] = {
                "code": r["code"],
                "name": r["name"],
                "short_name": r["short_name"],
                "kind": r["kind"],
                "budget_code": r["budget_code"],
                "parent_id": ids[r["parent"]] if r["parent"] else None,
                "region_id": None,
                "valid_from_year": r["valid_from_year"],
                "valid_until_year": r["valid_until_year"],
                "source": CSV_SOURCE,
            }
        existing = existing_rows(Agency.objects.filter(code__in=list(values)), itemgetter("code"), ("code", *FIELDS))
        result.add(sync(Agency, values, fields=FIELDS, existing=existing))

    ids = dict(Agency.objects.values_list("code", "id"))
    # Only rows that name successors are synced, so successors an
    # administrator added to other agencies survive a reload.
    wanted = {ids[r["code"]]: {ids[s] for s in r["successors"]} for r in rows if r["successors"]}
    result.relinked = sync_m2m(Agency.successors, wanted)

    pemda = {r["code"]: r for r in regional_governments()}
    existing = existing_rows(Agency.objects.filter(code__in=list(pemda)), itemgetter("code"), ("code", *FIELDS))
    governments = sync(Agency, pemda, fields=FIELDS, existing=existing)
    return {"agencies": result, "regional_governments": governments}
