"""Locations of a delegated activity outside the recipient's area — an
authority criterion, not a matter of consistency.

(The module keeps its old name; the rule is `authority.location_outside_recipient_area`.)

PP 19/2022 Pasal 14 ayat (2)–(3): co-administration to a regency/city covers
affairs within its area ("dalam Daerah kabupaten/kota"); a province's task
lies within the province; provincial co-administration stays inside the
assigning province (Pasal 11 ayat (2)). Deconcentration goes to the governor
for the province as an administrative area (Pasal 1 angka 3; UU 23/2014
Pasal 4). A delegated task located elsewhere is carried out by a region with
no authority there.
"""

from __future__ import annotations

from selaras.plans.models import ProgrammeKind
from selaras.sync.rules._helpers import (
    DEKON_KINDS,
    TP_KINDS,
    assigning_province,
    describe,
    is_within,
    kind_of,
    locations,
    recipient_region,
    region_text,
)
from selaras.sync.rules.base import Rule, register


def allowed_area(activity):
    kind = kind_of(activity)
    region = recipient_region(activity)
    if region is not None:
        return region
    if kind == ProgrammeKind.TP_PROVINSI:
        return assigning_province(activity)
    return None


@register
class LocationOutsideRecipientArea(Rule):
    code = "authority.location_outside_recipient_area"
    category = "authority"
    severity = "error"
    citation = "PP 19/2022 Pasal 14 ayat (2)–(3), Pasal 11 ayat (2), Pasal 1 angka 3"
    title_id = "Lokasi di luar wilayah pemerintah penerima"
    title_en = "Location outside the recipient's area"

    def check(self, context):
        for activity in context.activities:
            if kind_of(activity) not in DEKON_KINDS | TP_KINDS:
                continue
            area = allowed_area(activity)
            if area is None:
                continue
            outside = [loc.region for loc in locations(activity) if not is_within(loc.region.code, area.code)]
            if not outside:
                continue
            values = {
                "activity": describe(activity),
                "outside": ", ".join(region_text(r) for r in outside),
                "area": region_text(area),
            }
            yield self.draft(
                key_parts=[activity.uid],
                activity=activity,
                region_codes=[r.code for r in outside],
                message_id=(
                    "Kegiatan {activity} berlokasi di {outside}, di luar wilayah {area}; penerima hanya "
                    "berwenang di wilayahnya sendiri (Pasal 14 ayat (2)–(3) PP 19/2022)."
                ).format(**values),
                message_en=(
                    "Activity {activity} is located in {outside}, outside {area}; the recipient holds authority "
                    "only in its own area (PP 19/2022 Article 14(2)–(3))."
                ).format(**values),
                evidence={"area": area.code, "outside": [r.code for r in outside]},
                content={"area": area.code, "outside": [r.code for r in outside]},
            )
