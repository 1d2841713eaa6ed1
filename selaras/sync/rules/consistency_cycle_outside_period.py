"""A plan in a cycle whose year lies outside the programme's period.

DESIGN.md, "The synchronisation checks" 4 (years inside the period). Opening
a cycle refuses such a year (`plans.services.cycle_open`), but a programme's
period may be shortened afterwards; plans of the cycles left outside are
then reported, one finding per plan so its owner sees it.
"""

from __future__ import annotations

from selaras.sync.rules.base import Rule, register


@register
class CycleOutsidePeriod(Rule):
    code = "consistency.cycle_outside_period"
    category = "consistency"
    severity = "error"
    citation = "Konsistensi rencana: tahun siklus di dalam periode program"
    title_id = "Tahun siklus di luar periode program"
    title_en = "Cycle year outside the programme period"

    def check(self, context):
        for plan in context.plans:
            cycle = plan.cycle
            programme = cycle.programme
            if programme.covers_year(cycle.year):
                continue
            values = {
                "plan": str(plan),
                "year": cycle.year,
                "programme": programme.name,
                "start": programme.start_year,
                "end": programme.end_year,
            }
            yield self.draft(
                key_parts=[plan.pk],
                plan=plan,
                cycle=cycle,
                message_id=(
                    "Rencana {plan} untuk tahun {year} berada di luar periode program {programme} ({start}–{end})."
                ).format(**values),
                message_en=(
                    "Plan {plan} for {year} lies outside the period of programme {programme} ({start}–{end})."
                ).format(**values),
                evidence={"year": cycle.year, "start_year": programme.start_year, "end_year": programme.end_year},
                content={"year": cycle.year, "start_year": programme.start_year, "end_year": programme.end_year},
            )
