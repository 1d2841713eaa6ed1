"""An agency's plans, by programme and year, with totals."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _

from selaras.core.access import READ, restrict
from selaras.core.views import breadcrumbs
from selaras.plans import selectors
from selaras.registry.models import Agency


@login_required
def agency_plans(request: HttpRequest, code: str) -> HttpResponse:
    agency = get_object_or_404(restrict(Agency.objects.all(), request.user, READ), code=code)
    result = selectors.agency_plans(request.user, agency)
    return render(
        request,
        "plans/agency_plans.html",
        {
            "agency": agency,
            "result": result,
            "crumbs": breadcrumbs((_("Rencana"), reverse("plans:plan_list")), (str(agency), "")),
        },
    )
