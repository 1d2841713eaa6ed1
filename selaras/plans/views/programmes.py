"""Programmes: the list, a programme's page (loci, participants, cycles and
their plans) and the coordinator's forms to create or change a programme.
Its yearly cycles have their own pages (`views.cycles`)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from selaras.core.access import READ, WRITE, can, can_create, restrict
from selaras.core.forms import errors_to_form
from selaras.core.versioning import StaleEdit
from selaras.core.views import breadcrumbs
from selaras.plans import services
from selaras.plans.forms import ProgrammeForm
from selaras.plans.models import Cycle, Plan, Programme
from selaras.plans.views.common import stale_changes, stale_post


def readable_programme(request: HttpRequest, pk: int) -> Programme:
    """The programme if this user may read it, else 404."""
    programmes = restrict(Programme.objects.select_related("coordinator", "partner", "assigner"), request.user, READ)
    return get_object_or_404(programmes, pk=pk)


def programme_crumbs(programme: Programme | None = None, *extra: tuple[str, str]) -> list[dict]:
    """Program › the programme › `extra` pages; the last crumb is the current page."""
    steps = [(_("Program"), reverse("plans:programme_list"))]
    if programme is not None:
        steps.append((programme.name, reverse("plans:programme_detail", args=[programme.pk])))
    return breadcrumbs(*steps, *extra)


@login_required
def programme_list(request: HttpRequest) -> HttpResponse:
    programmes = (
        restrict(Programme.objects.select_related("coordinator", "partner"), request.user, READ)
        .annotate(cycle_count=Count("cycles", distinct=True), locus_count=Count("loci", distinct=True))
        .order_by("-start_year", "code")
    )
    return render(
        request,
        "plans/programme_list.html",
        {
            "programmes": programmes,
            "can_create": can_create(request.user, Programme),
            "crumbs": breadcrumbs((_("Rencana"), reverse("plans:plan_list")), (_("Program"), "")),
        },
    )


@login_required
def programme_detail(request: HttpRequest, pk: int) -> HttpResponse:
    programme = readable_programme(request, pk)
    plans = restrict(Plan.objects.select_related("owner"), request.user, READ).order_by("owner__code")
    cycles = list(
        restrict(Cycle.objects.filter(programme=programme), request.user, READ)
        .prefetch_related(Prefetch("plans", queryset=plans, to_attr="visible_plans"))
        .order_by("-year")
    )
    return render(
        request,
        "plans/programme_detail.html",
        {
            "programme": programme,
            "loci": restrict(programme.loci.all(), request.user, READ).order_by("code"),
            "participants": restrict(programme.participants.all(), request.user, READ).order_by("code"),
            "cycles": cycles,
            "can_edit": can(request.user, WRITE, programme),
            "crumbs": programme_crumbs(programme),
        },
    )


def _programme_page(request, form, programme=None, *, top_errors=(), stale=None, status=200) -> HttpResponse:
    title = _("Ubah program") if programme else _("Tambah program")
    return render(
        request,
        "plans/programme_form.html",
        {
            "programme": programme,
            "form": form,
            "page_title": title,
            "top_errors": list(top_errors),
            "stale": stale,
            "crumbs": programme_crumbs(programme, (title, "")),
        },
        status=status,
    )


@login_required
def programme_create(request: HttpRequest) -> HttpResponse:
    if not can_create(request.user, Programme):
        raise PermissionDenied(_("Hanya koordinator yang dapat membuat program."))
    form = ProgrammeForm(request.POST or None, user=request.user)
    if request.method != "POST":
        return _programme_page(request, form)
    if not form.is_valid():
        return _programme_page(request, form, status=400)
    try:
        programme = services.programme_create(
            by=request.user,
            loci=form.cleaned_data["loci"],
            participants=form.cleaned_data["participants"],
            **form.header(),
        )
    except ValidationError as error:
        return _programme_page(request, form, top_errors=errors_to_form(error, form), status=400)
    except PermissionDenied as error:
        return _programme_page(request, form, top_errors=[str(error)], status=403)
    messages.success(request, _("Program “%(name)s” dibuat.") % {"name": programme.name})
    return redirect("plans:programme_detail", pk=programme.pk)


@login_required
def programme_edit(request: HttpRequest, pk: int) -> HttpResponse:
    programme = readable_programme(request, pk)
    if not can(request.user, WRITE, programme):
        raise PermissionDenied(_("Anda tidak berwenang mengubah program ini."))
    if request.method != "POST":
        return _programme_page(request, ProgrammeForm(instance=programme, user=request.user), programme)
    form = ProgrammeForm(request.POST, instance=programme, user=request.user)
    if not form.is_valid():
        return _programme_page(request, form, programme, status=400)
    try:
        services.programme_update(
            programme=programme,
            by=request.user,
            expected_version=form.cleaned_data.get("version"),
            loci=form.cleaned_data["loci"],
            participants=form.cleaned_data["participants"],
            **form.header(),
        )
    except StaleEdit as error:
        form = ProgrammeForm(stale_post(request, error), instance=programme, user=request.user)
        form.is_valid()
        stale = {"message": error.message, "changes": stale_changes(error, Programme)}
        return _programme_page(request, form, programme, stale=stale, status=409)
    except ValidationError as error:
        return _programme_page(request, form, programme, top_errors=errors_to_form(error, form), status=400)
    except PermissionDenied as error:
        return _programme_page(request, form, programme, top_errors=[str(error)], status=403)
    messages.success(request, _("Program “%(name)s” disimpan.") % {"name": programme.name})
    return redirect("plans:programme_detail", pk=programme.pk)
