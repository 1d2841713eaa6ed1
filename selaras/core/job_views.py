"""Pages for background jobs: the list of one's jobs, a job's page with a
progress bar that polls a small partial until the job has finished, the
button that runs a failed or stuck job again, and the button that starts the
demonstration job."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import select_template
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from selaras.core.access import READ, can, restrict
from selaras.core.jobs import job_is_stuck, job_may_rerun, job_rerun, job_summary
from selaras.core.models import Job
from selaras.core.policies import READ_DETAIL

# The site layout when the project has one; a bare layout of our own
# otherwise, so the job page renders in any state of the tree.
BASE_TEMPLATES = ["base.html", "core/job_base.html"]


def _visible_job(request: HttpRequest, pk: int) -> Job:
    return get_object_or_404(restrict(Job.objects.select_related("started_by", "region"), request.user, READ), pk=pk)


def _context(request: HttpRequest, job: Job) -> dict:
    return {
        "job": job,
        "summary": job_summary(job),
        "show_detail": can(request.user, READ_DETAIL, job),
        "stuck": job_is_stuck(job),
        "may_rerun": job_may_rerun(request.user, job),
        "base_template": select_template(BASE_TEMPLATES).template.name,
    }


@login_required
@require_GET
def job_list(request: HttpRequest) -> HttpResponse:
    jobs = restrict(Job.objects.select_related("started_by"), request.user, READ)[:50]
    return render(
        request, "core/job_list.html", {"jobs": jobs, "base_template": select_template(BASE_TEMPLATES).template.name}
    )


@login_required
@require_GET
def job_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return render(request, "core/job_detail.html", _context(request, _visible_job(request, pk)))


@login_required
@require_GET
def job_progress(request: HttpRequest, pk: int) -> HttpResponse:
    """The progress block alone; HTMX swaps it in every second."""
    response = render(request, "core/job_progress.html", _context(request, _visible_job(request, pk)))
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_POST
def job_rerun_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Run a failed or stuck job again; back to its page either way."""
    job = _visible_job(request, pk)
    try:
        job_rerun(job=job, by=request.user)
    except (PermissionDenied, ValidationError) as exc:
        messages.error(request, " ".join(getattr(exc, "messages", None) or [str(exc)]))
    else:
        messages.success(request, _("Pekerjaan dimasukkan lagi ke antrean."))
    return redirect("core:job_detail", pk=job.pk)
