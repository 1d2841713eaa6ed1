"""Location budgets that do not add up to the activity's budget.

DESIGN.md, "The synchronisation checks" 4 (location budgets add up). The
plan form refuses this (`plans.services.validate_locations`), but plans
arrive through spreadsheets, the API and older revisions too, and the
regional matrix per locus province is built from location budgets. When no
location carries a budget, the split is simply not given and not judged.
"""

from __future__ import annotations

from decimal import Decimal

from selaras.core.formatting import format_rupiah
from selaras.sync.rules._helpers import describe, locations
from selaras.sync.rules.base import Rule, register


@register
class LocationBudgetSum(Rule):
    code = "consistency.location_budget_sum"
    category = "consistency"
    severity = "error"
    citation = "Konsistensi rencana: anggaran per lokasi = anggaran kegiatan"
    title_id = "Anggaran lokasi tidak sama dengan anggaran kegiatan"
    title_en = "Location budgets do not add up to the activity budget"

    def check(self, context):
        for activity in context.activities:
            locs = locations(activity)
            budgets = [loc.budget or Decimal("0") for loc in locs]
            total = sum(budgets, Decimal("0"))
            budget = activity.budget or Decimal("0")
            if not any(budgets) or total == budget:
                continue
            values = {
                "activity": describe(activity),
                "sum": format_rupiah(total, lang="id"),
                "budget": format_rupiah(budget, lang="id"),
            }
            values_en = {**values, "sum": format_rupiah(total, lang="en"), "budget": format_rupiah(budget, lang="en")}
            yield self.draft(
                key_parts=[activity.uid],
                activity=activity,
                region_codes=[loc.region.code for loc in locs],
                message_id=(
                    "Jumlah anggaran lokasi kegiatan {activity} ({sum}) tidak sama dengan anggaran "
                    "kegiatannya ({budget})."
                ).format(**values),
                message_en=(
                    "The location budgets of activity {activity} add up to {sum}, not to its budget of {budget}."
                ).format(**values_en),
                evidence={
                    "budget": str(budget),
                    "locations": {loc.region.code: str(loc.budget) for loc in locs},
                    "sum": str(total),
                    "difference": str(budget - total),
                },
                content={"budget": str(budget), "locations": [[loc.region.code, str(loc.budget)] for loc in locs]},
            )
