"""Likely duplicates of a title, across the country, while a planner types.

One look-up index per year, over the year's regional sub-activities (RKPD
imports) and the activities of **submitted** central plans — never a draft:
a draft is its owner's private work.

The index is built once and shared: saved under `var/lookup-index/<year>/`
(`selaras build-lookup-index`, or a background task) and loaded
memory-mapped by every web process. Its version stamp is a fingerprint of
the data (counts, last change and highest id, two aggregate queries per
look-up); a stale or missing index is rebuilt in the background, while the
stale one (or a small search in the database) answers meanwhile. Only a
small year (`SIMILARITY_INLINE_BUILD_MAX_ITEMS`) is built inside a request.

Results are narrowed to what the requesting user may read; without a user,
nothing is returned unless the caller asks for `unrestricted=True`.

Region overlap follows the checks: a province-level record overlaps every
kabupaten/kota inside it, and a query for a kecamatan or village is read at
its kabupaten/kota.

It stays whole over 400 lines: building, stamping, caching and querying the
per-year index share one cache and one set of rules on freshness.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from django.tasks import task

from selaras.sync.explanations import explain
from selaras.sync.similarity.scorer import DEFAULT_THRESHOLD

CENTRAL = "central"
REGIONAL = "regional"
# A year with more items than this is never built inside a web request.
INLINE_BUILD_MAX_ITEMS = 20_000
# A build asked for less than this long ago (seconds) is not asked for again.
BUILD_PENDING_SECONDS = 15 * 60

logger = logging.getLogger(__name__)


@dataclass
class _YearIndex:
    fingerprint: tuple
    index: object | None
    kinds: np.ndarray  # per item: 0 central activity, 1 regional sub-activity
    pks: np.ndarray
    province: np.ndarray  # per item: province code
    regency: np.ndarray  # per item: kabupaten/kota code, "" for a province-level record
    codes: np.ndarray  # per item: the record's region code
    stamp: str = ""
    folder: str = ""  # where it was loaded from or saved to


_CACHE: dict[int, _YearIndex] = {}
_LOCK = threading.Lock()


def index_root() -> Path:
    from django.conf import settings

    configured = getattr(settings, "SIMILARITY_INDEX_DIR", "")
    return Path(configured) if configured else Path(settings.VAR_DIR) / "lookup-index"


def _inline_max() -> int:
    from django.conf import settings

    return int(getattr(settings, "SIMILARITY_INLINE_BUILD_MAX_ITEMS", INLINE_BUILD_MAX_ITEMS))


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


def version_stamp(fingerprint: tuple) -> str:
    """The version of the data an index was built from, as a folder name."""
    text = json.dumps([str(x) for x in fingerprint])
    return hashlib.sha1(text.encode(), usedforsecurity=False).hexdigest()[:16]


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
    workers = 2 if len(titles) > 200_000 else 1  # forking only pays for national data
    index = SimilarityIndex(titles, threshold=DEFAULT_THRESHOLD, workers=workers) if titles else None
    return _YearIndex(
        fingerprint=fingerprint,
        index=index,
        kinds=np.array(kinds, dtype=np.int8),
        pks=np.array(pks, dtype=np.int64),
        province=np.array([p for p, _ in split], dtype=str),
        regency=np.array([r for _, r in split], dtype=str),
        codes=np.array(codes, dtype=str),
        stamp=version_stamp(fingerprint),
    )


# --- on disk ------------------------------------------------------------------------
_ARRAYS = ("kinds", "pks", "province", "regency", "codes")


def _save(year: int, built: _YearIndex) -> Path:
    """Write the year's index into a folder of its own version and point
    `current` at it; older versions are removed (a process that mapped one
    keeps its pages until it lets go)."""
    from selaras.sync.similarity.index import save_index

    root = index_root() / str(year)
    folder = root / built.stamp
    tmp = root / f".{built.stamp}.{os.getpid()}.tmp"
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    meta = {"year": year, "stamp": built.stamp, "fingerprint": [str(x) for x in built.fingerprint]}
    if built.index is not None:
        save_index(built.index, tmp / "index", meta=meta)
    for name in _ARRAYS:
        np.save(tmp / f"{name}.npy", getattr(built, name))
    (tmp / "lookup.json").write_text(json.dumps(meta), encoding="utf-8")
    shutil.rmtree(folder, ignore_errors=True)
    tmp.rename(folder)
    pointer = root / f".current.{os.getpid()}"
    pointer.write_text(built.stamp, encoding="utf-8")
    pointer.replace(root / "current")
    for old in root.iterdir():
        if old.is_dir() and old.name != built.stamp and not old.name.startswith("."):
            shutil.rmtree(old, ignore_errors=True)
    built.folder = str(folder)
    return folder


def _current_folder(year: int) -> Path | None:
    root = index_root() / str(year)
    try:
        stamp = (root / "current").read_text(encoding="utf-8").strip()
    except OSError:
        return None
    folder = root / stamp
    return folder if (folder / "lookup.json").is_file() else None


def _load(folder: Path, fingerprint_now: tuple) -> _YearIndex:
    from selaras.sync.similarity.index import load_index

    meta = json.loads((folder / "lookup.json").read_text(encoding="utf-8"))
    arrays = {name: np.load(folder / f"{name}.npy", mmap_mode="r") for name in _ARRAYS}
    index = load_index(folder / "index") if (folder / "index").is_dir() else None
    # the fingerprint it was built from; equal to now's exactly when the stamps match
    fingerprint = fingerprint_now if meta["stamp"] == version_stamp(fingerprint_now) else tuple(meta["fingerprint"])
    return _YearIndex(fingerprint=fingerprint, index=index, stamp=meta["stamp"], folder=str(folder), **arrays)


def build_year(year: int) -> _YearIndex:
    """Build the year's index from the database and save it (the command and
    the background task call this; a web request only for a small year)."""
    fingerprint = _fingerprint(year)
    built = _build(year, fingerprint)
    _save(year, built)
    with _LOCK:
        _CACHE[year] = built
    _pending_marker(year).unlink(missing_ok=True)
    return built


def _pending_marker(year: int) -> Path:
    return index_root() / f".building-{year}"


def schedule_build(year: int) -> bool:
    """Ask the background worker to (re)build the year's index, unless that
    was asked for recently. True when a build was enqueued."""
    marker = _pending_marker(year)
    try:
        if time.time() - marker.stat().st_mtime < BUILD_PENDING_SECONDS:
            return False
    except OSError:
        pass
    marker.parent.mkdir(parents=True, exist_ok=True)
    marker.write_text(str(time.time()), encoding="utf-8")
    try:
        build_lookup_index_task.enqueue(year=int(year))
    except Exception:
        logger.exception("could not enqueue the look-up index build of %s", year)
        marker.unlink(missing_ok=True)
        return False
    return True


@task
def build_lookup_index_task(*, year: int) -> dict:
    built = build_year(int(year))
    return {"year": int(year), "items": len(built.pks), "stamp": built.stamp}


def _item_count(fingerprint: tuple) -> int:
    # activities (an item per location: at least one each) and sub-activities
    return int(fingerprint[0] or 0) + int(fingerprint[4] or 0)


def year_index(year: int) -> _YearIndex | None:
    """The year's index: from memory, else from disk, else built here when
    the year is small. A stale or missing large index is rebuilt in the
    background; meanwhile the stale one answers, or None when there is none."""
    fingerprint = _fingerprint(year)
    stamp = version_stamp(fingerprint)
    cached = _CACHE.get(year)
    if cached is not None and cached.stamp == stamp:
        return cached
    with _LOCK:
        cached = _CACHE.get(year)
        if cached is not None and cached.stamp == stamp:
            return cached
        folder = _current_folder(year)
        if folder is not None and (cached is None or cached.folder != str(folder)):
            try:
                cached = _CACHE[year] = _load(folder, fingerprint)
            except (OSError, ValueError, KeyError):
                logger.exception("could not load the look-up index in %s", folder)
        if cached is not None and cached.stamp == stamp:
            return cached
        if _item_count(fingerprint) <= _inline_max():
            built = _build(year, fingerprint)
            try:
                _save(year, built)
            except OSError:
                logger.exception("could not save the look-up index of %s", year)
            _CACHE[year] = built
            return built
    schedule_build(year)
    return cached


def _overlapping(idx: _YearIndex, region_code: str) -> np.ndarray:
    province, regency = _split_code(region_code)
    same_province = idx.province == province
    if not regency:
        return same_province
    return same_province & ((idx.regency == regency) | (idx.regency == ""))


def clear_cache() -> None:
    """Forget the indexes held in memory (the files on disk stay)."""
    _CACHE.clear()


def data_years() -> list[int]:
    """Years that have submitted activities or regional sub-activities."""
    from selaras.plans.models import Activity, PlanStatus, RegionalSubActivity

    years = set(
        Activity.objects.exclude(plan__status=PlanStatus.DRAFT).values_list("plan__cycle__year", flat=True).distinct()
    )
    years |= set(RegionalSubActivity.objects.values_list("regional_plan__year", flat=True).distinct())
    return sorted(years)


def lookup(
    title: str,
    year: int | None,
    region_code: str | None = None,
    limit: int = 10,
    *,
    user=None,
    unrestricted: bool = False,
) -> list[dict]:
    """Records of `year` (every year with data when None) whose titles look
    like `title`, best first.

    Each match: kind (`central` or `regional`), id, title, owner, year,
    region code and name, score, `why` (the engine's explanation in
    Indonesian) and the record itself. Only records `user` may read; without
    a user nothing, unless `unrestricted=True` (a command, a check run)."""
    if user is None and not unrestricted:
        return []
    if year is None:
        merged = [m for y in data_years() for m in _lookup_year(title, y, region_code, limit, user)]
        merged.sort(key=lambda m: -m["score"])
        return merged[:limit]
    return _lookup_year(title, int(year), region_code, limit, user)


def _lookup_year(title: str, year: int, region_code: str | None, limit: int, user) -> list[dict]:
    from selaras.core.access import READ, restrict
    from selaras.plans.models import Activity, PlanStatus, RegionalSubActivity

    title = (title or "").strip()
    if not title:
        return []
    idx = year_index(int(year))
    if idx is None:
        return _fallback(title, int(year), region_code, limit, user)
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
        picked.append((match, key[0], key[1], str(idx.codes[match.item])))
    # a stale index may still hold a plan sent back to draft
    activities = Activity.objects.filter(pk__in=[pk for _, k, pk, _ in picked if k == 0]).exclude(
        plan__status=PlanStatus.DRAFT
    )
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
                "why": explain(match.result) if match.result is not None else match.why,
                "record": record,
            }
        )
        if len(out) >= limit:
            break
    return out


# --- while the index is being prepared ------------------------------------------------
FALLBACK_CANDIDATES = 50


def _fallback(title: str, year: int, region_code: str | None, limit: int, user) -> list[dict]:
    """Before the year's index exists: records whose titles hold the query's
    two longest words (a database search), scored by the same scorer."""
    from django.db.models import Q
    from django.utils.translation import gettext as _

    from selaras.core.access import READ, restrict
    from selaras.plans.models import Activity, ActivityLocation, PlanStatus, RegionalSubActivity
    from selaras.sync.similarity.scorer import get_scorer

    words = sorted({w for w in title.split() if len(w) >= 4}, key=len, reverse=True)[:2]
    if not words:
        return []
    locations = ActivityLocation.objects.filter(activity__plan__cycle__year=year).exclude(
        activity__plan__status=PlanStatus.DRAFT
    )
    subs = RegionalSubActivity.objects.filter(regional_plan__year=year)
    for word in words:
        locations = locations.filter(activity__title__icontains=word)
        subs = subs.filter(name__icontains=word)
    if region_code:
        province, regency = _split_code(region_code)
        near = [province] if not regency else [province, regency]
        locations = locations.filter(Q(region__code__in=near) | Q(region__code__startswith=f"{regency or province}."))
        subs = subs.filter(
            Q(regional_plan__region__code__in=near)
            | Q(regional_plan__region__code__startswith=f"{regency or province}.")
        )
    if user is not None:
        locations = locations.filter(activity__in=restrict(Activity.objects.all(), user, READ).values("pk"))
        subs = restrict(subs, user, READ)
    scorer = get_scorer()
    out: list[dict] = []
    seen: set[int] = set()
    for loc in locations.select_related("activity__plan__owner", "region")[:FALLBACK_CANDIDATES]:
        if loc.activity_id in seen:
            continue
        seen.add(loc.activity_id)
        out.append(
            _fallback_match(scorer, title, CENTRAL, loc.activity, loc.activity.plan.owner.name, loc.region, year)
        )
    for sub in subs.select_related("regional_plan__region", "location")[:FALLBACK_CANDIDATES]:
        region = sub.location or sub.regional_plan.region
        out.append(_fallback_match(scorer, title, REGIONAL, sub, sub.regional_plan.region.name, region, year))
    out = [m for m in out if m["score"] >= scorer.threshold]
    for m in out:
        m["why"] = _("%(why)s (indeks sedang disiapkan; hasil sementara)") % {"why": m["why"]}
    out.sort(key=lambda m: -m["score"])
    return out[:limit]


def _fallback_match(scorer, title: str, kind: str, record, owner: str, region, year: int) -> dict:
    result = scorer.compare(title, record.title if kind == CENTRAL else record.name)
    return {
        "kind": kind,
        "id": record.pk,
        "title": record.title if kind == CENTRAL else record.name,
        "owner": owner,
        "year": year,
        "region_code": region.code,
        "region_name": region.name,
        "score": round(float(result.score), 4),
        "why": explain(result),
        "record": record,
    }


def warm_up() -> None:
    """Load the scorer's word lists and the parts of scikit-learn and scipy
    a first look-up imports (about 0.6 s): for a web process to call once at
    start-up, so its first request only loads the saved index and queries."""
    from selaras.sync.similarity.index import CoreTable
    from selaras.sync.similarity.nomenclature import load as load_nomenclature
    from selaras.sync.similarity.scorer import prepare
    from selaras.sync.similarity.vocab import load as load_vocab

    load_vocab()
    load_nomenclature()
    table = CoreTable([prepare("Pelatihan kader kesehatan")])
    _ = table.C @ table.C.T
