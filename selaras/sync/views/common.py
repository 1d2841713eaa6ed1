"""Small helpers the synchronisation pages share."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _

from selaras.core.access import READ, restrict
from selaras.plans.models import Plan
from selaras.sync.forms import FindingFilterForm
from selaras.sync.selectors import FindingFilters


def readable_plan(request: HttpRequest, pk: int) -> Plan:
    """The plan if readable, else the same 404 as a plan that does not exist."""
    plans = restrict(Plan.objects.select_related("cycle__programme", "owner"), request.user, READ)
    return get_object_or_404(plans, pk=pk)


def crumbs(*items: tuple[str, str]) -> list[dict]:
    trail = [{"label": _("Sinkronisasi"), "url": reverse("sync:index")}]
    trail += [{"label": label, "url": url} for label, url in items]
    trail[-1]["url"] = ""
    return trail


def error_messages(error: ValidationError) -> list[str]:
    if hasattr(error, "error_dict"):
        return [m for msgs in error.message_dict.values() for m in msgs]
    return list(error.messages)


def is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


def finding_filters(data) -> tuple[FindingFilterForm, FindingFilters]:
    """The filter form of a finding list and the filters it asks for; an
    invalid form filters nothing (and shows its errors)."""
    form = FindingFilterForm(data or None)
    if form.is_valid():
        return form, FindingFilters(**{k: v or "" for k, v in form.cleaned_data.items()})
    return form, FindingFilters()
