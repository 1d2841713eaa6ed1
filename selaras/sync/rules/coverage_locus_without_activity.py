"""Locus regions where nothing is planned in a cycle.

DESIGN.md, "The synchronisation checks" 5 and "The two cycles": the
Rakortekpus shows every locus province what each agency plans there, and a
locus with nothing planned is a gap the meeting has to discuss. Judged per
programme cycle over the submitted plans; a cycle with no submitted plan yet
is not judged (the gap would only mean nobody has submitted).
"""

from __future__ import annotations

from selaras.sync.context import overlaps
from selaras.sync.rules._helpers import region_text
from selaras.sync.rules.base import Rule, register


@register
class LocusWithoutActivity(Rule):
    code = "coverage.locus_without_activity"
    category = "coverage"
    severity = "warning"
    citation = "Cakupan program: setiap wilayah lokus mendapat kegiatan"
    title_id = "Wilayah lokus tanpa kegiatan"
    title_en = "Locus region with nothing planned"

    def check(self, context):
        for cycle in context.cycles:
            plan_ids = {p.pk for p in context.plans if p.cycle_id == cycle.pk}
            if not plan_ids:
                continue
            planned = {
                loc.region.code
                for activity in context.activities
                if activity.plan_id in plan_ids
                for loc in activity.locations.all()
            }
            programme = cycle.programme
            for locus in sorted(programme.loci.all(), key=lambda r: r.code):
                if overlaps({locus.code}, planned):
                    continue
                values = {"locus": region_text(locus), "programme": programme.name, "year": cycle.year}
                yield self.draft(
                    key_parts=[cycle.pk, locus.code],
                    cycle=cycle,
                    region_codes=[locus.code],
                    message_id=(
                        "Wilayah lokus {locus} belum mendapat kegiatan apa pun dalam rencana yang diajukan untuk "
                        "program {programme} tahun {year}."
                    ).format(**values),
                    message_en=(
                        "Locus region {locus} has nothing planned in the submitted plans of programme "
                        "{programme} for {year}."
                    ).format(**values),
                    evidence={"locus": locus.code, "plans_considered": sorted(plan_ids)},
                    content={"locus": locus.code},
                )
