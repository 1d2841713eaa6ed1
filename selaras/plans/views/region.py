"""The region page: the coordination matrix of every activity every agency
plans in a region (and below) for one year, as regional governments need it
before a coordination meeting; also as Excel and PDF."""

from __future__ import annotations

from collections import OrderedDict
from decimal import Decimal

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from selaras.core.access import READ, restrict
from selaras.plans import exports, selectors
from selaras.plans.models import Cycle
from selaras.plans.views.common import int_param
from selaras.registry.models import Region


def affair_groups(matrix: selectors.RegionMatrix) -> list[dict]:
    """The matrix rows grouped by affair (in the matrix's order), each with
    its total and its per-agency totals."""
    groups: OrderedDict[str, dict] = OrderedDict()
    for row in matrix.rows:
        group = groups.get(row.affair_code)
        if group is None:
            group = groups[row.affair_code] = {
                "code": row.affair_code,
                "name": row.affair_name,
                "rows": [],
                "total": Decimal("0"),
                "agencies": OrderedDict(),
            }
        group["rows"].append(row)
        group["total"] += row.budget_in_region
        agency = group["agencies"].setdefault(row.agency.pk, {"agency": row.agency, "total": Decimal("0"), "count": 0})
        agency["total"] += row.budget_in_region
        agency["count"] += 1
    result = list(groups.values())
    for group in result:
        group["agencies"] = list(group["agencies"].values())
    return result


def agency_totals(matrix: selectors.RegionMatrix) -> list[dict]:
    totals: dict[int, dict] = {}
    for row in matrix.rows:
        entry = totals.setdefault(row.agency.pk, {"agency": row.agency, "total": Decimal("0"), "count": 0})
        entry["total"] += row.budget_in_region
        entry["count"] += 1
    return sorted(totals.values(), key=lambda e: e["agency"].code)


@login_required
def region_matrix(request: HttpRequest, code: str) -> HttpResponse:
    region = get_object_or_404(restrict(Region.objects.select_related("parent"), request.user, READ), code=code)
    cycle_years = set(restrict(Cycle.objects.all(), request.user, READ).values_list("year", flat=True))
    this_year = timezone.localdate().year
    # Without a year asked for: this year if any cycle runs in it, else the latest cycle's.
    default_year = this_year if this_year in cycle_years or not cycle_years else max(cycle_years)
    year = int_param(request, "tahun", default_year)
    matrix = selectors.region_matrix(request.user, region, year)
    groups = affair_groups(matrix)
    totals = agency_totals(matrix)
    kind = request.GET.get("format", "")
    if kind == "xlsx":
        return exports.matrix_xlsx_response(matrix, groups, totals)
    if kind == "pdf":
        return exports.matrix_pdf_response(matrix, groups, totals)
    years = sorted(cycle_years | {year})
    base = reverse("plans:region_matrix", args=[region.code])
    return render(
        request,
        "plans/region_matrix.html",
        {
            "region": region,
            "year": year,
            "years": years,
            "matrix": matrix,
            "groups": groups,
            "agency_totals": totals,
            "xlsx_url": f"{base}?tahun={year}&format=xlsx",
            "pdf_url": f"{base}?tahun={year}&format=pdf",
            "crumbs": [
                {"label": _("Wilayah"), "url": reverse("registry:region_list")},
                {"label": region.name, "url": reverse("registry:region_detail", args=[region.code])},
                {"label": _("Matriks koordinasi %(year)s") % {"year": year}, "url": ""},
            ],
        },
    )
