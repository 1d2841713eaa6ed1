"""Region maps drawn on the server as SVG, so they need no JavaScript, no
tile server and no CDN (government intranets, offline demos).

Two kinds:

- `boundary_map`: real shapes from `RegionBoundary` GeoJSON, projected
  equirectangularly (Indonesia straddles the equator, so the distortion is
  small) into a fixed-width viewBox and simplified to the drawing's
  resolution;
- `province_tile_map`: when no boundaries are loaded, the 38 provinces as a
  fixed grid of equal tiles laid out roughly west to east, north to south.

Both shade each region by a value (e.g. how many regions lie below it) in
five classes, choropleth style; the shading is a hint, the table beside the
map carries the numbers.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django.core.cache import cache

VIEW_WIDTH = 1000.0
# Points closer than this (in viewBox units) collapse into one: invisible at
# any sensible display size, and it shrinks national boundaries a hundredfold.
RESOLUTION = 0.8
MIN_AREA = 4.0  # square viewBox units; islets below this are left out

# (column, row, short name) of every province; 17 columns × 7 rows.
PROVINCE_TILES: dict[str, tuple[int, int, str]] = {
    "11": (0, 0, "Aceh"),
    "65": (7, 0, "Kaltara"),
    "71": (11, 0, "Sulut"),
    "12": (1, 1, "Sumut"),
    "14": (2, 1, "Riau"),
    "21": (3, 1, "Kepri"),
    "61": (5, 1, "Kalbar"),
    "64": (7, 1, "Kaltim"),
    "75": (10, 1, "Gorontalo"),
    "82": (12, 1, "Malut"),
    "96": (13, 1, "PBD"),
    "92": (14, 1, "Pabar"),
    "91": (16, 1, "Papua"),
    "13": (1, 2, "Sumbar"),
    "15": (2, 2, "Jambi"),
    "19": (4, 2, "Babel"),
    "62": (6, 2, "Kalteng"),
    "63": (7, 2, "Kalsel"),
    "76": (8, 2, "Sulbar"),
    "72": (9, 2, "Sulteng"),
    "81": (12, 2, "Maluku"),
    "94": (14, 2, "Papteng"),
    "95": (15, 2, "Papeg"),
    "17": (1, 3, "Bengkulu"),
    "16": (2, 3, "Sumsel"),
    "73": (8, 3, "Sulsel"),
    "74": (9, 3, "Sultra"),
    "93": (15, 3, "Papsel"),
    "18": (2, 4, "Lampung"),
    "31": (4, 4, "Jakarta"),
    "36": (3, 5, "Banten"),
    "32": (4, 5, "Jabar"),
    "33": (5, 5, "Jateng"),
    "35": (6, 5, "Jatim"),
    "51": (7, 5, "Bali"),
    "52": (8, 5, "NTB"),
    "53": (9, 5, "NTT"),
    "34": (5, 6, "DIY"),
}
TILE_W = 64
TILE_H = 52
TILE_GAP = 4


@dataclass(frozen=True)
class MapArea:
    code: str
    name: str
    url: str | None
    shade: str  # css class: q0..q4, "plain" (no values) or "missing" (not loaded)
    label: str = ""  # the tooltip, e.g. "Jawa Tengah: 35 kabupaten/kota"


@dataclass(frozen=True)
class DrawnArea:
    area: MapArea
    path: str


@dataclass(frozen=True)
class Tile:
    area: MapArea
    x: int
    y: int
    short_name: str

    @property
    def text_x(self) -> int:
        return self.x + TILE_W // 2

    @property
    def dark(self) -> bool:
        return self.area.shade in ("q3", "q4")


@dataclass(frozen=True)
class TileMap:
    tiles: list[Tile]
    width: int
    height: int
    tile_w: int = TILE_W
    tile_h: int = TILE_H

    @property
    def shaded(self) -> bool:
        return any(t.area.shade not in ("plain", "missing") for t in self.tiles)

    @property
    def view_box(self) -> str:
        return f"0 0 {self.width} {self.height}"


@dataclass(frozen=True)
class BoundaryMap:
    areas: list[DrawnArea]
    width: float
    height: float

    @property
    def shaded(self) -> bool:
        return any(d.area.shade != "plain" for d in self.areas)

    @property
    def view_box(self) -> str:
        # Written here, not in the template, so it is never localised ("1000,0").
        return f"0 0 {self.width:g} {self.height:g}"


def shade_classes(values: Mapping[str, int]) -> dict[str, str]:
    """Five classes from zero to the maximum, equal steps; zero is its own
    class. When every value is zero (nothing loaded below), all areas get
    the neutral "plain" shade instead of a legend that says nothing."""
    top = max(values.values(), default=0)
    if top <= 0:
        return dict.fromkeys(values, "plain")
    shades = {}
    for code, value in values.items():
        shades[code] = f"q{min(4, 1 + int(3 * value / top))}" if value else "q0"
    return shades


def province_tile_map(areas: Iterable[MapArea]) -> TileMap:
    """All 38 provinces as tiles; provinces not in `areas` are drawn without a link."""
    by_code = {a.code: a for a in areas}
    tiles = []
    for code, (col, row, short) in PROVINCE_TILES.items():
        area = by_code.get(code) or MapArea(code=code, name=short, url=None, shade="missing", label=short)
        tiles.append(Tile(area=area, x=col * (TILE_W + TILE_GAP), y=row * (TILE_H + TILE_GAP), short_name=short))
    tiles.sort(key=lambda t: t.area.code)
    cols = 1 + max(c for c, _, _ in PROVINCE_TILES.values())
    rows = 1 + max(r for _, r, _ in PROVINCE_TILES.values())
    return TileMap(
        tiles=tiles, width=cols * (TILE_W + TILE_GAP) - TILE_GAP, height=rows * (TILE_H + TILE_GAP) - TILE_GAP
    )


# ---------------------------------------------------------------------------
# Boundaries
# ---------------------------------------------------------------------------
Ring = list[tuple[float, float]]


def polygons_of(geojson: Mapping) -> list[list[Ring]]:
    """The polygons (each a list of rings of lon/lat) in a GeoJSON geometry,
    Feature or FeatureCollection; unknown types yield nothing."""
    kind = geojson.get("type")
    if kind == "FeatureCollection":
        return [p for f in geojson.get("features", []) for p in polygons_of(f)]
    if kind == "Feature":
        return polygons_of(geojson.get("geometry") or {})
    if kind == "GeometryCollection":
        return [p for g in geojson.get("geometries", []) for p in polygons_of(g)]
    coords = geojson.get("coordinates") or []
    if kind == "Polygon":
        return [[[(float(x), float(y)) for x, y, *_ in ring] for ring in coords]]
    if kind == "MultiPolygon":
        return [[[(float(x), float(y)) for x, y, *_ in ring] for ring in poly] for poly in coords]
    return []


def _bounds(shapes: Iterable[list[list[Ring]]]) -> tuple[float, float, float, float] | None:
    xs: list[float] = []
    ys: list[float] = []
    for polygons in shapes:
        for polygon in polygons:
            for ring in polygon:
                for x, y in ring:
                    xs.append(x)
                    ys.append(y)
    if not xs:
        return None
    return min(xs), min(ys), max(xs), max(ys)


def _simplify(points: list[tuple[float, float]], tolerance: float) -> list[tuple[float, float]]:
    """Douglas–Peucker on a closed ring (iterative: rings can be long)."""
    if len(points) < 4:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (x1, y1), (x2, y2) = points[first], points[last]
        dx, dy = x2 - x1, y2 - y1
        norm = math.hypot(dx, dy)
        worst, index = 0.0, -1
        for i in range(first + 1, last):
            px, py = points[i]
            if norm == 0:
                distance = math.hypot(px - x1, py - y1)
            else:
                distance = abs(dy * px - dx * py + x2 * y1 - y2 * x1) / norm
            if distance > worst:
                worst, index = distance, i
        if index >= 0 and worst > tolerance:
            keep[index] = True
            stack.extend([(first, index), (index, last)])
    return [p for p, kept in zip(points, keep, strict=True) if kept]


def _num(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _ring_path(ring: Ring, project) -> str:
    points: list[tuple[float, float]] = []
    for lon, lat in ring:
        x, y = project(lon, lat)
        x, y = round(x / RESOLUTION) * RESOLUTION, round(y / RESOLUTION) * RESOLUTION
        if not points or points[-1] != (x, y):
            points.append((x, y))
    xs = [x for x, _ in points]
    ys = [y for _, y in points]
    if len(points) < 3 or (max(xs) - min(xs)) * (max(ys) - min(ys)) < MIN_AREA:
        return ""  # smaller than a pixel or two at this scale
    points = _simplify(points, RESOLUTION / 2)
    if len(points) > 1 and points[0] == points[-1]:
        points.pop()
    if len(points) < 3:
        return ""
    first, *rest = points
    return f"M{_num(first[0])} {_num(first[1])}" + "".join(f"L{_num(x)} {_num(y)}" for x, y in rest) + "Z"


@dataclass(frozen=True)
class Projection:
    """Simplified SVG paths by region code, in one shared viewBox."""

    width: float
    height: float
    paths: dict[str, str]


def project_boundaries(geometries: Iterable[tuple[str, Mapping]]) -> Projection | None:
    """Project (code, GeoJSON) pairs into one drawing, or None when no
    geometry is usable."""
    shapes = [(code, polygons_of(geometry or {})) for code, geometry in geometries]
    shapes = [(c, p) for c, p in shapes if p]
    bounds = _bounds(p for _, p in shapes)
    if bounds is None:
        return None
    min_x, min_y, max_x, max_y = bounds
    # Equirectangular with the standard parallel at the middle latitude.
    x_scale = math.cos(math.radians((min_y + max_y) / 2))
    span_x = max((max_x - min_x) * x_scale, 1e-9)
    span_y = max(max_y - min_y, 1e-9)
    scale = VIEW_WIDTH / span_x
    height = max(span_y * scale, 1.0)

    def project(lon: float, lat: float) -> tuple[float, float]:
        return (lon - min_x) * x_scale * scale, (max_y - lat) * scale

    paths = {}
    for code, polygons in shapes:
        path = "".join(_ring_path(ring, project) for polygon in polygons for ring in polygon)
        if path:
            paths[code] = path
    if not paths:
        return None
    return Projection(width=VIEW_WIDTH, height=round(height, 1), paths=paths)


def cached_projection(key: str, loader) -> Projection | None:
    """`project_boundaries(loader())` cached under `key`; the caller puts the
    boundaries' count and latest load time in the key, so reloading them
    invalidates it. `loader` runs only on a miss: geometries can be megabytes."""
    found = cache.get(key)
    if found is not None:
        return found or None
    result = project_boundaries(loader())
    cache.set(key, result or False, 60 * 60)
    return result


def boundary_map(projection: Projection, areas: Iterable[MapArea]) -> BoundaryMap:
    """The projected shapes with the (language- and data-dependent) links,
    names and shades of `areas`; areas without a shape are left out."""
    drawn = [DrawnArea(area=a, path=projection.paths[a.code]) for a in areas if a.code in projection.paths]
    return BoundaryMap(areas=drawn, width=projection.width, height=projection.height)
