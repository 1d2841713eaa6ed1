"""A programme's yearly cycles: the coordinator's form to open one, a
cycle's page with its deadlines, its plans and, for delegation programmes,
the dates the regulation and the regional decrees were issued, and the
forms to change its deadlines or record those dates."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from selaras.core.access import READ, WRITE, can, restrict
from selaras.core.forms import errors_to_form
from selaras.core.versioning import StaleEdit
from selaras.plans import services
from selaras.plans.forms import CycleForm, CycleLegalActsForm, CycleOpenForm
from selaras.plans.models import Cycle, Plan, Programme
from selaras.plans.views.common import countdown, stale_post
from selaras.plans.views.plan_edit import cycle_crumbs, plannable_owners, readable_cycle
from selaras.plans.views.programmes import programme_crumbs, readable_programme


def _free_years(programme: Programme) -> list[int]:
    taken = set(programme.cycles.values_list("year", flat=True))
    return [y for y in range(programme.start_year, programme.end_year + 1) if y not in taken]


def _default_year(years: list[int]) -> int | None:
    # The coming year is the one usually prepared; else the first free one.
    coming = timezone.localdate().year + 1
    return coming if coming in years else (years[0] if years else None)


@login_required
def cycle_open(request: HttpRequest, pk: int) -> HttpResponse:
    programme = readable_programme(request, pk)
    if not can(request.user, WRITE, programme):
        raise PermissionDenied(_("Anda tidak berwenang membuka siklus program ini."))
    years = _free_years(programme)
    top: list[str] = []
    if request.method == "POST":
        form = CycleOpenForm(request.POST, years=years)
        if form.is_valid():
            try:
                cycle = services.cycle_open(
                    programme=programme, year=form.cleaned_data["year"], by=request.user, **form.deadlines()
                )
            except ValidationError as error:
                top = errors_to_form(error, form)
            except PermissionDenied as error:
                top = [str(error)]
            else:
                messages.success(request, _("Siklus %(year)s dibuka.") % {"year": cycle.year})
                return redirect("plans:cycle_detail", pk=cycle.pk)
    else:
        # ?tahun= reloads the form with that year's PP 19/2022 defaults.
        try:
            asked = int(request.GET.get("tahun", ""))
        except ValueError:
            asked = None
        year = asked if asked in years else _default_year(years)
        initial = {"year": year, **(services.default_deadlines(programme, year) if year else {})}
        form = CycleOpenForm(initial=initial, years=years)
    return render(
        request,
        "plans/cycle_open.html",
        {
            "programme": programme,
            "form": form,
            "years": years,
            "has_default_deadlines": services.has_default_deadlines(programme),
            "top_errors": top,
            "crumbs": programme_crumbs(programme, (_("Buka siklus"), "")),
        },
        status=400 if request.method == "POST" else 200,
    )


def deadline_rows(cycle: Cycle, today: dt.date | None = None) -> list[dict]:
    """Each deadline with its countdown; the regulation and decree deadlines
    also with the date the act was issued, and whether that was in time."""
    recorded = {"regulation_deadline": "regulation_recorded_on", "decree_deadline": "decree_recorded_on"}
    rows = []
    for name in services.CYCLE_DEADLINE_FIELDS:
        value = getattr(cycle, name)
        issued = getattr(cycle, recorded[name]) if name in recorded else None
        if value is None and issued is None:
            continue
        row = {"label": cycle._meta.get_field(name).verbose_name, "date": value, "issued": issued}
        if issued is not None:
            on_time = value is None or issued <= value
            row.update(
                {
                    "state": "ahead" if on_time else "overdue",
                    "text": _("ditetapkan tepat waktu") if on_time else _("ditetapkan melewati tenggat"),
                }
            )
        elif value is not None:
            row.update(countdown(value, today) or {})
        rows.append(row)
    return rows


@login_required
def cycle_detail(request: HttpRequest, pk: int) -> HttpResponse:
    cycle = readable_cycle(request, pk)
    programme = cycle.programme
    plans = list(
        restrict(Plan.objects.filter(cycle=cycle), request.user, READ)
        .select_related("owner")
        .annotate(activity_count=Count("activities"))
        .order_by("owner__code")
    )
    can_write = can(request.user, WRITE, cycle)
    loci = restrict(programme.loci.all(), request.user, READ).order_by("code")
    return render(
        request,
        "plans/cycle_detail.html",
        {
            "cycle": cycle,
            "programme": programme,
            "deadlines": deadline_rows(cycle),
            "plans": plans,
            "loci": loci,
            "can_edit": can_write,
            "can_create_plan": cycle.is_open and plannable_owners(request.user, cycle).exists(),
            "legal_form": (
                CycleLegalActsForm(
                    initial={
                        "version": cycle.version,
                        "regulation_recorded_on": cycle.regulation_recorded_on,
                        "decree_recorded_on": cycle.decree_recorded_on,
                    }
                )
                if can_write and programme.is_delegation
                else None
            ),
            "crumbs": cycle_crumbs(cycle),
        },
    )


@login_required
def cycle_edit(request: HttpRequest, pk: int) -> HttpResponse:
    cycle = readable_cycle(request, pk)
    if not can(request.user, WRITE, cycle):
        raise PermissionDenied(_("Anda tidak berwenang mengubah siklus ini."))
    top: list[str] = []
    status = 200
    if request.method == "POST":
        form = CycleForm(request.POST)
        status = 400
        if form.is_valid():
            try:
                services.cycle_update(
                    cycle=cycle,
                    by=request.user,
                    expected_version=form.cleaned_data.get("version"),
                    is_open=form.cleaned_data["is_open"],
                    **form.deadlines(),
                )
            except StaleEdit as error:
                form = CycleForm(stale_post(request, error))
                form.is_valid()
                top, status = [error.message], 409
            except ValidationError as error:
                top = errors_to_form(error, form)
            except PermissionDenied as error:
                top = [str(error)]
            else:
                messages.success(request, _("Siklus %(year)s disimpan.") % {"year": cycle.year})
                return redirect("plans:cycle_detail", pk=cycle.pk)
    else:
        initial = {name: getattr(cycle, name) for name in services.CYCLE_DEADLINE_FIELDS}
        form = CycleForm(initial={**initial, "is_open": cycle.is_open, "version": cycle.version})
    return render(
        request,
        "plans/cycle_edit.html",
        {
            "cycle": cycle,
            "programme": cycle.programme,
            "form": form,
            "top_errors": top,
            "crumbs": cycle_crumbs(cycle, (_("Ubah siklus"), "")),
        },
        status=status,
    )


@login_required
@require_POST
def cycle_legal_acts(request: HttpRequest, pk: int) -> HttpResponse:
    cycle = readable_cycle(request, pk)
    if not can(request.user, WRITE, cycle):
        raise PermissionDenied(_("Anda tidak berwenang mengubah siklus ini."))
    form = CycleLegalActsForm(request.POST)
    if not form.is_valid():
        for field, errors in form.errors.items():
            label = form.fields[field].label if field in form.fields else ""
            for error in errors:
                messages.error(request, f"{label}: {error}" if label else error)
        return redirect("plans:cycle_detail", pk=cycle.pk)
    try:
        services.cycle_record_legal_acts(
            cycle=cycle,
            by=request.user,
            regulation_recorded_on=form.cleaned_data["regulation_recorded_on"],
            decree_recorded_on=form.cleaned_data["decree_recorded_on"],
            expected_version=form.cleaned_data.get("version"),
        )
    except StaleEdit as error:
        messages.error(request, error.message)
    except ValidationError as error:
        labels = {name: str(field.label) for name, field in form.fields.items()}
        if hasattr(error, "error_dict"):
            for name, errors in error.message_dict.items():
                for text in errors:
                    messages.error(request, f"{labels[name]}: {text}" if name in labels else text)
        else:
            for text in error.messages:
                messages.error(request, text)
    else:
        messages.success(request, _("Tanggal penetapan peraturan dan keputusan daerah dicatat."))
    return redirect("plans:cycle_detail", pk=cycle.pk)
