"""The home page ("Tugas saya": what waits for the signed-in user, with the
reference counts below) and "Wilayah saya", a regional officer's page of
what lands in their region."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from selaras.home import district as districts
from selaras.home import exports
from selaras.home.selectors import officer_regions, tasks_for
from selaras.home.services import district_key, mark_seen
from selaras.registry.selectors import reference_counts


def home(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "home/home.html",
        {
            "counts": reference_counts(user=request.user),
            "task_list": tasks_for(request.user),
            "my_regions": officer_regions(request.user) if request.user.is_authenticated else [],
        },
    )


@login_required
def my_district(request: HttpRequest) -> HttpResponse:
    """One region: straight to it; several: a chooser; none: not found."""
    regions = officer_regions(request.user)
    if not regions:
        raise Http404
    if len(regions) == 1:
        return redirect("home:district", code=regions[0].code)
    return render(request, "home/district_choose.html", {"regions": regions})


def _year(request: HttpRequest) -> int:
    try:
        year = int(request.GET.get("tahun", ""))
    except ValueError:
        return districts.default_year(request.user, timezone.localdate().year)
    # A year outside any plausible plan is not an error worth a 500.
    return year if 1900 <= year <= 2200 else districts.default_year(request.user, timezone.localdate().year)


@login_required
def district(request: HttpRequest, code: str) -> HttpResponse:
    region = districts.district_region(request.user, code)
    if region is None:
        raise Http404
    year = _year(request)
    data = districts.district(request.user, region, year)
    kind = request.GET.get("format", "")
    if kind == "xlsx":
        return exports.district_xlsx_response(data)
    if kind == "pdf":
        return exports.district_pdf_response(data)
    mark_seen(user=request.user, key=district_key(region.code))
    base = reverse("home:district", args=[region.code])
    return render(
        request,
        "home/district.html",
        {
            "d": data,
            "region": region,
            "year": year,
            "years": districts.district_years(request.user, year),
            "groups": exports.matrix_exports.affair_groups(data.matrix),
            "agency_totals": exports.matrix_exports.agency_totals(data.matrix),
            "xlsx_url": f"{base}?tahun={year}&format=xlsx",
            "pdf_url": f"{base}?tahun={year}&format=pdf",
            "map_title": _("Kegiatan pusat di %(region)s, %(year)s") % {"region": region.name, "year": year},
            "crumbs": [
                {"label": _("Beranda"), "url": reverse("home:home")},
                {"label": _("Wilayah saya: %(region)s") % {"region": region.name}, "url": ""},
            ],
        },
    )
