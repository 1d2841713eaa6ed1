"""Reads of reference data. Reference data is public to read, but every
read still goes through the one permission layer."""

from __future__ import annotations

from django.db.models import Case, Count, IntegerField, Prefetch, Q, QuerySet, Value, When

from selaras.core.access import READ, restrict
from selaras.registry.models import (
    Affair,
    AffairLevel,
    Agency,
    AgencyKind,
    AuthorityRule,
    DevelopmentTarget,
    Region,
    RegionBoundary,
    RegionLevel,
)


def region_list(
    *, user, level: str | None = None, within: str | None = None, include_retired: bool = False
) -> QuerySet[Region]:
    """Regions, optionally of one level and inside one region; current ones
    unless `include_retired`."""
    qs = restrict(Region.objects.all(), user, READ)
    if not include_retired:
        qs = qs.current()
    if level:
        qs = qs.filter(level=level)
    if within:
        qs = qs.within(within).exclude(code=within)
    return qs.select_related("parent")


def region_children(*, user, region: Region | None) -> QuerySet[Region]:
    """The current regions directly below `region` (provinces for None)."""
    qs = restrict(Region.objects.current(), user, READ)
    if region is None:
        return qs.filter(level=RegionLevel.PROVINCE)
    return qs.filter(parent=region)


def agency_list(*, user, kind: str | None = None, year: int | None = None) -> QuerySet[Agency]:
    """Agencies, optionally of one kind and valid in one year."""
    qs = restrict(Agency.objects.all(), user, READ)
    if kind:
        qs = qs.filter(kind=kind)
    if year:
        qs = qs.valid_in(year)
    return qs.select_related("parent", "region")


def agency_for_region(*, user, region: Region) -> Agency | None:
    """The regional government of a province or kabupaten/kota."""
    return restrict(Agency.objects.filter(code=f"pemda.{region.code}"), user, READ).first()


def affair_list(*, user, level: str | None = None, parent: Affair | None = None) -> QuerySet[Affair]:
    qs = restrict(Affair.objects.all(), user, READ)
    if level:
        qs = qs.filter(level=level)
    if parent is not None:
        qs = qs.filter(parent=parent)
    return qs.select_related("parent")


def authority_rules_for(*, user, affair: Affair) -> QuerySet[AuthorityRule]:
    """The annex items of a sub urusan, or of every sub urusan of a field."""
    qs = restrict(AuthorityRule.objects.all(), user, READ)
    if affair.level == AffairLevel.SUB:
        return qs.filter(affair=affair)
    return qs.filter(affair__parent=affair).select_related("affair")


def target_list(*, user, framework_code: str | None = None) -> QuerySet[DevelopmentTarget]:
    qs = restrict(DevelopmentTarget.objects.all(), user, READ)
    if framework_code:
        qs = qs.filter(framework__code=framework_code)
    return qs.select_related("framework").prefetch_related("affairs")


# --- the reference browsers (registry views) ---------------------------------
SEARCH_LIMIT = 50
MAX_TREE_DEPTH = 8
# Units and regional offices are shown inside their parent's page.
TOP_LEVEL_KINDS = (AgencyKind.MINISTRY, AgencyKind.REGIONAL_GOVERNMENT, AgencyKind.PARTNER)
KIND_ORDER = (
    AgencyKind.MINISTRY,
    AgencyKind.REGIONAL_GOVERNMENT,
    AgencyKind.PARTNER,
    AgencyKind.UNIT,
    AgencyKind.REGIONAL_OFFICE,
)


def readable_regions(*, user) -> QuerySet[Region]:
    """Every region the user may read, retired ones included."""
    return restrict(Region.objects.all(), user, READ)


def with_child_counts(qs: QuerySet[Region]) -> QuerySet[Region]:
    """Each region with `child_count`, its current regions one level down."""
    return qs.annotate(child_count=Count("children", filter=Q(children__valid_until__isnull=True)))


def region_search(*, user, query: str, limit: int = SEARCH_LIMIT) -> list[Region]:
    """Regions whose name contains `query` or whose code starts with it."""
    query = query.strip()
    if not query:
        return []
    qs = readable_regions(user=user).filter(Q(name__icontains=query) | Q(code__startswith=query))
    return list(qs.select_related("parent").order_by("code")[:limit])


def provinces_with_child_counts(*, user) -> list[Region]:
    qs = readable_regions(user=user).current().filter(level=RegionLevel.PROVINCE)
    return list(with_child_counts(qs).order_by("code"))


def region_ancestors(*, user, region: Region) -> list[Region]:
    """The readable regions above `region`, province first."""
    return list(readable_regions(user=user).filter(code__in=region.ancestor_codes()[:-1]).order_by("code"))


def region_subdivisions(*, user, region: Region) -> list[Region]:
    """The regions directly below `region`, retired ones included, with their child counts."""
    return list(with_child_counts(readable_regions(user=user).filter(parent=region)).order_by("code"))


def region_agencies(*, user, region: Region, limit: int) -> list[Agency]:
    """The regional governments and offices seated in `region`."""
    return list(
        restrict(Agency.objects.filter(region=region), user, READ)
        .filter(kind__in=[AgencyKind.REGIONAL_GOVERNMENT, AgencyKind.REGIONAL_OFFICE])
        .order_by("kind", "code")[:limit]
    )


def region_successors(*, user, region: Region) -> list[Region]:
    """The regions a retired region was split into or merged with."""
    return list(restrict(region.successors.all(), user, READ)) if region.valid_until else []


def region_predecessors(*, user, region: Region) -> list[Region]:
    return list(restrict(region.predecessors.all(), user, READ))


def region_boundaries(*, user, regions: list[Region]) -> QuerySet[RegionBoundary]:
    return restrict(RegionBoundary.objects.filter(region__in=[r.pk for r in regions]), user, READ)


def readable_agencies(*, user) -> QuerySet[Agency]:
    return restrict(Agency.objects.all(), user, READ)


def restructuring_prefetches(*, user) -> list[Prefetch]:
    """Successors and predecessors of agencies, as far as the user may read them."""
    related = readable_agencies(user=user).order_by("code")
    return [Prefetch("successors", queryset=related), Prefetch("predecessors", queryset=related)]


def agency_search(*, user, query: str = "", kind: str = "", year: int | None = None) -> QuerySet[Agency]:
    """The agency list's rows: top-level agencies unless a kind or a query
    is given, ministries first, with their unit counts."""
    qs = readable_agencies(user=user)
    query = query.strip()
    if kind:
        qs = qs.filter(kind=kind)
    elif not query:
        qs = qs.filter(kind__in=TOP_LEVEL_KINDS)
    if query:
        qs = qs.filter(
            Q(name__icontains=query)
            | Q(short_name__icontains=query)
            | Q(code__istartswith=query)
            | Q(budget_code=query)
        )
    if year:
        qs = qs.valid_in(year)
    kind_rank = Case(*(When(kind=k, then=Value(i)) for i, k in enumerate(KIND_ORDER)), output_field=IntegerField())
    return (
        qs.select_related("region", "parent")
        .annotate(unit_count=Count("units", distinct=True), kind_rank=kind_rank)
        .prefetch_related(*restructuring_prefetches(user=user))
        .order_by("kind_rank", "budget_code", "code")
    )


def agency_with_relations(*, user) -> QuerySet[Agency]:
    """Readable agencies with their region, parent and restructuring, for one agency's page."""
    return (
        readable_agencies(user=user)
        .select_related("region", "parent")
        .prefetch_related(*restructuring_prefetches(user=user))
    )


def agency_ancestors(*, user, agency: Agency) -> list[Agency]:
    """The readable agencies above `agency`, the top one first."""
    ancestors: list[Agency] = []
    parent = agency.parent
    while parent is not None and len(ancestors) < MAX_TREE_DEPTH:
        ancestors.insert(0, parent)
        parent = readable_agencies(user=user).filter(pk=parent.parent_id).first() if parent.parent_id else None
    return ancestors


def unit_tree(*, user, root: Agency) -> list[dict]:
    """The units below `root` as nested dicts, one query per level."""
    children_of: dict[int, list[Agency]] = {}
    frontier = [root.pk]
    seen = {root.pk}
    for _depth in range(MAX_TREE_DEPTH):
        level = list(readable_agencies(user=user).filter(parent_id__in=frontier).order_by("code"))
        level = [a for a in level if a.pk not in seen]
        if not level:
            break
        for agency in level:
            children_of.setdefault(agency.parent_id, []).append(agency)
            seen.add(agency.pk)
        frontier = [a.pk for a in level]

    def build(pk: int) -> list[dict]:
        return [{"agency": a, "children": build(a.pk)} for a in children_of.get(pk, [])]

    return build(root.pk)


def reference_counts(*, user) -> dict[str, int]:
    """How much reference data is loaded, as the user may see it (the home page's figures)."""
    by_level = dict(
        restrict(Region.objects.current(), user, READ)
        .values_list("level")
        .annotate(n=Count("pk"))
        .values_list("level", "n")
    )
    by_kind = dict(
        restrict(Agency.objects.all(), user, READ).values_list("kind").annotate(n=Count("pk")).values_list("kind", "n")
    )
    return {
        "provinces": by_level.get(RegionLevel.PROVINCE, 0),
        "regencies": by_level.get(RegionLevel.REGENCY, 0),
        "districts": by_level.get(RegionLevel.DISTRICT, 0),
        "villages": by_level.get(RegionLevel.VILLAGE, 0),
        "ministries": by_kind.get(AgencyKind.MINISTRY, 0),
        "regional_governments": by_kind.get(AgencyKind.REGIONAL_GOVERNMENT, 0),
        "partners": by_kind.get(AgencyKind.PARTNER, 0),
        "affairs": restrict(Affair.objects.filter(level=AffairLevel.SUB), user, READ).count(),
        "authority_rules": restrict(AuthorityRule.objects.filter(has_authority=True), user, READ).count(),
    }
