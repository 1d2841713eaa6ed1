"""Any plan as a workbook in the template's own format, so that exporting
and importing again gives the same plan (the round trip)."""

from __future__ import annotations

from openpyxl import Workbook

from selaras.core.spreadsheets import write_text
from selaras.plans.models import Plan
from selaras.plans.spreadsheets.layout import (
    ACTIVITIES,
    INDICATORS,
    LOCATIONS,
    NO,
    NUMBER,
    RECIPIENT_LEVEL_WORDS,
    YES,
    SheetLayout,
    item_code,
)
from selaras.plans.spreadsheets.template import UNLOCKED, build_workbook


def activity_code(activity) -> str:
    """The activity's code; one without a code gets K + its position so its
    locations and indicators can point at it."""
    return activity.code or f"K{activity.position:03d}"


def _yes_no(on: bool) -> str:
    return YES if on else NO


def _rows(plan: Plan):
    activities = (
        plan.activities.select_related("affair", "implementing_agency", "recipient", "authority_item__affair")
        .prefetch_related("locations__region", "indicators", "targets__framework")
        .order_by("position", "id")
    )
    acts, locs, inds = [], [], []
    for a in activities:
        code = activity_code(a)
        acts.append(
            {
                "code": code,
                "title": a.title,
                "description": a.description,
                "affair": a.affair.code if a.affair_id else None,
                "funding_source": a.funding_source,
                "budget": a.budget,
                "partner_budget": a.partner_budget,
                "output": a.output,
                "q1": _yes_no(a.q1),
                "q2": _yes_no(a.q2),
                "q3": _yes_no(a.q3),
                "q4": _yes_no(a.q4),
                "executing_level": a.executing_level,
                "implementing_agency": a.implementing_agency.code if a.implementing_agency_id else None,
                "implementing_office": a.implementing_office,
                "recipient": a.recipient.code if a.recipient_id else None,
                "delegated_content": a.delegated_content,
                "requires_matching_funds": _yes_no(a.requires_matching_funds),
                "targets": "; ".join(sorted(f"{t.framework.code}:{t.code}" for t in a.targets.all())),
                "recipient_level": RECIPIENT_LEVEL_WORDS.get(a.recipient_level),
                "authority_item": item_code(a.authority_item) if a.authority_item_id else None,
            }
        )
        for loc in sorted(a.locations.all(), key=lambda loc: loc.region.code):
            locs.append(
                {"activity": code, "region": loc.region.code, "budget": loc.budget, "target_share": loc.target_share}
            )
        for ind in a.indicators.all():
            inds.append(
                {
                    "activity": code,
                    "indicator": ind.indicator,
                    "unit": ind.unit,
                    "baseline": ind.baseline,
                    "target": ind.target,
                }
            )
    return acts, locs, inds


def _fill(wb: Workbook, layout: SheetLayout, rows: list[dict]) -> None:
    ws = wb[layout.name]
    for r, values in enumerate(rows, start=2):
        for c, column in enumerate(layout.columns, start=1):
            value = values.get(column.key)
            if value is None or value == "":
                continue
            # Text as text: a title "=SUM(…)" must not become a live formula.
            cell = write_text(ws.cell(row=r, column=c), value)
            cell.protection = UNLOCKED
            cell.number_format = ws.column_dimensions[cell.column_letter].number_format or (
                "#,##0.##" if column.kind == NUMBER else "@"
            )


def build_export(plan: Plan) -> Workbook:
    wb = build_workbook(plan.cycle, owner=plan.owner)
    acts, locs, inds = _rows(plan)
    _fill(wb, ACTIVITIES, acts)
    _fill(wb, LOCATIONS, locs)
    _fill(wb, INDICATORS, inds)
    return wb


def export_plan(plan: Plan, target) -> None:
    """Write `plan` to a path or a binary stream."""
    build_export(plan).save(target)
