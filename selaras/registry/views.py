"""Public browsers of the reference data: regions (province → kabupaten/kota
→ kecamatan → desa, with maps) and agencies (ministries and their units,
regional governments, development partners).

Reference data is public, but every read still goes through
`selaras.core.access.restrict`, so a future policy change applies here too.
"""

from __future__ import annotations

from django import forms
from django.core.paginator import Paginator
from django.db.models import Case, Count, IntegerField, Max, Prefetch, Q, QuerySet, Value, When
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from selaras.core.access import READ, restrict
from selaras.registry import maps
from selaras.registry.models import Agency, AgencyKind, Region, RegionBoundary, RegionLevel

SEARCH_LIMIT = 50
AGENCIES_PER_PAGE = 100
MAX_TREE_DEPTH = 8

CHILD_LEVEL = {
    None: RegionLevel.PROVINCE,
    RegionLevel.PROVINCE: RegionLevel.REGENCY,
    RegionLevel.REGENCY: RegionLevel.DISTRICT,
    RegionLevel.DISTRICT: RegionLevel.VILLAGE,
}


# ---------------------------------------------------------------------------
# Regions
# ---------------------------------------------------------------------------
def _regions(request: HttpRequest) -> QuerySet[Region]:
    return restrict(Region.objects.all(), request.user, READ)


def _with_child_counts(qs: QuerySet[Region]) -> QuerySet[Region]:
    return qs.annotate(child_count=Count("children", filter=Q(children__valid_until__isnull=True)))


def search_regions(request: HttpRequest, query: str) -> list[Region]:
    """Regions whose name contains `query` or whose code starts with it."""
    query = query.strip()
    if not query:
        return []
    qs = _regions(request).filter(Q(name__icontains=query) | Q(code__startswith=query))
    return list(qs.select_related("parent").order_by("code")[:SEARCH_LIMIT])


def _child_label(level: str | None) -> str:
    return {
        RegionLevel.PROVINCE: _("kabupaten/kota"),
        RegionLevel.REGENCY: _("kecamatan"),
        RegionLevel.DISTRICT: _("desa/kelurahan"),
    }.get(level, "")


def _map_areas(regions: list[Region]) -> list[maps.MapArea]:
    shades = maps.shade_classes({r.code: r.child_count for r in regions})
    areas = []
    for r in regions:
        label = r.name
        below = _child_label(r.level)
        if below:
            label = _("%(name)s: %(count)s %(below)s") % {"name": r.name, "count": r.child_count, "below": below}
        areas.append(
            maps.MapArea(
                code=r.code,
                name=r.name,
                url=reverse("registry:region_detail", args=[r.code]),
                shade=shades[r.code],
                label=label,
            )
        )
    return areas


def _boundary_map(request: HttpRequest, regions: list[Region], scope: str) -> maps.BoundaryMap | None:
    """The boundary map of `regions` if any of them has a boundary loaded."""
    if not regions:
        return None
    boundaries = restrict(RegionBoundary.objects.filter(region__in=[r.pk for r in regions]), request.user, READ)
    stats = boundaries.aggregate(count=Count("pk"), latest=Max("loaded_at"))
    if not stats["count"]:
        return None
    key = f"selaras:map:{scope}:{stats['count']}:{stats['latest'].timestamp()}"
    projection = maps.cached_projection(key, lambda: boundaries.values_list("region__code", "geometry").iterator())
    if projection is None:
        return None
    return maps.boundary_map(projection, _map_areas(regions))


def region_list(request: HttpRequest) -> HttpResponse:
    provinces = list(
        _with_child_counts(_regions(request).current().filter(level=RegionLevel.PROVINCE)).order_by("code")
    )
    boundary_map = _boundary_map(request, provinces, "provinces")
    query = request.GET.get("q", "").strip()
    return render(
        request,
        "registry/region_list.html",
        {
            "provinces": provinces,
            "boundary_map": boundary_map,
            "tile_map": None if boundary_map else maps.province_tile_map(_map_areas(provinces)),
            "query": query,
            "results": search_regions(request, query),
        },
    )


def region_search(request: HttpRequest) -> HttpResponse:
    """The search results alone, for the HTMX search box."""
    query = request.GET.get("q", "").strip()
    return render(
        request,
        "registry/_region_search_results.html",
        {"query": query, "results": search_regions(request, query)},
    )


def region_detail(request: HttpRequest, code: str) -> HttpResponse:
    region = get_object_or_404(_regions(request).select_related("parent"), code=code)
    ancestors = list(_regions(request).filter(code__in=region.ancestor_codes()[:-1]).order_by("code"))
    children = list(_with_child_counts(_regions(request).filter(parent=region)).order_by("code"))
    current_children = [c for c in children if c.valid_until is None]
    agencies = list(
        restrict(Agency.objects.filter(region=region), request.user, READ)
        .filter(kind__in=[AgencyKind.REGIONAL_GOVERNMENT, AgencyKind.REGIONAL_OFFICE])
        .order_by("kind", "code")[:AGENCIES_PER_PAGE]
    )
    successors = list(restrict(region.successors.all(), request.user, READ)) if region.valid_until else []
    predecessors = list(restrict(region.predecessors.all(), request.user, READ))
    crumbs = [{"label": _("Wilayah"), "url": reverse("registry:region_list")}]
    crumbs += [{"label": a.name, "url": reverse("registry:region_detail", args=[a.code])} for a in ancestors]
    crumbs.append({"label": region.name, "url": ""})
    return render(
        request,
        "registry/region_detail.html",
        {
            "region": region,
            "children": children,
            "child_level": CHILD_LEVEL.get(region.level),
            "child_label": _child_label(region.level),
            "grandchild_label": _child_label(CHILD_LEVEL.get(region.level)),
            "boundary_map": _boundary_map(request, current_children, f"children:{region.code}"),
            "agencies": agencies,
            "successors": successors,
            "predecessors": predecessors,
            "crumbs": crumbs,
        },
    )


# ---------------------------------------------------------------------------
# Agencies
# ---------------------------------------------------------------------------
KIND_ORDER = [
    AgencyKind.MINISTRY,
    AgencyKind.REGIONAL_GOVERNMENT,
    AgencyKind.PARTNER,
    AgencyKind.UNIT,
    AgencyKind.REGIONAL_OFFICE,
]
TOP_LEVEL_KINDS = [AgencyKind.MINISTRY, AgencyKind.REGIONAL_GOVERNMENT, AgencyKind.PARTNER]


class AgencyFilterForm(forms.Form):
    q = forms.CharField(label=gettext_lazy("Cari"), required=False, max_length=100)
    kind = forms.ChoiceField(
        label=gettext_lazy("Jenis"),
        required=False,
        choices=[("", gettext_lazy("Semua jenis utama")), *AgencyKind.choices],
    )
    year = forms.IntegerField(
        label=gettext_lazy("Berlaku pada tahun"),
        required=False,
        min_value=1945,
        max_value=2100,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )


def _agencies(request: HttpRequest) -> QuerySet[Agency]:
    return restrict(Agency.objects.all(), request.user, READ)


def _restructuring_prefetches(request: HttpRequest) -> list[Prefetch]:
    related = restrict(Agency.objects.all(), request.user, READ).order_by("code")
    return [Prefetch("successors", queryset=related), Prefetch("predecessors", queryset=related)]


def agency_list(request: HttpRequest) -> HttpResponse:
    form = AgencyFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    qs = _agencies(request)
    query = filters.get("q", "").strip()
    if filters.get("kind"):
        qs = qs.filter(kind=filters["kind"])
    elif not query:
        # Units and regional offices are shown inside their parent's page.
        qs = qs.filter(kind__in=TOP_LEVEL_KINDS)
    if query:
        qs = qs.filter(
            Q(name__icontains=query)
            | Q(short_name__icontains=query)
            | Q(code__istartswith=query)
            | Q(budget_code=query)
        )
    if filters.get("year"):
        qs = qs.valid_in(filters["year"])
    kind_rank = Case(*(When(kind=k, then=Value(i)) for i, k in enumerate(KIND_ORDER)), output_field=IntegerField())
    qs = (
        qs.select_related("region", "parent")
        .annotate(unit_count=Count("units", distinct=True), kind_rank=kind_rank)
        .prefetch_related(*_restructuring_prefetches(request))
        .order_by("kind_rank", "budget_code", "code")
    )
    page = Paginator(qs, AGENCIES_PER_PAGE).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    return render(
        request,
        "registry/agency_list.html",
        {
            "form": form,
            "page": page,
            "agencies": page.object_list,
            "filter_query": params.urlencode(),
        },
    )


def _unit_tree(request: HttpRequest, root: Agency) -> list[dict]:
    """The units below `root` as nested dicts, one query per level."""
    children_of: dict[int, list[Agency]] = {}
    frontier = [root.pk]
    seen = {root.pk}
    for _depth in range(MAX_TREE_DEPTH):
        level = list(_agencies(request).filter(parent_id__in=frontier).order_by("code"))
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


def agency_detail(request: HttpRequest, code: str) -> HttpResponse:
    agency = get_object_or_404(
        _agencies(request).select_related("region", "parent").prefetch_related(*_restructuring_prefetches(request)),
        code=code,
    )
    ancestors: list[Agency] = []
    parent = agency.parent
    while parent is not None and len(ancestors) < MAX_TREE_DEPTH:
        ancestors.insert(0, parent)
        parent = _agencies(request).filter(pk=parent.parent_id).first() if parent.parent_id else None
    crumbs = [{"label": _("Instansi"), "url": reverse("registry:agency_list")}]
    crumbs += [{"label": str(a), "url": reverse("registry:agency_detail", args=[a.code])} for a in ancestors]
    crumbs.append({"label": str(agency), "url": ""})
    return render(
        request,
        "registry/agency_detail.html",
        {"agency": agency, "units": _unit_tree(request, agency), "crumbs": crumbs},
    )
