"""The follow-up dashboard: counts by status, owner, meeting and
programme, the completion rate, the overdue list and the user's own
agency's or region's list; optionally narrowed to one owner."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from selaras.core.views import breadcrumbs
from selaras.meetings.dashboard import followup_dashboard
from selaras.meetings.views.common import today
from selaras.registry.models import Agency, Region

LISTED = 100


def _id(raw: str | None) -> int | None:
    return int(raw) if raw and raw.isdigit() else None


@login_required
def followup_dashboard_page(request: HttpRequest) -> HttpResponse:
    now = today()
    agency_id, region_id = _id(request.GET.get("instansi")), _id(request.GET.get("wilayah"))
    board = followup_dashboard(request.user, today=now, agency_id=agency_id, region_id=region_id)
    owner = None
    if agency_id:
        owner = Agency.objects.filter(pk=agency_id).first()
    elif region_id:
        owner = Region.objects.filter(pk=region_id).first()
    return render(
        request,
        "meetings/followup_dashboard.html",
        {
            "board": board,
            "overdue": [{"followup": f, "overdue": True} for f in board.overdue[:LISTED]],
            "mine": [{"followup": f, "overdue": f.is_overdue(now)} for f in board.mine[:LISTED]],
            "owner": owner,
            "today": now,
            "crumbs": breadcrumbs((_("Rapat"), reverse("meetings:meeting_list")), (_("Dasbor tindak lanjut"), "")),
        },
    )
