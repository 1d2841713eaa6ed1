"""Government affairs and the division of authority.

`data/urusan.csv` gives the groups (1, 2, 3 …) and fields (bidang urusan,
1.01 …) with their Permendagri 90/2019 codes. `data/authority-matrix.csv`
transcribes the annex of UU 23/2014: one row per lettered item of a cell,
per sub urusan and level. The annex names sub urusan without codes, so
Selaras numbers them `<field>.<nn>` in order of first appearance within the
field; the numbering is ours and says so in every sub urusan's source.
"""

from __future__ import annotations

import csv
from operator import itemgetter
from pathlib import Path

from selaras.registry.loaders import DATA_DIR, ReferenceDataError, SyncResult, existing_rows, sync
from selaras.registry.models import Affair, AffairLevel, AuthorityRule, GovernmentLevel

URUSAN_CSV = DATA_DIR / "urusan.csv"
AUTHORITY_CSV = DATA_DIR / "authority-matrix.csv"
NO_AUTHORITY = "---"
URUSAN_SOURCE = "Kode dan nama urusan: Permendagri 90/2019 (lihat data/urusan.SOURCE.md)"
MATRIX_SOURCE = (
    "Lampiran I UU 23/2014, matriks pembagian urusan pemerintahan konkuren "
    "(transkripsi data/authority-matrix.csv; lihat authority-matrix.SOURCE.md)"
)
SUB_SOURCE = (
    MATRIX_SOURCE + ". Nomor sub urusan (kode ini) diberikan oleh Selaras menurut urutan dalam lampiran, "
    "bukan kode resmi."
)


def _read(path: Path, columns: tuple[str, ...]) -> list[tuple[str, dict]]:
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        missing = set(columns) - set(reader.fieldnames or ())
        if missing:
            raise ReferenceDataError(f"{path.name}: kolom {', '.join(sorted(missing))} tidak ada.")
        return [
            (f"{path.name} baris {line}", {k: (v or "").strip() for k, v in row.items()})
            for line, row in enumerate(reader, start=2)
        ]


def affair_rows(urusan_path: Path = URUSAN_CSV, matrix_path: Path = AUTHORITY_CSV) -> tuple[list[dict], list[dict]]:
    """(affairs, authority rules) as plain rows, parents before children."""
    affairs: list[dict] = []
    by_code: dict[str, dict] = {}
    for where, row in _read(urusan_path, ("code", "name", "group")):
        code = row["code"]
        if not code or code in by_code:
            raise ReferenceDataError(f"{where}: kode urusan '{code}' kosong atau ganda.")
        parent = code.split(".")[0] if "." in code else ""
        if parent and parent not in by_code:
            raise ReferenceDataError(f"{where}: kelompok urusan {parent} belum ada di atas baris ini.")
        item = {
            "code": code,
            "name": row["name"],
            "level": AffairLevel.FIELD if parent else AffairLevel.GROUP,
            "group": row["group"],
            "parent": parent,
            "source": URUSAN_SOURCE,
        }
        affairs.append(item)
        by_code[code] = item

    rules: list[dict] = []
    subs: dict[tuple[str, str], str] = {}
    numbering: dict[str, int] = {}
    positions: dict[tuple[str, str], int] = {}
    for where, row in _read(matrix_path, ("urusan_code", "urusan", "sub_urusan", "level", "authority")):
        field_code = row["urusan_code"]
        field = by_code.get(field_code)
        if field is None or field["level"] != AffairLevel.FIELD:
            raise ReferenceDataError(f"{where}: bidang urusan {field_code} tidak ada di {urusan_path.name}.")
        if row["level"] not in GovernmentLevel.values:
            raise ReferenceDataError(f"{where}: tingkat '{row['level']}' bukan pusat, provinsi atau kabkota.")
        if not row["sub_urusan"] or not row["authority"]:
            raise ReferenceDataError(f"{where}: sub urusan atau kewenangan kosong.")
        key = (field_code, row["sub_urusan"])
        if key not in subs:
            numbering[field_code] = numbering.get(field_code, 0) + 1
            code = f"{field_code}.{numbering[field_code]:02d}"
            subs[key] = code
            affairs.append(
                {
                    "code": code,
                    "name": row["sub_urusan"],
                    "level": AffairLevel.SUB,
                    "group": field["group"],
                    "parent": field_code,
                    "source": SUB_SOURCE,
                }
            )
        sub_code = subs[key]
        position = positions[(sub_code, row["level"])] = positions.get((sub_code, row["level"]), 0) + 1
        text = row["authority"]
        rules.append(
            {
                "affair": sub_code,
                "level": row["level"],
                "position": position,
                "text": text,
                "has_authority": not text.startswith(NO_AUTHORITY),
                "source": f"{MATRIX_SOURCE}; {field['name']}, sub urusan {row['sub_urusan']}",
            }
        )
    return affairs, rules


def load_affairs(*, urusan_path: Path = URUSAN_CSV, matrix_path: Path = AUTHORITY_CSV) -> dict[str, SyncResult]:
    """Sync affairs (groups, fields, sub urusan) and authority rules.

    A rule that is no longer in the matrix is deleted (it was a reading of
    the law, and the reading changed); an affair never is, since plans
    point at it."""
    affairs, rules = affair_rows(urusan_path, matrix_path)
    affair_result = SyncResult()
    for level in (AffairLevel.GROUP, AffairLevel.FIELD, AffairLevel.SUB):
        ids = dict(Affair.objects.values_list("code", "id"))
        values = {
            a["code"]: {
                "code": a["code"],
                "name": a["name"],
                "level": a["level"],
                "group": a["group"],
                "parent_id": ids[a["parent"]] if a["parent"] else None,
                "source": a["source"],
            }
            for a in affairs
            if a["level"] == level
        }
        fields = ("name", "level", "group", "parent_id", "source")
        existing = existing_rows(Affair.objects.filter(code__in=list(values)), itemgetter("code"), ("code", *fields))
        affair_result.add(sync(Affair, values, fields=fields, existing=existing))

    ids = dict(Affair.objects.values_list("code", "id"))
    values = {
        (ids[r["affair"]], r["level"], r["position"]): {
            "affair_id": ids[r["affair"]],
            "level": r["level"],
            "position": r["position"],
            "text": r["text"],
            "has_authority": r["has_authority"],
            "source": r["source"],
        }
        for r in rules
    }
    # Sub urusan this loader made, including ones gone from the matrix.
    covered = set(
        Affair.objects.filter(level=AffairLevel.SUB, source__startswith=MATRIX_SOURCE).values_list("id", flat=True)
    )
    fields = ("text", "has_authority", "source")
    existing = existing_rows(
        AuthorityRule.objects.filter(affair_id__in=covered),
        itemgetter("affair_id", "level", "position"),
        ("affair_id", "level", "position", *fields),
    )
    rule_result = sync(AuthorityRule, values, fields=fields, existing=existing)
    stale = [r for key, r in existing.items() if key not in values]
    AuthorityRule.objects.filter(pk__in=[r["id"] for r in stale]).delete()
    codes = {pk: code for code, pk in ids.items()}
    rule_result.retired = [f"{codes[r['affair_id']]} {r['level']} {r['position']}" for r in stale]
    return {"affairs": affair_result, "authority_rules": rule_result}
