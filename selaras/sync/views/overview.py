"""The synchronisation overview, check runs and the findings of a cycle."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from selaras.core.access import READ, restrict
from selaras.plans.models import Cycle
from selaras.sync import selectors, services
from selaras.sync.forms import CATEGORY_LABELS
from selaras.sync.models import RunScope
from selaras.sync.views.common import crumbs, error_messages, finding_filters, readable_plan


@login_required
def index(request: HttpRequest) -> HttpResponse:
    plans = list(selectors.review_plans(request.user)[:200])
    return render(
        request,
        "sync/index.html",
        {
            "plans": plans,
            "runs": list(selectors.runs_for(request.user)[:10]),
            "letters": list(selectors.letters_for(request.user)[:10]),
            "cycles": sorted({p.cycle for p in plans}, key=lambda c: (-c.year, c.programme.code)),
            "crumbs": [],
        },
    )


@login_required
def run_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(selectors.runs_for(request.user), 50).get_page(request.GET.get("page"))
    return render(
        request,
        "sync/run_list.html",
        {"page": page, "runs": page.object_list, "crumbs": crumbs((_("Pemeriksaan"), ""))},
    )


@login_required
def run_detail(request: HttpRequest, pk: int) -> HttpResponse:
    run = get_object_or_404(selectors.runs_for(request.user), pk=pk)
    filter_form, filters = finding_filters(request.GET)
    page = selectors.run_findings(request.user, run, filters, page=request.GET.get("page"))
    return render(
        request,
        "sync/run_detail.html",
        {
            "run": run,
            "page": page,
            "findings": page.object_list,
            "filter_form": filter_form,
            "crumbs": crumbs((_("Pemeriksaan"), reverse("sync:runs")), (str(run), "")),
        },
    )


@login_required
@require_POST
def plan_run(request: HttpRequest, plan_id: int) -> HttpResponse:
    """Start the checks for one plan in the background; show the job page."""
    plan = readable_plan(request, plan_id)
    try:
        run = services.check_run_start(by=request.user, scope=RunScope.PLAN, plan=plan)
    except PermissionDenied as exc:
        messages.error(request, str(exc) or _("Anda tidak berwenang menjalankan pemeriksaan ini."))
        return redirect("sync:plan_review", plan_id=plan.pk)
    except ValidationError as exc:
        for message in error_messages(exc):
            messages.error(request, message)
        return redirect("sync:plan_review", plan_id=plan.pk)
    messages.success(request, _("Pemeriksaan dimulai. Hasilnya muncul di halaman penelaahan setelah selesai."))
    return redirect("core:job_detail", pk=run.job_id)


@login_required
@require_POST
def cycle_run(request: HttpRequest, cycle_id: int) -> HttpResponse:
    cycle = get_object_or_404(restrict(Cycle.objects.select_related("programme"), request.user, READ), pk=cycle_id)
    try:
        run = services.check_run_start(by=request.user, scope=RunScope.CYCLE, cycle=cycle)
    except PermissionDenied as exc:
        messages.error(request, str(exc))
        return redirect("sync:cycle_findings", cycle_id=cycle.pk)
    return redirect("core:job_detail", pk=run.job_id)


@login_required
def cycle_findings(request: HttpRequest, cycle_id: int) -> HttpResponse:
    cycle = get_object_or_404(restrict(Cycle.objects.select_related("programme"), request.user, READ), pk=cycle_id)
    overview = selectors.cycle_overview(request.user, cycle, page=request.GET.get("page"))
    return render(
        request,
        "sync/cycle_findings.html",
        {
            "overview": overview,
            "cycle": cycle,
            "category_labels": CATEGORY_LABELS,
            "crumbs": crumbs((str(cycle), "")),
        },
    )
