"""A province given a central co-administration task confined to one
regency/city.

PP 19/2022 Pasal 14 ayat (1): central co-administration is assigned to a
province for affairs whose scope spans several regencies/cities ("lintas
Daerah kabupaten/kota"), and to a regency/city for affairs within its area
(ayat (2)). When every location of a task assigned to a province lies in one
regency/city, the task should go to that regency/city instead.
"""

from __future__ import annotations

from selaras.plans.models import ProgrammeKind
from selaras.registry.models import Region
from selaras.sync.rules._helpers import describe, kind_of, locations, recipient_level, recipient_region, region_text
from selaras.sync.rules.base import Rule, register


@register
class TpProvinceSingleDistrict(Rule):
    code = "authority.tp_province_single_district"
    category = "authority"
    severity = "error"
    citation = "PP 19/2022 Pasal 14 ayat (1)"
    title_id = "Tugas pembantuan kepada provinsi hanya di satu kabupaten/kota"
    title_en = "Co-administration to a province confined to one regency/city"

    def check(self, context):
        for activity in context.activities:
            if kind_of(activity) != ProgrammeKind.TP_PUSAT or recipient_level(activity) != "provinsi":
                continue
            codes = [loc.region.code for loc in locations(activity)]
            # A location at province level spans the province: not confined.
            if not codes or any("." not in c for c in codes):
                continue
            districts = {".".join(c.split(".")[:2]) for c in codes}
            if len(districts) != 1:
                continue
            district_code = districts.pop()
            district = Region.objects.filter(code=district_code).first()
            values = {
                "activity": describe(activity),
                "province": region_text(recipient_region(activity)),
                "district": region_text(district) if district else district_code,
            }
            yield self.draft(
                key_parts=[activity.uid],
                activity=activity,
                region_codes=[district_code],
                message_id=(
                    "Kegiatan {activity} ditugaskan kepada {province}, tetapi seluruh lokasinya berada di "
                    "{district}. Tugas pembantuan kepada provinsi hanya untuk urusan lintas kabupaten/kota; "
                    "tugaskan kepada kabupaten/kota tersebut."
                ).format(**values),
                message_en=(
                    "Activity {activity} is assigned to {province}, but all its locations are in {district}. "
                    "Co-administration goes to a province only for affairs spanning several regencies/cities; "
                    "assign it to that regency/city."
                ).format(**values),
                evidence={"recipient": str(activity.recipient), "locations": codes, "district": district_code},
                content={"recipient": activity.recipient_id, "locations": codes},
            )
