""" "Wilayah saya": what lands in a regional officer's province or district
in one year, with the region's own plan beside it, the findings touching it
and the flags it raised. Everything is read through the permission layer:
the central activities through the region matrix (`restrict` on plans), the
findings through the sync selectors' per-reader redaction."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, DecimalField, Max, Sum, Value
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import gettext as _

from selaras.core.access import READ, RoleName, grants_for, restrict
from selaras.home.selectors import officer_regions, region_flags, within
from selaras.plans.models import Cycle, RegionalPlan
from selaras.plans.selectors import MatrixRow, RegionMatrix, region_matrix
from selaras.registry import maps
from selaras.registry.models import AgencyKind, Region
from selaras.registry.selectors import region_boundaries
from selaras.sync.models import FindingStatus
from selaras.sync.selectors import FindingFilters, finding_evidence_for, findings_evidence_for, findings_for

FINDINGS_SHOWN = 50
FLAGS_SHOWN = 50
_MONEY = DecimalField(max_digits=20, decimal_places=2)


def district_region(user, code: str) -> Region | None:
    """The region `code` if it lies inside one of the user's regional
    officer scopes (their province's districts too), else None."""
    grants = grants_for(user)
    if not grants.covers_region(code, RoleName.REGIONAL):
        return None
    return restrict(Region.objects.select_related("parent__parent"), user, READ).filter(code=code).first()


def default_year(user, today_year: int) -> int:
    """The year the region page opens on: this year when a cycle of it is
    readable, else the latest readable year before it (a region looks at
    last year's plans until this year's are made), else this year."""
    years = set(restrict(Cycle.objects.all(), user, READ).values_list("year", flat=True))
    if today_year in years:
        return today_year
    earlier = [y for y in years if y < today_year]
    return max(earlier) if earlier else today_year


def district_years(user, year: int) -> list[int]:
    years = set(restrict(Cycle.objects.all(), user, READ).values_list("year", flat=True))
    return sorted(years | {year})


@dataclass
class FindingRow:
    finding: object
    message: str
    hidden_other: str


@dataclass
class District:
    region: Region
    year: int
    matrix: RegionMatrix
    location_labels: dict[str, str]
    regional_plans: list[RegionalPlan]
    findings: list[FindingRow]
    finding_count: int
    open_finding_count: int
    flags: list | None  # None: the flags app is not installed
    boundary_map: maps.BoundaryMap | None = None
    tile_map: maps.TileMap | None = None
    activity_counts: dict[str, int] = field(default_factory=dict)  # child region code -> activities

    @property
    def regional_budget(self) -> Decimal:
        return sum((p.budget_total for p in self.regional_plans), Decimal("0"))

    @property
    def regional_count(self) -> int:
        return sum(p.sub_count for p in self.regional_plans)


def central_matrix(user, region: Region, year: int) -> RegionMatrix:
    """The region matrix without the regional governments' own plans: the
    activities the centre brings to the region."""
    full = region_matrix(user, region, year)
    rows = [r for r in full.rows if r.agency.kind != AgencyKind.REGIONAL_GOVERNMENT]
    matrix = RegionMatrix(region=region, year=year, rows=rows)
    for row in rows:
        matrix.total_budget += row.budget_in_region
        matrix.budget_by_affair[row.affair_code] = (
            matrix.budget_by_affair.get(row.affair_code, Decimal("0")) + row.budget_in_region
        )
    matrix.activity_count = len(rows)
    matrix.agency_count = len({row.agency.pk for row in rows})
    return matrix


def location_labels(rows: list[MatrixRow]) -> dict[str, str]:
    """Each location's name with the regions above it, down from the
    kabupaten ("Desa X, Kec. Lumbir, Kabupaten Banyumas"), in one query;
    also kept on each location as `label` for the page."""
    codes = {loc.code for row in rows for loc in row.locations}
    parents = {".".join(c.split(".")[:i]) for c in codes for i in (2, 3) if len(c.split(".")) > i}
    names = dict(Region.objects.filter(code__in=parents).values_list("code", "name")) if parents else {}
    labels = {}
    for row in rows:
        for loc in row.locations:
            parts = loc.code.split(".")
            above = []
            if len(parts) > 3:
                above.append(_("Kec. %(name)s") % {"name": names.get(".".join(parts[:3]), parts[2])})
            if len(parts) > 2:
                above.append(names.get(".".join(parts[:2]), ".".join(parts[:2])))
            labels[loc.code] = loc.label = ", ".join([loc.name, *above])
    return labels


def _child_code(code: str, depth: int) -> str | None:
    parts = code.split(".")
    return ".".join(parts[:depth]) if len(parts) >= depth else None


def district_map(user, region: Region, matrix: RegionMatrix) -> tuple[dict[str, int], object, object]:
    """Activity counts per region one level down, and the map shading them:
    the boundaries when loaded, else the province tile grid."""
    depth = len(region.code.split(".")) + 1
    counts: dict[str, int] = {}
    for row in matrix.rows:
        touched = {_child_code(loc.code, depth) or region.code for loc in row.locations}
        for code in touched:
            counts[code] = counts.get(code, 0) + 1
    children = list(Region.objects.current().filter(parent=region).order_by("code"))
    values = {c.code: counts.get(c.code, 0) for c in children}
    shades = maps.shade_classes(values)
    areas = [
        maps.MapArea(
            code=c.code,
            name=c.name,
            url=reverse("registry:region_detail", args=[c.code]),
            shade=shades[c.code],
            label=_("%(name)s: %(count)s kegiatan") % {"name": c.name, "count": values[c.code]},
        )
        for c in children
    ]
    boundaries = region_boundaries(user=user, regions=children) if children else None
    stats = boundaries.aggregate(count=Count("pk"), latest=Max("loaded_at")) if boundaries is not None else None
    if stats and stats["count"]:
        key = f"selaras:map:children:{region.code}:{stats['count']}:{stats['latest'].timestamp()}"
        projection = maps.cached_projection(key, lambda: boundaries.values_list("region__code", "geometry").iterator())
        if projection is not None:
            return counts, maps.boundary_map(projection, areas), None
    province = region.code.split(".")[0]
    tile = maps.MapArea(
        code=province,
        name=region.name,
        url=reverse("registry:region_detail", args=[province]),
        shade="q4" if matrix.rows else "q0",
        label=_("%(name)s: %(count)s kegiatan") % {"name": region.name, "count": matrix.activity_count},
    )
    return counts, None, maps.province_tile_map([tile])


def regional_plans(user, region: Region, year: int) -> list[RegionalPlan]:
    """The region's own imported plans (its own and those below it) with
    their counts and budgets."""
    plans = restrict(RegionalPlan.objects.filter(within("region__code", region.code), year=year), user, READ)
    return list(
        plans.select_related("region")
        .annotate(
            sub_count=Count("sub_activities"),
            budget_total=Coalesce(Sum("sub_activities__budget"), Value(Decimal("0")), output_field=_MONEY),
        )
        .order_by("region__code")
    )


def district_findings(user, region: Region, year: int) -> tuple[list[FindingRow], int, int]:
    """Findings touching the region, as this reader may see them."""
    found = findings_for(user, FindingFilters(region=region.code)).filter(cycle__year=year)
    total = found.count()
    open_count = found.filter(status=FindingStatus.OPEN).count()
    shown = list(found.order_by("-id")[:FINDINGS_SHOWN])
    findings_evidence_for(user, shown)
    rows = []
    for f in shown:
        evidence = finding_evidence_for(user, f)
        rows.append(FindingRow(finding=f, message=evidence.message, hidden_other=evidence.hidden_other))
    return rows, total, open_count


def district(user, region: Region, year: int) -> District:
    matrix = central_matrix(user, region, year)
    findings, total, open_count = district_findings(user, region, year)
    flags = region_flags(user, region)
    if flags is not None:
        flags = list(
            flags.filter(activity__plan__cycle__year=year)
            .select_related("activity__plan__owner", "region")
            .order_by("-created_at")[:FLAGS_SHOWN]
        )
    counts, boundary_map, tile_map = district_map(user, region, matrix)
    return District(
        region=region,
        year=year,
        matrix=matrix,
        location_labels=location_labels(matrix.rows),
        regional_plans=regional_plans(user, region, year),
        findings=findings,
        finding_count=total,
        open_finding_count=open_count,
        flags=flags,
        boundary_map=boundary_map,
        tile_map=tile_map,
        activity_counts=counts,
    )


__all__ = ["District", "district", "district_region", "district_years", "officer_regions"]
