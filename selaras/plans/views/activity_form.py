"""Creating, editing and deleting an activity of a plan, and the region
look-up its location picker calls.

A stale save (someone changed the activity since the form was loaded) is
refused by the service; the form comes back with the user's own input
untouched, the list of what changed meanwhile, and the new version, so a
second save is a deliberate choice.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Case, IntegerField, Q, Value, When
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from selaras.core.access import READ, restrict
from selaras.core.forms import errors_to_form
from selaras.core.versioning import StaleEdit
from selaras.plans import services
from selaras.plans.forms import (
    ActivityForm,
    IndicatorFormSet,
    LocationFormSet,
    activity_data,
    indicator_initial,
    location_initial,
)
from selaras.plans.models import Activity, Plan
from selaras.plans.views.common import plan_crumbs, readable_plan, stale_changes, stale_post, writable_or_redirect
from selaras.registry.models import Region, RegionLevel

REGION_SEARCH_LIMIT = 20
LEVEL_RANK = {RegionLevel.PROVINCE: 0, RegionLevel.REGENCY: 1, RegionLevel.DISTRICT: 2, RegionLevel.VILLAGE: 3}


def _readable_activity(request: HttpRequest, pk: int) -> Activity:
    activities = restrict(Activity.objects.select_related("plan__cycle__programme", "plan__owner"), request.user, READ)
    return get_object_or_404(activities, pk=pk)


def _apply_service_error(error: ValidationError, form, locations) -> list[str]:
    """The service's messages next to the fields they name, the locations'
    under the location rows, the rest at the top of the form."""
    return errors_to_form(
        error, form, elsewhere={"locations": lambda errors: setattr(locations, "service_errors", errors)}
    )


def _activity_page(request, plan, activity, form, indicators, locations, *, top_errors=(), stale=None, status=200):
    title = _("Ubah kegiatan") if activity else _("Tambah kegiatan")
    return render(
        request,
        "plans/activity_form.html",
        {
            "plan": plan,
            "activity": activity,
            "form": form,
            "indicators": indicators,
            "locations": locations,
            "top_errors": list(top_errors),
            "stale": stale,
            "page_title": title,
            "region_search_url": reverse("plans:region_search"),
            "crumbs": plan_crumbs(plan, (title, "")),
        },
        status=status,
    )


def _save(request: HttpRequest, plan: Plan, activity: Activity | None) -> HttpResponse:
    form = ActivityForm(request.POST, instance=activity or Activity(plan=plan), user=request.user)
    indicators = IndicatorFormSet(request.POST, prefix="ind")
    locations = LocationFormSet(request.POST, prefix="loc")
    if not (form.is_valid() & indicators.is_valid() & locations.is_valid()):
        return _activity_page(
            request,
            plan,
            activity,
            form,
            indicators,
            locations,
            top_errors=[_("Periksa isian yang ditandai di bawah.")],
            status=400,
        )
    data = activity_data(form, indicators, locations)
    try:
        if activity is None:
            saved = services.activity_create(plan=plan, by=request.user, data=data)
        else:
            saved = services.activity_update(
                activity=activity, by=request.user, data=data, expected_version=form.cleaned_data.get("version")
            )
    except StaleEdit as error:
        post = stale_post(request, error)
        form = ActivityForm(post, instance=activity, user=request.user)
        indicators = IndicatorFormSet(post, prefix="ind")
        locations = LocationFormSet(post, prefix="loc")
        form.is_valid(), indicators.is_valid(), locations.is_valid()
        return _activity_page(
            request,
            plan,
            activity,
            form,
            indicators,
            locations,
            stale={"message": error.message, "changes": stale_changes(error, Activity)},
            status=409,
        )
    except ValidationError as error:
        top = _apply_service_error(error, form, locations)
        return _activity_page(request, plan, activity, form, indicators, locations, top_errors=top, status=400)
    except PermissionDenied as error:
        messages.error(request, str(error))
        return redirect("plans:plan_detail", pk=plan.pk)
    if activity is None:
        messages.success(request, _("Kegiatan “%(title)s” ditambahkan.") % {"title": saved.title})
    else:
        messages.success(request, _("Kegiatan “%(title)s” disimpan.") % {"title": saved.title})
    return redirect(f"{reverse('plans:plan_detail', args=[plan.pk])}#kegiatan-{saved.pk}")


@login_required
def activity_create(request: HttpRequest, pk: int) -> HttpResponse:
    plan = readable_plan(request, pk)
    refused = writable_or_redirect(request, plan)
    if refused:
        return refused
    if request.method == "POST":
        return _save(request, plan, None)
    form = ActivityForm(instance=Activity(plan=plan), user=request.user)
    return _activity_page(request, plan, None, form, IndicatorFormSet(prefix="ind"), LocationFormSet(prefix="loc"))


@login_required
def activity_edit(request: HttpRequest, pk: int) -> HttpResponse:
    activity = _readable_activity(request, pk)
    plan = activity.plan
    refused = writable_or_redirect(request, plan)
    if refused:
        return refused
    if request.method == "POST":
        return _save(request, plan, activity)
    form = ActivityForm(instance=activity, user=request.user)
    indicators = IndicatorFormSet(prefix="ind", initial=indicator_initial(activity))
    locations = LocationFormSet(prefix="loc", initial=location_initial(activity))
    return _activity_page(request, plan, activity, form, indicators, locations)


@login_required
def activity_delete(request: HttpRequest, pk: int) -> HttpResponse:
    activity = _readable_activity(request, pk)
    plan = activity.plan
    refused = writable_or_redirect(request, plan)
    if refused:
        return refused
    if request.method == "POST":
        try:
            version = int(request.POST.get("version") or activity.version)
            services.activity_delete(activity=activity, by=request.user, expected_version=version)
        except (ValueError, ValidationError, PermissionDenied) as error:
            text = getattr(error, "message", None) or " ".join(getattr(error, "messages", [str(error)]))
            messages.error(request, text)
        else:
            messages.success(request, _("Kegiatan “%(title)s” dihapus.") % {"title": activity.title})
        return redirect("plans:plan_detail", pk=plan.pk)
    return render(
        request,
        "plans/activity_confirm_delete.html",
        {
            "plan": plan,
            "activity": activity,
            "locations": list(activity.locations.select_related("region__parent__parent").order_by("region__code")),
            "crumbs": plan_crumbs(plan, (_("Hapus kegiatan"), "")),
        },
    )


def _region_json(region: Region, parents: dict[str, str]) -> dict:
    return {
        "code": region.code,
        "name": region.name,
        "level": region.level,
        "level_label": str(region.get_level_display()),
        "parent": parents.get(region.code.rsplit(".", 1)[0], "") if "." in region.code else "",
    }


@login_required
def region_search(request: HttpRequest) -> JsonResponse:
    """Current regions for the location picker: `?q=` by name or code
    (provinces first), or `?parent=33&level=kabkota` for all children."""
    regions = restrict(Region.objects.current(), request.user, READ)
    parent = (request.GET.get("parent") or "").strip()
    query = (request.GET.get("q") or "").strip()
    if parent:
        qs = regions.filter(parent__code=parent)
        level = (request.GET.get("level") or "").strip()
        if level:
            qs = qs.filter(level=level)
        found = list(qs.order_by("code")[:600])
    elif len(query) >= 2 or query.isdigit():
        rank = Case(*(When(level=k, then=Value(v)) for k, v in LEVEL_RANK.items()), output_field=IntegerField())
        found = list(
            regions.filter(Q(name__icontains=query) | Q(code__startswith=query))
            .annotate(rank=rank)
            .order_by("rank", "code")[:REGION_SEARCH_LIMIT]
        )
    else:
        found = []
    parent_codes = {r.code.rsplit(".", 1)[0] for r in found if "." in r.code}
    parents = dict(regions.filter(code__in=parent_codes).values_list("code", "name")) if parent_codes else {}
    return JsonResponse({"results": [_region_json(r, parents) for r in found]})
