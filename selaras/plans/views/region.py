"""The region page: the coordination matrix of every activity every agency
plans in a region (and below) for one year, as regional governments need it
before a coordination meeting; also as Excel and PDF."""

from __future__ import annotations

from html import escape

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from selaras.core.access import READ, restrict
from selaras.core.models import Job, JobStatus
from selaras.core.templatetags.selaras_format import rupiah
from selaras.core.views import breadcrumbs
from selaras.plans import exports, selectors, tasks
from selaras.plans.models import Cycle
from selaras.plans.views.common import int_param
from selaras.registry.models import Region


@login_required
def region_matrix(request: HttpRequest, code: str) -> HttpResponse:
    region = get_object_or_404(restrict(Region.objects.select_related("parent"), request.user, READ), code=code)
    cycle_years = set(restrict(Cycle.objects.all(), request.user, READ).values_list("year", flat=True))
    this_year = timezone.localdate().year
    # Without a year asked for: this year if any cycle runs in it, else the latest cycle's.
    default_year = this_year if this_year in cycle_years or not cycle_years else max(cycle_years)
    year = int_param(request, "tahun", default_year)
    kind = request.GET.get("format", "")
    if kind in tasks.FORMATS and tasks.is_large(request.user, region, year):
        job = tasks.matrix_export_start(region=region, year=year, fmt=kind, by=request.user)
        return redirect("core:job_detail", pk=job.pk)
    matrix = selectors.region_matrix(request.user, region, year)
    groups = exports.affair_groups(matrix)
    totals = exports.agency_totals(matrix)
    if kind == "xlsx":
        return exports.matrix_xlsx_response(matrix, groups, totals)
    if kind == "pdf":
        return exports.matrix_pdf_response(matrix, groups, totals)
    yes = _("ya")
    for group in groups:
        group["rows_html"] = mark_safe("".join(_row_html(row, yes) for row in group["rows"]))
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
            "crumbs": breadcrumbs(
                (_("Wilayah"), reverse("registry:region_list")),
                (region.name, reverse("registry:region_detail", args=[region.code])),
                (_("Matriks koordinasi %(year)s") % {"year": year}, ""),
            ),
        },
    )


def _row_html(row: selectors.MatrixRow, yes: str) -> str:
    """One matrix row as HTML. A province holds thousands of rows; the
    template engine spent over a second on them, this takes a few ms.
    Every value from the database goes through `escape`."""
    agency = row.agency.short_name or row.agency.name
    activity = row.activity
    code = f'<span class="code">{escape(activity.code)}</span> ' if activity.code else ""
    locations = "".join(
        f'<li>{escape(loc.name)} <span class="small muted">{escape(rupiah(loc.budget))}</span></li>'
        for loc in row.locations
    )
    mark = f'<span aria-label="{escape(yes)}">●</span>'
    quarters = "".join(
        f'<td class="q">{mark if on else ""}</td>' for on in (activity.q1, activity.q2, activity.q3, activity.q4)
    )
    return (
        f'<tr><td><a href="{escape(row.agency_url)}">{escape(agency)}</a></td>'
        f'<td><span class="badge status status-{escape(row.status)}">{escape(row.status_label)}</span></td>'
        f'<td><a href="{escape(row.plan.url)}#kegiatan-{activity.pk}">{code}{escape(activity.title)}</a></td>'
        f"<td>{escape(row.funding_source_label)}</td>"
        f'<td><ul class="plain">{locations}</ul></td>'
        f'<td class="num">{escape(rupiah(row.budget_in_region))}</td>{quarters}</tr>\n'
    )


@login_required
def region_matrix_download(request: HttpRequest, job: int) -> HttpResponse:
    """The file a background matrix export built: only for whom the job's
    page is (its starter, administrators) and who may still read the
    region; anyone else gets 404, as for a job that does not exist."""
    jobs = restrict(Job.objects.select_related("region"), request.user, READ)
    found = get_object_or_404(jobs, pk=job, kind=tasks.JOB_KIND, status=JobStatus.SUCCEEDED)
    if found.region_id is None or not restrict(Region.objects.filter(pk=found.region_id), request.user, READ).exists():
        raise Http404
    path = tasks.export_path(found)
    if path is None:
        raise Http404(_("Berkas ekspor sudah dihapus; buat ulang dari halaman matriks."))
    fmt = found.result.get("format", "xlsx")
    return FileResponse(
        path.open("rb"),
        as_attachment=True,
        filename=found.result.get("filename") or path.name,
        content_type=tasks.FORMATS.get(fmt, "application/octet-stream"),
    )
