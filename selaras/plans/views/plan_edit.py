"""Creating an agency's plan in a cycle, and editing a plan's header (title
and notes) with the same stale-edit handling as the activity form."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from selaras.core.access import READ, restrict
from selaras.core.forms import errors_to_form
from selaras.core.versioning import StaleEdit
from selaras.core.views import breadcrumbs
from selaras.plans import services
from selaras.plans.forms import PlanCreateForm, PlanHeaderForm
from selaras.plans.models import Cycle, Plan
from selaras.plans.policies import PLAN_FOR
from selaras.plans.views.common import plan_crumbs, readable_plan, stale_changes, stale_post, writable_or_redirect
from selaras.registry.models import Agency


def plannable_owners(user, cycle: Cycle) -> QuerySet[Agency]:
    """Agencies `user` may create a plan for in `cycle` (the rule `plan_for`
    of `plans.policies`, as `services.plan_create` checks), existing in the cycle's year and without
    a plan in it yet."""
    agencies = Agency.objects.valid_in(cycle.year).exclude(pk__in=cycle.plans.values("owner_id")).order_by("code")
    return restrict(agencies, user, PLAN_FOR)


def readable_cycle(request: HttpRequest, pk: int) -> Cycle:
    return get_object_or_404(restrict(Cycle.objects.select_related("programme"), request.user, READ), pk=pk)


def cycle_crumbs(cycle: Cycle, *extra: tuple[str, str]) -> list[dict]:
    return breadcrumbs(
        (_("Program"), reverse("plans:programme_list")),
        (cycle.programme.name, reverse("plans:programme_detail", args=[cycle.programme_id])),
        (_("Siklus %(year)s") % {"year": cycle.year}, reverse("plans:cycle_detail", args=[cycle.pk])),
        *extra,
    )


@login_required
def plan_create(request: HttpRequest, pk: int) -> HttpResponse:
    cycle = readable_cycle(request, pk)
    owners = plannable_owners(request.user, cycle)
    if not cycle.is_open:
        messages.error(request, _("Siklus %(cycle)s sudah ditutup untuk pengajuan.") % {"cycle": cycle})
        return redirect("plans:cycle_detail", pk=cycle.pk)
    if not owners.exists():
        raise PermissionDenied(_("Tidak ada instansi yang dapat Anda buatkan rencana dalam siklus ini."))
    form = PlanCreateForm(request.POST or None, owners=owners)
    top: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            plan = services.plan_create(
                cycle=cycle,
                owner=form.cleaned_data["owner"],
                by=request.user,
                title=form.cleaned_data["title"],
                notes=form.cleaned_data["notes"],
            )
        except ValidationError as error:
            top = errors_to_form(error, form)
        except PermissionDenied as error:
            top = [str(error)]
        else:
            messages.success(request, _("Rencana “%(plan)s” dibuat.") % {"plan": plan})
            return redirect("plans:plan_detail", pk=plan.pk)
    if not form.is_bound and owners.count() == 1:
        form.initial["owner"] = owners.get().pk
    return render(
        request,
        "plans/plan_create.html",
        {
            "cycle": cycle,
            "programme": cycle.programme,
            "form": form,
            "top_errors": top,
            "crumbs": cycle_crumbs(cycle, (_("Buat rencana"), "")),
        },
        status=400 if request.method == "POST" else 200,
    )


def _edit_page(request, plan, form, *, stale=None, top_errors=(), status=200) -> HttpResponse:
    return render(
        request,
        "plans/plan_edit.html",
        {
            "plan": plan,
            "form": form,
            "stale": stale,
            "top_errors": list(top_errors),
            "crumbs": plan_crumbs(plan, (_("Ubah judul dan catatan"), "")),
        },
        status=status,
    )


@login_required
def plan_edit(request: HttpRequest, pk: int) -> HttpResponse:
    plan = readable_plan(request, pk)
    refused = writable_or_redirect(request, plan)
    if refused:
        return refused
    if request.method != "POST":
        return _edit_page(request, plan, PlanHeaderForm(instance=plan))
    form = PlanHeaderForm(request.POST, instance=plan)
    if not form.is_valid():
        return _edit_page(request, plan, form, status=400)
    try:
        services.plan_update(
            plan=plan,
            by=request.user,
            expected_version=form.cleaned_data.get("version"),
            title=form.cleaned_data["title"],
            notes=form.cleaned_data["notes"],
        )
    except StaleEdit as error:
        form = PlanHeaderForm(stale_post(request, error), instance=plan)
        form.is_valid()
        stale = {"message": error.message, "changes": stale_changes(error, Plan)}
        return _edit_page(request, plan, form, stale=stale, status=409)
    except ValidationError as error:
        return _edit_page(request, plan, form, top_errors=errors_to_form(error, form), status=400)
    except PermissionDenied as error:
        messages.error(request, str(error))
        return redirect("plans:plan_detail", pk=plan.pk)
    messages.success(request, _("Judul dan catatan rencana disimpan."))
    return redirect("plans:plan_detail", pk=plan.pk)
