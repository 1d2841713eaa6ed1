"""Development target frameworks and their targets: the 17 SDGs and the
national priorities of RPJMN 2020–2024 and 2025–2029, each with the affairs
it plainly fits (`data/target-frameworks.csv`, `data/targets.csv`).

Load affairs first: targets point at them.
"""

from __future__ import annotations

import csv
from operator import itemgetter
from pathlib import Path

from selaras.registry.loaders import DATA_DIR, ReferenceDataError, SyncResult, existing_rows, sync, sync_m2m
from selaras.registry.models import Affair, DevelopmentTarget, FrameworkKind, TargetFramework

FRAMEWORKS_CSV = DATA_DIR / "target-frameworks.csv"
TARGETS_CSV = DATA_DIR / "targets.csv"


def _rows(path: Path, columns: tuple[str, ...]):
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        missing = set(columns) - set(reader.fieldnames or ())
        if missing:
            raise ReferenceDataError(f"{path.name}: kolom {', '.join(sorted(missing))} tidak ada.")
        for line, row in enumerate(reader, start=2):
            yield f"{path.name} baris {line}", {k: (v or "").strip() for k, v in row.items()}


def _year(value: str, where: str) -> int | None:
    if not value:
        return None
    if not value.isdigit():
        raise ReferenceDataError(f"{where}: tahun '{value}' tidak sah.")
    return int(value)


def load_targets(*, frameworks_path: Path = FRAMEWORKS_CSV, targets_path: Path = TARGETS_CSV) -> dict[str, SyncResult]:
    frameworks = {}
    for where, row in _rows(frameworks_path, ("code", "name", "kind", "start_year", "end_year", "source")):
        if row["kind"] not in FrameworkKind.values:
            raise ReferenceDataError(f"{where}: jenis kerangka '{row['kind']}' tidak dikenal.")
        if row["code"] in frameworks:
            raise ReferenceDataError(f"{where}: kode kerangka {row['code']} ganda.")
        frameworks[row["code"]] = {
            "code": row["code"],
            "name": row["name"],
            "kind": row["kind"],
            "start_year": _year(row["start_year"], where),
            "end_year": _year(row["end_year"], where),
            "source": row["source"],
        }
    fields = ("name", "kind", "start_year", "end_year", "source")
    existing = existing_rows(
        TargetFramework.objects.filter(code__in=list(frameworks)), itemgetter("code"), ("code", *fields)
    )
    framework_result = sync(TargetFramework, frameworks, fields=fields, existing=existing)
    framework_ids = dict(TargetFramework.objects.filter(code__in=frameworks).values_list("code", "id"))
    affair_ids = dict(Affair.objects.values_list("code", "id"))

    targets: dict[tuple[int, str], dict] = {}
    links: dict[tuple[int, str], set[int]] = {}
    parents: dict[tuple[int, str], str] = {}
    for where, row in _rows(targets_path, ("framework", "code", "name", "parent", "affairs")):
        framework_id = framework_ids.get(row["framework"])
        if framework_id is None:
            raise ReferenceDataError(f"{where}: kerangka {row['framework']} tidak ada di {frameworks_path.name}.")
        key = (framework_id, row["code"])
        if key in targets:
            raise ReferenceDataError(f"{where}: sasaran {row['code']} ganda dalam kerangka {row['framework']}.")
        unknown = [code for code in row["affairs"].split() if code not in affair_ids]
        if unknown:
            raise ReferenceDataError(f"{where}: urusan {', '.join(unknown)} tidak dikenal.")
        targets[key] = {"framework_id": framework_id, "code": row["code"], "name": row["name"], "parent_id": None}
        links[key] = {affair_ids[code] for code in row["affairs"].split()}
        if row["parent"]:
            parents[key] = row["parent"]

    def existing_targets():
        queryset = DevelopmentTarget.objects.filter(framework_id__in=framework_ids.values())
        return existing_rows(
            queryset, itemgetter("framework_id", "code"), ("framework_id", "code", "name", "parent_id")
        )

    # Targets without a parent first, then the children with their parents' ids.
    target_result = SyncResult()
    roots = {k: v for k, v in targets.items() if k not in parents}
    target_result.add(sync(DevelopmentTarget, roots, fields=("name", "parent_id"), existing=existing_targets()))
    if parents:
        current = existing_targets()
        children = {}
        for key, parent_code in parents.items():
            parent = current.get((key[0], parent_code))
            if parent is None:
                raise ReferenceDataError(f"{targets_path.name}: induk {parent_code} dari sasaran {key[1]} tidak ada.")
            children[key] = {**targets[key], "parent_id": parent["id"]}
        target_result.add(sync(DevelopmentTarget, children, fields=("name", "parent_id"), existing=current))

    ids = {key: t["id"] for key, t in existing_targets().items()}
    target_result.relinked = sync_m2m(DevelopmentTarget.affairs, {ids[key]: affairs for key, affairs in links.items()})
    return {"frameworks": framework_result, "targets": target_result}
