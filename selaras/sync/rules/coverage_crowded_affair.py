"""Regions where many agencies pile onto the same affair in one year.

DESIGN.md, "The synchronisation checks" 5 and the coordination of
deconcentration and co-administration (avoid duplication of affairs between
the centre and the regions): when several agencies plan activities of the
same field of affairs (bidang urusan) in the same regency/city in one year,
the coordinator should look at them together. Threshold: `min_agencies`
distinct agencies (units count as their ministry), default 4. Locations at
province level are not counted against each regency/city. Judged on
submitted plans of every programme in the year; reported in each cycle that
has an activity in the group.
"""

from __future__ import annotations

from collections import defaultdict

from selaras.registry.models import AffairLevel, Agency, AgencyKind, Region
from selaras.sync.rules._helpers import affair_text, region_text
from selaras.sync.rules.base import Rule, register


def field_of(affair):
    if affair is None or affair.level == AffairLevel.GROUP:
        return None
    return affair if affair.level == AffairLevel.FIELD else affair.parent


@register
class CrowdedAffair(Rule):
    code = "coverage.crowded_affair"
    category = "coverage"
    severity = "info"
    citation = "Koordinasi pusat–daerah: hindari tumpang tindih urusan (PP 19/2022 Pasal 23 ayat (1))"
    title_id = "Banyak instansi pada urusan yang sama di satu wilayah"
    title_en = "Many agencies on the same affair in one region"
    default_params = {"min_agencies": 4}

    def check(self, context):
        if not context.cycles:
            return
        parents = dict(Agency.objects.filter(kind=AgencyKind.UNIT).values_list("id", "parent_id"))

        def ministry(agency_id):
            seen = set()
            while agency_id in parents and parents[agency_id] and agency_id not in seen:
                seen.add(agency_id)
                agency_id = parents[agency_id]
            return agency_id

        groups: dict[tuple, dict[int, list]] = defaultdict(lambda: defaultdict(list))
        fields = {}
        for activity in context.peer_activities:
            field = field_of(activity.affair)
            if field is None:
                continue
            fields[field.code] = field
            districts = {
                ".".join(loc.region.code.split(".")[:2]) for loc in activity.locations.all() if "." in loc.region.code
            }
            for district in districts:
                key = (activity.plan.cycle.year, district, field.code)
                groups[key][ministry(activity.plan.owner_id)].append(activity)

        threshold = int(self.params["min_agencies"])
        crowded = {key: by_agency for key, by_agency in groups.items() if len(by_agency) >= threshold}
        if not crowded:
            return
        regions = {r.code: r for r in Region.objects.filter(code__in={k[1] for k in crowded})}
        agencies = {a.pk: a for a in Agency.objects.filter(pk__in={a for g in crowded.values() for a in g})}
        for cycle in context.cycles:
            for (year, district, field_code), by_agency in sorted(crowded.items()):
                members = [a for acts in by_agency.values() for a in acts]
                if year != cycle.year or not any(a.plan.cycle_id == cycle.pk for a in members):
                    continue
                names = sorted(str(agencies[pk]) for pk in by_agency)
                values = {
                    "count": len(by_agency),
                    "region": region_text(regions.get(district)) if district in regions else district,
                    "affair": affair_text(fields[field_code]),
                    "year": year,
                    "agencies": ", ".join(names),
                }
                listing = sorted(
                    [agencies[pk].code, str(a.uid), a.title] for pk, acts in by_agency.items() for a in acts
                )
                yield self.draft(
                    key_parts=[cycle.pk, district, field_code],
                    cycle=cycle,
                    region_codes=[district],
                    score=float(len(by_agency)),
                    message_id=(
                        "{count} instansi merencanakan kegiatan bidang urusan {affair} di {region} pada tahun "
                        "{year} ({agencies}). Koordinasikan agar tidak tumpang tindih."
                    ).format(**values),
                    message_en=(
                        "{count} agencies plan activities in field {affair} in {region} in {year} "
                        "({agencies}). Coordinate them to avoid overlap."
                    ).format(**values),
                    evidence={
                        "region": district,
                        "affair": field_code,
                        "year": year,
                        "threshold": threshold,
                        "activities": [{"agency": c, "uid": u, "title": t} for c, u, t in listing],
                    },
                    content={"activities": [[c, u] for c, u, _ in listing], "threshold": threshold},
                )
