"""Indicators without a unit or a target value.

DESIGN.md, "The synchronisation checks" 4 (indicators have units and
targets): progress is reported against them each quarter, and an indicator
without a unit or target cannot be measured.
"""

from __future__ import annotations

from selaras.sync.rules._helpers import describe
from selaras.sync.rules.base import Rule, register


@register
class IndicatorIncomplete(Rule):
    code = "consistency.indicator_incomplete"
    category = "consistency"
    severity = "warning"
    citation = "Konsistensi rencana: indikator bersatuan dan bertarget"
    title_id = "Indikator tanpa satuan atau target"
    title_en = "Indicator without unit or target"

    def check(self, context):
        for activity in context.activities:
            incomplete = []
            for ind in activity.indicators.all():
                missing = [
                    name for name, empty in (("unit", not ind.unit.strip()), ("target", ind.target is None)) if empty
                ]
                if missing:
                    incomplete.append({"indicator": ind.indicator, "missing": missing})
            if not incomplete:
                continue
            names = "; ".join(
                "{} ({})".format(
                    i["indicator"], ", ".join({"unit": "satuan", "target": "target"}[m] for m in i["missing"])
                )
                for i in incomplete
            )
            names_en = "; ".join("{} ({})".format(i["indicator"], ", ".join(i["missing"])) for i in incomplete)
            yield self.draft(
                key_parts=[activity.uid],
                activity=activity,
                message_id=f"Indikator kegiatan {describe(activity)} belum lengkap: {names}.",
                message_en=f"Indicators of activity {describe(activity)} are incomplete (missing): {names_en}.",
                evidence={"incomplete": incomplete},
                content={"incomplete": incomplete},
            )
