"""Small helpers the plan pages share: finding a readable plan, breadcrumbs,
deadline countdowns, and what a stale edit shows."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from selaras.audit.selectors import field_label
from selaras.core.access import READ, WRITE, can, restrict
from selaras.core.versioning import StaleEdit
from selaras.core.views import breadcrumbs
from selaras.plans.models import Plan


def readable_plan(request: HttpRequest, pk: int) -> Plan:
    """The plan if the user may read it; otherwise the same 404 as for a
    plan that does not exist, so the page does not tell which plans exist."""
    plans = restrict(Plan.objects.select_related("cycle__programme", "owner"), request.user, READ)
    return get_object_or_404(plans, pk=pk)


def plan_crumbs(plan: Plan | None = None, *extra: tuple[str, str]) -> list[dict]:
    steps = [(_("Rencana"), reverse("plans:plan_list"))]
    if plan is not None:
        steps.append((str(plan), reverse("plans:plan_detail", args=[plan.pk])))
    return breadcrumbs(*steps, *extra)


def countdown(deadline: dt.date | None, today: dt.date | None = None) -> dict | None:
    """A deadline as "23 hari lagi" / "hari ini" / "lewat 5 hari" (plain
    calendar days), with a state for styling."""
    if deadline is None:
        return None
    today = today or timezone.localdate()
    days = (deadline - today).days
    if days > 0:
        text = ngettext("%(days)s hari lagi", "%(days)s hari lagi", days) % {"days": days}
        state = "soon" if days <= 14 else "ahead"
    elif days == 0:
        text, state = _("hari ini"), "soon"
    else:
        text = ngettext("lewat %(days)s hari", "lewat %(days)s hari", -days) % {"days": -days}
        state = "overdue"
    return {"date": deadline, "days": days, "text": text, "state": state}


def int_param(request: HttpRequest, name: str, default: int | None = None) -> int | None:
    raw = (request.GET.get(name) or "").strip()
    if not raw:
        return default
    try:
        return int(raw)
    except ValueError:
        raise Http404(_("Parameter %(name)s harus berupa angka.") % {"name": name}) from None


def stale_changes(error: StaleEdit, model) -> list[dict]:
    """What others changed since the user loaded the record, as rows of
    field label, before and after, for `plans/_stale_notice.html`."""
    return [
        {
            "at": change["at"],
            "by": change["by"],
            "fields": [
                {"label": field_label(model, name), "before": value[0], "after": value[1]}
                if isinstance(value, list | tuple) and len(value) == 2
                else {"label": field_label(model, name), "before": None, "after": value}
                for name, value in change["changes"].items()
            ],
        }
        for change in error.changes
    ]


def stale_post(request: HttpRequest, error: StaleEdit) -> QueryDict:
    """The user's input as typed with only the version moved on, so saving
    again after reading the changes is a deliberate overwrite."""
    post = request.POST.copy()
    post["version"] = str(error.current_version)
    return post


def writable_or_redirect(request: HttpRequest, plan: Plan) -> HttpResponse | None:
    """A redirect with the reason when the plan cannot be edited by this user."""
    if can(request.user, WRITE, plan):
        return None
    if plan.is_editable:
        messages.error(request, _("Anda tidak berwenang mengubah rencana ini."))
    else:
        messages.error(
            request,
            _("Rencana berstatus “%(status)s” dan terkunci; isinya tidak dapat diubah.")
            % {"status": plan.get_status_display()},
        )
    return redirect("plans:plan_detail", pk=plan.pk)
