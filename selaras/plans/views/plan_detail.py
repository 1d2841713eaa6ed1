"""A plan's page: header with deadlines, workflow actions, activities with
their locations and indicators, revisions, transitions and audit history."""

from __future__ import annotations

from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from selaras.audit.selectors import history_for, with_change_rows
from selaras.core.access import READ, WRITE, can, restrict
from selaras.core.forms import error_messages
from selaras.core.versioning import StaleEdit
from selaras.plans import selectors, services
from selaras.plans.forms import TransitionForm
from selaras.plans.models import Activity, ActivityLocation, IndicatorTarget, PlanRevision, PlanTransition
from selaras.plans.views.common import countdown, plan_crumbs, readable_plan
from selaras.plans.workflow import TRANSITIONS

HISTORY_LIMIT = 50


def _deadlines(cycle) -> list[dict]:
    rows = []
    for name in ("submission_deadline", "review_deadline", "regulation_deadline", "decree_deadline"):
        value = getattr(cycle, name)
        if value is not None:
            rows.append({"label": cycle._meta.get_field(name).verbose_name, **countdown(value)})
    return rows


@login_required
def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    plan = readable_plan(request, pk)
    activities = list(
        restrict(Activity.objects.filter(plan=plan), request.user, READ)
        .select_related("affair", "implementing_agency", "recipient")
        .prefetch_related(
            Prefetch(
                "locations",
                queryset=ActivityLocation.objects.select_related("region__parent__parent").order_by("region__code"),
            ),
            Prefetch("indicators", queryset=IndicatorTarget.objects.order_by("position", "id")),
            "targets__framework",
        )
        .order_by("position", "id")
    )
    for a in activities:
        a.location_total = sum((loc.budget for loc in a.locations.all()), Decimal("0"))
    revisions = list(
        restrict(PlanRevision.objects.filter(plan=plan), request.user, READ)
        .select_related("created_by")
        .defer("snapshot")
        .order_by("-number")
    )
    transitions = list(
        restrict(PlanTransition.objects.filter(plan=plan), request.user, READ)
        .select_related("by")
        .order_by("-at", "-id")
    )
    actions = [
        {"transition": t, "form": TransitionForm(initial={"version": plan.version}, prefix=t.action)}
        for t in services.allowed_transitions(plan, request.user)
    ]
    return render(
        request,
        "plans/plan_detail.html",
        {
            "plan": plan,
            "cycle": plan.cycle,
            "programme": plan.cycle.programme,
            "deadlines": _deadlines(plan.cycle),
            "activities": activities,
            "budget_total": sum((a.budget for a in activities), Decimal("0")),
            "can_edit": can(request.user, WRITE, plan),
            "actions": actions,
            "revisions": revisions,
            "transitions": transitions,
            "returned": selectors.return_reason(request.user, plan),
            "history": with_change_rows(history_for(request.user, plan)[:HISTORY_LIMIT]),
            "crumbs": plan_crumbs(plan),
        },
    )


@login_required
@require_POST
def plan_transition(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    plan = readable_plan(request, pk)
    transition = TRANSITIONS.get(action)
    if transition is None:
        raise Http404(_("Tindakan tidak dikenal."))
    form = TransitionForm(request.POST, prefix=action)
    form.is_valid()
    data = getattr(form, "cleaned_data", {})
    try:
        services.plan_transition(
            plan=plan,
            action=action,
            by=request.user,
            comment=data.get("comment") or "",
            expected_version=data.get("version"),
        )
    except StaleEdit as error:
        messages.error(request, error.message)
    except ValidationError as error:
        for message in error_messages(error):
            messages.error(request, message)
    except PermissionDenied as error:
        messages.error(request, str(error) or _("Anda tidak berwenang melakukan tindakan ini."))
    else:
        plan.refresh_from_db(fields=["status"])
        messages.success(
            request,
            _("Tindakan “%(action)s” berhasil; status rencana sekarang “%(status)s”.")
            % {"action": transition.label, "status": plan.get_status_display()},
        )
    return redirect("plans:plan_detail", pk=plan.pk)
