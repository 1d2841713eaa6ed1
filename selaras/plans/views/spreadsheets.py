"""Plans in Excel on the pages: a cycle's empty template, a plan's export,
and the upload that replaces a plan's activities with a workbook's.

A small file is imported within the request; a large one runs as a
background job (`imports.plan_import_start`) whose page shows the progress
bar and, when it ends, the counts or every error with its place. Either
way a file with any error saves nothing.
"""

from __future__ import annotations

import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from selaras.core.access import READ, restrict
from selaras.core.models import Job, JobStatus
from selaras.core.versioning import StaleEdit
from selaras.plans import imports, services
from selaras.plans.exports import XLSX_TYPE
from selaras.plans.forms import PlanImportForm
from selaras.plans.models import Cycle, Plan
from selaras.plans.spreadsheets.errors import SpreadsheetImportError
from selaras.plans.spreadsheets.exporter import build_export
from selaras.plans.spreadsheets.template import build_workbook
from selaras.plans.views.common import plan_crumbs, readable_plan, writable_or_redirect


def xlsx_response(workbook, filename: str) -> HttpResponse:
    out = io.BytesIO()
    workbook.save(out)
    response = HttpResponse(out.getvalue(), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
@require_GET
def cycle_template(request: HttpRequest, pk: int) -> HttpResponse:
    cycle = get_object_or_404(restrict(Cycle.objects.select_related("programme"), request.user, READ), pk=pk)
    filename = f"templat-{slugify(cycle.programme.code)}-{cycle.year}.xlsx"
    return xlsx_response(build_workbook(cycle), filename)


@login_required
@require_GET
def plan_export(request: HttpRequest, pk: int) -> HttpResponse:
    plan = readable_plan(request, pk)
    filename = f"rencana-{slugify(plan.owner.code)}-{slugify(plan.cycle.programme.code)}-{plan.cycle.year}.xlsx"
    return xlsx_response(build_export(plan), filename)


def issue_rows(error: SpreadsheetImportError) -> list[dict]:
    return [issue.as_dict() for issue in error.errors]


def _import_page(request, plan, form, *, error: SpreadsheetImportError | None = None, status=200) -> HttpResponse:
    return render(
        request,
        "plans/plan_import.html",
        {
            "plan": plan,
            "form": form,
            "summary": error.summary if error else "",
            "issues": issue_rows(error) if error else [],
            "hidden_count": (error.errors.count - len(error.errors.issues)) if error else 0,
            "template_url": reverse("plans:cycle_template", args=[plan.cycle_id]),
            "threshold": imports.BACKGROUND_THRESHOLD_BYTES,
            "crumbs": plan_crumbs(plan, (_("Impor dari Excel"), "")),
        },
        status=status,
    )


@login_required
def plan_import(request: HttpRequest, pk: int) -> HttpResponse:
    plan = readable_plan(request, pk)
    refused = writable_or_redirect(request, plan)
    if refused:
        return refused
    if request.method != "POST":
        return _import_page(request, plan, PlanImportForm(initial={"version": plan.version}))
    form = PlanImportForm(request.POST, request.FILES)
    if not form.is_valid():
        return _import_page(request, plan, form, status=400)
    upload = form.cleaned_data["file"]
    version = form.cleaned_data.get("version")
    try:
        if upload.size > imports.BACKGROUND_THRESHOLD_BYTES:
            # The job replaces the content later; refuse now if the page was stale.
            services.check_version(plan, version)
            job = imports.plan_import_start(plan=plan, by=request.user, file=upload, name=upload.name)
            return redirect("plans:plan_import_job", pk=plan.pk, job=job.pk)
        result = imports.plan_import(
            plan=plan, by=request.user, file=upload, name=upload.name, expected_version=version
        )
    except SpreadsheetImportError as error:
        return _import_page(request, plan, PlanImportForm(initial={"version": plan.version}), error=error, status=400)
    except StaleEdit as error:
        messages.error(request, error.message)
        return redirect("plans:plan_detail", pk=plan.pk)
    except (ValidationError, PermissionDenied) as error:
        text = getattr(error, "message", None) or " ".join(getattr(error, "messages", [str(error)]))
        messages.error(request, text)
        return redirect("plans:plan_detail", pk=plan.pk)
    messages.success(
        request,
        _(
            "Berkas %(file)s diimpor: %(activities)s kegiatan, %(locations)s lokasi, %(indicators)s indikator. "
            "Isi rencana sebelumnya telah diganti."
        )
        % {
            "file": upload.name,
            "activities": result.activities,
            "locations": result.locations,
            "indicators": result.indicators,
        },
    )
    return redirect("plans:plan_detail", pk=plan.pk)


# --- the background import's page -------------------------------------------------
def visible_job(request: HttpRequest, pk: int, kind: str) -> Job:
    jobs = restrict(Job.objects.select_related("started_by", "agency", "region"), request.user, READ)
    return get_object_or_404(jobs, pk=pk, kind=kind)


def import_job_context(
    job: Job, *, progress_url: str, back_url: str, back_label: str, retry_url: str, counts: list[tuple]
) -> dict:
    """What the import job page and its polled partial show: progress while
    it runs; then the counts, or the failure with every located error."""
    result = job.result or {}
    return {
        "job": job,
        "progress_url": progress_url,
        "back_url": back_url,
        "back_label": back_label,
        "retry_url": retry_url,
        "counts": [(label, result.get(key, 0)) for label, key in counts] if job.status == JobStatus.SUCCEEDED else [],
        "issues": result.get("errors", []) if job.status == JobStatus.FAILED else [],
        "hidden_count": max(0, result.get("error_count", 0) - len(result.get("errors", []))),
    }


def _plan_job(request: HttpRequest, pk: int, job_pk: int) -> tuple[Plan, Job]:
    plan = readable_plan(request, pk)
    job = visible_job(request, job_pk, "plan_import")
    # The job belongs to this plan: same owner, and the plan it names when finished.
    if job.agency_id != plan.owner_id or job.result.get("plan", plan.pk) != plan.pk:
        raise Http404(_("Pekerjaan impor ini bukan milik rencana tersebut."))
    return plan, job


PLAN_COUNTS = (
    (gettext_lazy("Kegiatan"), "activities"),
    (gettext_lazy("Lokasi"), "locations"),
    (gettext_lazy("Indikator"), "indicators"),
)


def _plan_job_context(plan: Plan, job: Job) -> dict:
    return import_job_context(
        job,
        progress_url=reverse("plans:plan_import_job_progress", args=[plan.pk, job.pk]),
        back_url=reverse("plans:plan_detail", args=[plan.pk]),
        back_label=_("Kembali ke rencana"),
        retry_url=reverse("plans:plan_import", args=[plan.pk]),
        counts=[(str(label), key) for label, key in PLAN_COUNTS],
    )


@login_required
@require_GET
def plan_import_job(request: HttpRequest, pk: int, job: int) -> HttpResponse:
    plan, found = _plan_job(request, pk, job)
    context = _plan_job_context(plan, found)
    context.update(
        {
            "plan": plan,
            "crumbs": plan_crumbs(plan, (_("Impor dari Excel"), "")),
        }
    )
    return render(request, "plans/import_job.html", context)


@login_required
@require_GET
def plan_import_job_progress(request: HttpRequest, pk: int, job: int) -> HttpResponse:
    plan, found = _plan_job(request, pk, job)
    response = render(request, "plans/_import_job_progress.html", _plan_job_context(plan, found))
    response["Cache-Control"] = "no-store"
    return response
