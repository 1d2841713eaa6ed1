"""Likely duplicates of a title, across the country, while a planner types.

One look-up index per year and process, over the year's regional
sub-activities (RKPD imports) and the activities of **submitted** central
plans — never a draft: a draft is its owner's private work. The index is
rebuilt when the data change (counts, last change and highest id are its
fingerprint, checked with two aggregate queries per look-up). When a user is
given, the records are narrowed to what that user may read.

Region overlap follows the checks: a province-level record overlaps every
kabupaten/kota inside it, and a query for a kecamatan or village is read at
its kabupaten/kota.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

import numpy as np

from selaras.sync.similarity.scorer import DEFAULT_THRESHOLD

CENTRAL = "central"
REGIONAL = "regional"


@dataclass
class _YearIndex:
    fingerprint: tuple
    index: object | None
    kinds: np.ndarray  # per item: 0 central activity, 1 regional sub-activity
    pks: np.ndarray
    province: np.ndarray  # per item: province code
    regency: np.ndarray  # per item: kabupaten/kota code, "" for a province-level record
    codes: list[str] = field(default_factory=list)  # per item: the record's region code


_CACHE: dict[int, _YearIndex] = {}
_LOCK = threading.Lock()


def _fingerprint(year: int) -> tuple:
    from django.db.models import Count, Max

    from selaras.plans.models import Activity, PlanStatus, RegionalSubActivity

    a = (
        Activity.objects.filter(plan__cycle__year=year)
        .exclude(plan__status=PlanStatus.DRAFT)
        .aggregate(n=Count("pk"), m=Max("pk"), t=Max("updated_at"), p=Max("plan__updated_at"))
    )
    s = RegionalSubActivity.objects.filter(regional_plan__year=year).aggregate(n=Count("pk"), m=Max("pk"))
    return (a["n"], a["m"], a["t"], a["p"], s["n"], s["m"])


def _split_code(code: str) -> tuple[str, str]:
    parts = code.split(".")
    return parts[0], ".".join(parts[:2]) if len(parts) > 1 else ""


def _build(year: int, fingerprint: tuple) -> _YearIndex:
    from selaras.plans.models import ActivityLocation, PlanStatus, RegionalSubActivity
    from selaras.sync.similarity.index import SimilarityIndex

    titles: list[str] = []
    kinds: list[int] = []
    pks: list[int] = []
    codes: list[str] = []
    # one item per activity location: the title repeats, the engine parses it once
    for pk, title, code in (
        ActivityLocation.objects.filter(activity__plan__cycle__year=year)
        .exclude(activity__plan__status=PlanStatus.DRAFT)
        .values_list("activity_id", "activity__title", "region__code")
        .order_by("activity_id", "region__code")
    ):
        titles.append(title)
        kinds.append(0)
        pks.append(pk)
        codes.append(code)
    for pk, name, plan_code, location_code in (
        RegionalSubActivity.objects.filter(regional_plan__year=year)
        .values_list("pk", "name", "regional_plan__region__code", "location__code")
        .order_by("pk")
        .iterator(chunk_size=20_000)
    ):
        titles.append(name)
        kinds.append(1)
        pks.append(pk)
        codes.append(location_code or plan_code)
    split = [_split_code(c) for c in codes]
    workers = 2 if len(titles) > 200_000 else 1  # forking a web worker only pays for national data
    index = SimilarityIndex(titles, threshold=DEFAULT_THRESHOLD, workers=workers) if titles else None
    return _YearIndex(
        fingerprint=fingerprint,
        index=index,
        kinds=np.array(kinds, dtype=np.int8),
        pks=np.array(pks, dtype=np.int64),
        province=np.array([p for p, _ in split], dtype=object),
        regency=np.array([r for _, r in split], dtype=object),
        codes=codes,
    )


def year_index(year: int) -> _YearIndex:
    """The cached index of a year, rebuilt when its records changed."""
    fingerprint = _fingerprint(year)
    cached = _CACHE.get(year)
    if cached is not None and cached.fingerprint == fingerprint:
        return cached
    with _LOCK:
        cached = _CACHE.get(year)
        if cached is None or cached.fingerprint != fingerprint:
            cached = _CACHE[year] = _build(year, fingerprint)
    return cached


def _overlapping(idx: _YearIndex, region_code: str) -> np.ndarray:
    province, regency = _split_code(region_code)
    same_province = idx.province == province
    if not regency:
        return same_province
    return same_province & ((idx.regency == regency) | (idx.regency == ""))


def clear_cache() -> None:
    _CACHE.clear()


def data_years() -> list[int]:
    """Years that have submitted activities or regional sub-activities."""
    from selaras.plans.models import Activity, PlanStatus, RegionalSubActivity

    years = set(
        Activity.objects.exclude(plan__status=PlanStatus.DRAFT).values_list("plan__cycle__year", flat=True).distinct()
    )
    years |= set(RegionalSubActivity.objects.values_list("regional_plan__year", flat=True).distinct())
    return sorted(years)


def lookup(title: str, year: int | None, region_code: str | None = None, limit: int = 10, *, user=None) -> list[dict]:
    """Records of `year` (every year with data when None) whose titles look
    like `title`, best first.

    Each match: kind (`central` or `regional`), id, title, owner, year,
    region code and name, score, `why` (the engine's explanation in
    Indonesian) and the record itself. With `user`, only records that user
    may read."""
    if year is None:
        merged = [m for y in data_years() for m in _lookup_year(title, y, region_code, limit, user)]
        merged.sort(key=lambda m: -m["score"])
        return merged[:limit]
    return _lookup_year(title, int(year), region_code, limit, user)


def _lookup_year(title: str, year: int, region_code: str | None, limit: int, user) -> list[dict]:
    from selaras.core.access import READ, restrict
    from selaras.plans.models import Activity, RegionalSubActivity

    title = (title or "").strip()
    if not title:
        return []
    idx = year_index(int(year))
    if idx.index is None:
        return []
    allowed = _overlapping(idx, region_code) if region_code else None
    # more than asked: one activity has an item per location, and some
    # records may fall outside the user's scope
    raw = idx.index.lookup(title, allowed=allowed, limit=max(limit * 5, 30))
    picked: list[tuple[object, int, int, str]] = []
    seen: set[tuple[int, int]] = set()
    for match in raw:
        key = (int(idx.kinds[match.item]), int(idx.pks[match.item]))
        if key in seen:
            continue
        seen.add(key)
        picked.append((match, key[0], key[1], idx.codes[match.item]))
    activities = Activity.objects.filter(pk__in=[pk for _, k, pk, _ in picked if k == 0])
    subs = RegionalSubActivity.objects.filter(pk__in=[pk for _, k, pk, _ in picked if k == 1])
    if user is not None:
        activities, subs = restrict(activities, user, READ), restrict(subs, user, READ)
    activity_by_pk = {a.pk: a for a in activities.select_related("plan__owner")}
    sub_by_pk = {s.pk: s for s in subs.select_related("regional_plan__region", "location")}
    from selaras.registry.models import Region

    region_names = dict(Region.objects.filter(code__in={c for *_, c in picked}).values_list("code", "name"))
    out: list[dict] = []
    for match, kind, pk, code in picked:
        if kind == 0:
            record = activity_by_pk.get(pk)
            owner = record.plan.owner.name if record is not None else ""
        else:
            record = sub_by_pk.get(pk)
            owner = record.regional_plan.region.name if record is not None else ""
        if record is None:
            continue
        out.append(
            {
                "kind": CENTRAL if kind == 0 else REGIONAL,
                "id": pk,
                "title": match.title,
                "owner": owner,
                "year": int(year),
                "region_code": code,
                "region_name": region_names.get(code, ""),
                "score": round(float(match.score), 4),
                "why": match.why,
                "record": record,
            }
        )
        if len(out) >= limit:
            break
    return out
