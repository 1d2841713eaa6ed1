"""The plan list: every plan the user may read, filtered and totalled."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from selaras.plans import selectors
from selaras.plans.forms import PlanFilterForm
from selaras.plans.views.common import plan_crumbs

PLANS_PER_PAGE = 25


@login_required
def plan_list(request: HttpRequest) -> HttpResponse:
    form = PlanFilterForm(request.GET or None, user=request.user)
    params = {k: v for k, v in (form.cleaned_data.items() if form.is_valid() else ()) if v not in (None, "")}
    filters = selectors.PlanFilters.from_params({k: str(v) for k, v in params.items()})
    page = Paginator(selectors.plans_for(request.user, filters), PLANS_PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "plans/plan_list.html",
        {
            "form": form,
            "page": page,
            "plans": page.object_list,
            "filter_query": query.urlencode(),
            "crumbs": plan_crumbs(),
        },
    )
