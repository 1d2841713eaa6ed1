"""Locations outside the programme's locus regions.

DESIGN.md, "The synchronisation checks" 4 (locations fall inside the
programme's loci): a cooperation programme works in its locus provinces or
districts (e.g. nine locus provinces of the GoI–UNICEF programme). A
location is inside when its code is a locus code or below one; a location
above a locus (a whole province when only some districts are loci) is not.
Programmes without loci are not judged.
"""

from __future__ import annotations

from selaras.sync.rules._helpers import describe, is_within, locations, region_text
from selaras.sync.rules.base import Rule, register


@register
class LocationOutsideLoci(Rule):
    code = "consistency.location_outside_loci"
    category = "consistency"
    severity = "warning"
    citation = "Konsistensi rencana: lokasi di dalam wilayah lokus program"
    title_id = "Lokasi di luar wilayah lokus program"
    title_en = "Location outside the programme's loci"

    def check(self, context):
        for activity in context.activities:
            programme = activity.plan.cycle.programme
            loci = sorted(programme.loci.all(), key=lambda r: r.code)
            if not loci:
                continue
            outside = [
                loc.region for loc in locations(activity) if not any(is_within(loc.region.code, r.code) for r in loci)
            ]
            if not outside:
                continue
            values = {
                "activity": describe(activity),
                "outside": ", ".join(region_text(r) for r in outside),
                "programme": programme.name,
                "loci": ", ".join(region_text(r) for r in loci),
            }
            yield self.draft(
                key_parts=[activity.uid],
                activity=activity,
                region_codes=[r.code for r in outside],
                message_id=(
                    "Kegiatan {activity} berlokasi di {outside}, di luar wilayah lokus program {programme} ({loci})."
                ).format(**values),
                message_en=(
                    "Activity {activity} is located in {outside}, outside the loci of programme {programme} ({loci})."
                ).format(**values),
                evidence={"outside": [r.code for r in outside], "loci": [r.code for r in loci]},
                content={"outside": [r.code for r in outside], "loci": [r.code for r in loci]},
            )
