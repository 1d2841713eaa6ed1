"""The difference between two frozen revisions of a plan (or a revision and
the plan as it is now): added, removed and changed activities and locations,
each field before → after."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from selaras.audit.selectors import field_label
from selaras.core.access import READ, restrict
from selaras.core.formatting import format_rupiah
from selaras.plans.models import Activity, ActivityLocation, Plan, PlanRevision
from selaras.plans.revisions import diff_snapshots, plan_snapshot
from selaras.plans.views.common import int_param, plan_crumbs, readable_plan

CURRENT = 0  # "the plan as it is now" in the from/to parameters


def _label(model, name: str) -> str:
    if name == "quarters":
        return _("triwulan")
    if name == "indicators":
        return _("indikator")
    if name == "notes" and model is Plan:
        return str(Plan._meta.get_field("notes").verbose_name)
    return field_label(model, name)


MONEY_FIELDS = {"budget"}


def _show(name: str, value):
    """A snapshot value as a person reads it."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return _("ya") if value else _("tidak")
    if isinstance(value, list):
        return ", ".join(str(v) for v in value) if all(not isinstance(v, dict) for v in value) else value
    if name in MONEY_FIELDS:
        try:
            return format_rupiah(value)
        except ValueError:
            return value
    return value


def _labelled(changes, model) -> list[dict]:
    return [
        {
            "field": c.field,
            "label": _label(model, c.field),
            "before": _show(c.field, c.before),
            "after": _show(c.field, c.after),
        }
        for c in changes
    ]


@login_required
def plan_diff(request: HttpRequest, pk: int) -> HttpResponse:
    plan = readable_plan(request, pk)
    revisions = list(restrict(PlanRevision.objects.filter(plan=plan), request.user, READ).order_by("number"))
    by_number = {r.number: r for r in revisions}
    newest = revisions[-1].number if revisions else CURRENT
    default_from = revisions[-2].number if len(revisions) >= 2 else (newest if newest != CURRENT else CURRENT)
    old_n = int_param(request, "dari", default_from)
    new_n = int_param(request, "ke", CURRENT if len(revisions) < 2 else newest)

    def snapshot(number: int) -> dict:
        if number == CURRENT:
            return plan_snapshot(plan)
        if number not in by_number:
            raise Http404(_("Revisi %(number)s tidak ada.") % {"number": number})
        return by_number[number].snapshot

    old, new = snapshot(old_n), snapshot(new_n)
    diff = diff_snapshots(old, new)
    names = {
        code: loc.get("name", "")
        for snap in (old, new)
        for act in snap["activities"].values()
        for code, loc in act["locations"].items()
    }

    def places(codes) -> list[dict]:
        return [{"code": code, "name": names.get(code, "")} for code in codes]

    activities = [
        {
            "uid": a.uid,
            "title": a.title,
            "kind": a.kind,
            "fields": _labelled(a.fields, Activity),
            "locations_added": places(a.locations_added),
            "locations_removed": places(a.locations_removed),
            "locations_changed": [
                {"code": code, "name": names.get(code, ""), "fields": _labelled(changes, ActivityLocation)}
                for code, changes in a.locations_changed.items()
            ],
            "indicators_changed": _labelled(a.indicators_changed, Activity),
        }
        for a in diff.activities
    ]
    return render(
        request,
        "plans/plan_diff.html",
        {
            "plan": plan,
            "revisions": revisions,
            "old": old_n,
            "new": new_n,
            "diff": diff,
            "plan_fields": _labelled(diff.plan_fields, Plan),
            "activities": activities,
            "crumbs": plan_crumbs(plan, (_("Perbandingan revisi"), "")),
        },
    )
