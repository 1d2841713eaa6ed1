"""Public browsers of the reference data: regions (province → kabupaten/kota
→ kecamatan → desa, with maps) and agencies (ministries and their units,
regional governments, development partners).

Reference data is public, but every read still goes through the registry's
selectors (and so `selaras.core.access.restrict`), so a future policy
change applies here too.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count, Max
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from selaras.core.jobs import job_start
from selaras.registry import maps, selectors
from selaras.registry.forms import AgencyFilterForm
from selaras.registry.models import Region, RegionLevel

AGENCIES_PER_PAGE = 100

CHILD_LEVEL = {
    None: RegionLevel.PROVINCE,
    RegionLevel.PROVINCE: RegionLevel.REGENCY,
    RegionLevel.REGENCY: RegionLevel.DISTRICT,
    RegionLevel.DISTRICT: RegionLevel.VILLAGE,
}


# ---------------------------------------------------------------------------
# Regions
# ---------------------------------------------------------------------------
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
    boundaries = selectors.region_boundaries(user=request.user, regions=regions)
    stats = boundaries.aggregate(count=Count("pk"), latest=Max("loaded_at"))
    if not stats["count"]:
        return None
    key = f"selaras:map:{scope}:{stats['count']}:{stats['latest'].timestamp()}"
    projection = maps.cached_projection(key, lambda: boundaries.values_list("region__code", "geometry").iterator())
    if projection is None:
        return None
    return maps.boundary_map(projection, _map_areas(regions))


def region_list(request: HttpRequest) -> HttpResponse:
    provinces = selectors.provinces_with_child_counts(user=request.user)
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
            "results": selectors.region_search(user=request.user, query=query),
        },
    )


def region_search(request: HttpRequest) -> HttpResponse:
    """The search results alone, for the HTMX search box."""
    query = request.GET.get("q", "").strip()
    return render(
        request,
        "registry/_region_search_results.html",
        {"query": query, "results": selectors.region_search(user=request.user, query=query)},
    )


def region_detail(request: HttpRequest, code: str) -> HttpResponse:
    user = request.user
    region = get_object_or_404(selectors.readable_regions(user=user).select_related("parent"), code=code)
    ancestors = selectors.region_ancestors(user=user, region=region)
    children = selectors.region_subdivisions(user=user, region=region)
    current_children = [c for c in children if c.valid_until is None]
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
            "agencies": selectors.region_agencies(user=user, region=region, limit=AGENCIES_PER_PAGE),
            "successors": selectors.region_successors(user=user, region=region),
            "predecessors": selectors.region_predecessors(user=user, region=region),
            "crumbs": crumbs,
        },
    )


# ---------------------------------------------------------------------------
# Agencies
# ---------------------------------------------------------------------------
def agency_list(request: HttpRequest) -> HttpResponse:
    form = AgencyFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    qs = selectors.agency_search(
        user=request.user, query=filters.get("q", ""), kind=filters.get("kind", ""), year=filters.get("year")
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


def agency_detail(request: HttpRequest, code: str) -> HttpResponse:
    agency = get_object_or_404(selectors.agency_with_relations(user=request.user), code=code)
    ancestors = selectors.agency_ancestors(user=request.user, agency=agency)
    crumbs = [{"label": _("Instansi"), "url": reverse("registry:agency_list")}]
    crumbs += [{"label": str(a), "url": reverse("registry:agency_detail", args=[a.code])} for a in ancestors]
    crumbs.append({"label": str(agency), "url": ""})
    return render(
        request,
        "registry/agency_detail.html",
        {"agency": agency, "units": selectors.unit_tree(user=request.user, root=agency), "crumbs": crumbs},
    )


# ---------------------------------------------------------------------------
# The demonstration job (started from the job list)
# ---------------------------------------------------------------------------
@login_required
@require_POST
def count_regions_start(request: HttpRequest) -> HttpResponse:
    from selaras.registry.tasks import count_regions

    job = job_start(kind="count_regions", label=_("Hitung wilayah per tingkat"), task=count_regions, by=request.user)
    return redirect("core:job_detail", pk=job.pk)
