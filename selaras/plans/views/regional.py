"""A region's own plan for one year: the sub-activities imported from its
planning system (searchable, paginated), and for those who may write it
(its regional officers, national coordinators, administrators) the upload
that replaces them. A file with any error imports nothing; a large one runs
in the background with a progress page."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from selaras.core.access import READ, can_create, restrict
from selaras.core.views import breadcrumbs
from selaras.plans import imports
from selaras.plans.forms import RegionalImportForm
from selaras.plans.models import RegionalPlan, RegionalSubActivity
from selaras.plans.spreadsheets.errors import SpreadsheetImportError
from selaras.plans.views.spreadsheets import import_job_context, issue_rows, visible_job
from selaras.registry.models import Region

ROWS_PER_PAGE = 50
MIN_YEAR, MAX_YEAR = 2000, 2100


def _region_year(request: HttpRequest, code: str, year: int) -> Region:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise Http404(_("Tahun %(year)s tidak valid.") % {"year": year})
    return get_object_or_404(restrict(Region.objects.select_related("parent"), request.user, READ), code=code)


def _crumbs(region: Region, year: int, *extra: tuple[str, str]) -> list[dict]:
    return breadcrumbs(
        (_("Wilayah"), reverse("registry:region_list")),
        (region.name, reverse("registry:region_detail", args=[region.code])),
        (_("Rencana daerah %(year)s") % {"year": year}, reverse("plans:regional_plan", args=[region.code, year])),
        *extra,
    )


def _page(request, region, year, *, form=None, error=None, status=200) -> HttpResponse:
    regional_plan = (
        restrict(RegionalPlan.objects.select_related("imported_by"), request.user, READ)
        .filter(region=region, year=year)
        .first()
    )
    rows = restrict(RegionalSubActivity.objects.filter(regional_plan=regional_plan), request.user, READ)
    query = (request.GET.get("q") or "").strip()[:100]
    if query:
        rows = rows.filter(
            Q(name__icontains=query)
            | Q(code__startswith=query)
            | Q(implementing_office__icontains=query)
            | Q(location_text__icontains=query)
        )
    page = Paginator(rows.select_related("location", "affair").order_by("row_number", "id"), ROWS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    can_upload = can_create(request.user, RegionalPlan, region=region)
    return render(
        request,
        "plans/regional_plan.html",
        {
            "region": region,
            "year": year,
            "regional_plan": regional_plan,
            "page": page,
            "rows": page.object_list,
            "query": query,
            "can_upload": can_upload,
            "form": (form or RegionalImportForm()) if can_upload else None,
            "summary": error.summary if error else "",
            "issues": issue_rows(error) if error else [],
            "hidden_count": (error.errors.count - len(error.errors.issues)) if error else 0,
            "crumbs": _crumbs(region, year),
        },
        status=status,
    )


@login_required
@require_GET
def regional_plan(request: HttpRequest, code: str, year: int) -> HttpResponse:
    return _page(request, _region_year(request, code, year), year)


@login_required
@require_POST
def regional_plan_import(request: HttpRequest, code: str, year: int) -> HttpResponse:
    region = _region_year(request, code, year)
    if not can_create(request.user, RegionalPlan, region=region):
        raise PermissionDenied(_("Anda tidak berwenang mengimpor rencana daerah %(region)s.") % {"region": region.name})
    form = RegionalImportForm(request.POST, request.FILES)
    if not form.is_valid():
        return _page(request, region, year, form=form, status=400)
    upload = form.cleaned_data["file"]
    try:
        if upload.size > imports.BACKGROUND_THRESHOLD_BYTES:
            job = imports.regional_plan_import_start(
                region=region, year=year, by=request.user, file=upload, name=upload.name
            )
            return redirect("plans:regional_import_job", code=region.code, year=year, job=job.pk)
        result = imports.regional_plan_import(region=region, year=year, by=request.user, file=upload, name=upload.name)
    except SpreadsheetImportError as error:
        return _page(request, region, year, error=error, status=400)
    except (ValidationError, PermissionDenied) as error:
        text = getattr(error, "message", None) or " ".join(getattr(error, "messages", [str(error)]))
        messages.error(request, text)
        return redirect("plans:regional_plan", code=region.code, year=year)
    messages.success(
        request,
        _(
            "Berkas %(file)s diimpor: %(rows)s sub kegiatan, %(located)s dengan lokasi wilayah. "
            "Sub kegiatan tahun ini sebelumnya telah diganti."
        )
        % {"file": upload.name, "rows": result.rows, "located": result.located},
    )
    return redirect("plans:regional_plan", code=region.code, year=year)


REGIONAL_COUNTS = ((gettext_lazy("Sub kegiatan"), "rows"), (gettext_lazy("Dengan lokasi wilayah"), "located"))


def _job(request: HttpRequest, code: str, year: int, job_pk: int):
    region = _region_year(request, code, year)
    job = visible_job(request, job_pk, "regional_plan_import")
    if job.region_id != region.pk:
        raise Http404(_("Pekerjaan impor ini bukan milik rencana daerah tersebut."))
    context = import_job_context(
        job,
        progress_url=reverse("plans:regional_import_job_progress", args=[region.code, year, job.pk]),
        back_url=reverse("plans:regional_plan", args=[region.code, year]),
        back_label=_("Kembali ke rencana daerah"),
        retry_url=reverse("plans:regional_plan", args=[region.code, year]),
        counts=[(str(label), key) for label, key in REGIONAL_COUNTS],
    )
    return region, context


@login_required
@require_GET
def regional_import_job(request: HttpRequest, code: str, year: int, job: int) -> HttpResponse:
    region, context = _job(request, code, year, job)
    context["crumbs"] = _crumbs(region, year, (_("Impor"), ""))
    return render(request, "plans/import_job.html", context)


@login_required
@require_GET
def regional_import_job_progress(request: HttpRequest, code: str, year: int, job: int) -> HttpResponse:
    _region, context = _job(request, code, year, job)
    response = render(request, "plans/_import_job_progress.html", context)
    response["Cache-Control"] = "no-store"
    return response
