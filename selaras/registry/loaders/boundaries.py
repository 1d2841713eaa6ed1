"""Region boundaries from GeoJSON files (province or kabupaten/kota layers,
e.g. from the national geospatial agency), matched to regions by the
feature property `code` (or `kode`, `kode_wilayah`), dotted or not.

Every file is read and checked before anything is written, so a bad file
loads nothing.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from operator import itemgetter
from pathlib import Path

from selaras.registry.loaders import ReferenceDataError, SyncResult, existing_rows, sync
from selaras.registry.models import Region, RegionBoundary

CODE_PROPERTIES = ("code", "kode", "kode_wilayah")
GEOMETRY_TYPES = {
    "Polygon",
    "MultiPolygon",
    "Point",
    "MultiPoint",
    "LineString",
    "MultiLineString",
    "GeometryCollection",
}


@dataclass
class BoundaryReport:
    result: SyncResult = field(default_factory=SyncResult)
    features: int = 0
    unmatched: list[str] = field(default_factory=list)
    without_code: int = 0
    # Current regions of the loaded levels that still have no boundary.
    missing: list[str] = field(default_factory=list)
    files: list[str] = field(default_factory=list)


def normalise_code(value: object) -> str:
    """ "3302", 3302 and "33.02" all mean kabupaten Banyumas."""
    text = str(value).strip()
    if "." in text or not text.isdigit():
        return text
    return ".".join(p for p in (text[0:2], text[2:4], text[4:6], text[6:10]) if p)


def read_features(path: Path) -> list[tuple[str | None, dict]]:
    """(code, geometry) of every feature of a GeoJSON FeatureCollection."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ReferenceDataError(f"{path}: bukan berkas GeoJSON yang dapat dibaca ({exc}).") from exc
    if (
        not isinstance(data, dict)
        or data.get("type") != "FeatureCollection"
        or not isinstance(data.get("features"), list)
    ):
        raise ReferenceDataError(f"{path}: bukan GeoJSON FeatureCollection.")
    features = []
    for i, feature in enumerate(data["features"], start=1):
        geometry = feature.get("geometry") if isinstance(feature, dict) else None
        if not isinstance(geometry, dict) or geometry.get("type") not in GEOMETRY_TYPES:
            raise ReferenceDataError(f"{path}: fitur ke-{i} tidak memiliki geometri GeoJSON yang sah.")
        if geometry["type"] != "GeometryCollection" and not isinstance(geometry.get("coordinates"), list):
            raise ReferenceDataError(f"{path}: fitur ke-{i} tidak memiliki koordinat.")
        props = feature.get("properties") or {}
        raw = next((props[name] for name in CODE_PROPERTIES if props.get(name) not in (None, "")), None)
        features.append((normalise_code(raw) if raw is not None else None, geometry))
    return features


def load_boundaries(*, paths: Iterable[Path], source: str | None = None) -> BoundaryReport:
    """Load the boundaries of every file; the caller runs this in one
    transaction. The last file wins when two carry the same code."""
    paths = list(paths)
    if not paths:
        raise ReferenceDataError("Tidak ada berkas GeoJSON untuk dimuat.")
    report = BoundaryReport(files=[str(p) for p in paths])
    per_file = [(path, read_features(path)) for path in paths]

    regions = {code: (pk, level) for pk, code, level in Region.objects.values_list("id", "code", "level")}
    rows: dict[int, dict] = {}
    levels: set[str] = set()
    for path, features in per_file:
        label = (source or path.name)[:200]
        for code, geometry in features:
            report.features += 1
            if code is None:
                report.without_code += 1
                continue
            match = regions.get(code)
            if match is None:
                report.unmatched.append(code)
                continue
            region_id, level = match
            levels.add(level)
            rows[region_id] = {"region_id": region_id, "geometry": geometry, "source": label}

    existing = existing_rows(
        RegionBoundary.objects.filter(region_id__in=list(rows)),
        itemgetter("region_id"),
        ("region_id", "geometry", "source"),
    )
    report.result = sync(RegionBoundary, rows, fields=("geometry", "source"), existing=existing)
    report.unmatched.sort()
    report.missing = list(
        Region.objects.current().filter(level__in=levels, boundary__isnull=True).values_list("code", flat=True)
    )
    return report
