"""Deconcentration activities located below province level.

Deconcentration goes to the governor as representative of the centre for
the province as an administrative area (PP 19/2022 Pasal 1 angka 3 and 4;
UU 23/2014 Pasal 4). Whether its activities must therefore be *located* at
province level is Selaras' reading, not text of the PP: guidance and
supervision of regency/city affairs (Pasal 4 ayat (1) huruf a) may well take
place in a regency/city. Off by default; an administrator who follows this
reading switches it on.
"""

from __future__ import annotations

from selaras.registry.models import RegionLevel
from selaras.sync.rules._helpers import DEKON_KINDS, describe, kind_of, locations, region_text
from selaras.sync.rules.base import Rule, register


@register
class DekonLocationLevel(Rule):
    code = "consistency.dekon_location_level"
    category = "consistency"
    severity = "warning"
    verified = False
    citation = "PP 19/2022 Pasal 1 angka 3 (pengaturan, bukan ketentuan tegas)"
    title_id = "Lokasi dekonsentrasi di bawah tingkat provinsi"
    title_en = "Deconcentration located below province level"

    def check(self, context):
        for activity in context.activities:
            if kind_of(activity) not in DEKON_KINDS:
                continue
            below = [loc.region for loc in locations(activity) if loc.region.level != RegionLevel.PROVINCE]
            if not below:
                continue
            values = {"activity": describe(activity), "below": ", ".join(region_text(r) for r in below)}
            yield self.draft(
                key_parts=[activity.uid],
                activity=activity,
                region_codes=[r.code for r in below],
                message_id=(
                    "Kegiatan dekonsentrasi {activity} berlokasi di {below}; menurut pengaturan ini lokasi "
                    "dekonsentrasi adalah provinsi (wilayah administratif GWPP). Ini pengaturan administrator, "
                    "bukan ketentuan tegas PP 19/2022."
                ).format(**values),
                message_en=(
                    "Deconcentration activity {activity} is located in {below}; under this setting "
                    "deconcentration is located at province level (the GWPP's administrative area). This is an "
                    "administrator's setting, not an explicit provision of PP 19/2022."
                ).format(**values),
                evidence={"below_province": [r.code for r in below], "setting": True},
                content={"below_province": [r.code for r in below]},
            )
