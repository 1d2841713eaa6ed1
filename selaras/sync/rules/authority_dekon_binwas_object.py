"""Deconcentrated guidance and supervision aimed at the province's own
affairs.

PP 19/2022 Pasal 4 ayat (1) huruf a: what the centre delegates to the GWPP
is guidance and supervision of (1) the affairs of the regencies/cities and
(2) the co-administration they carry out. Guidance and supervision of the
province's own affairs is not in it: the province answers for those to the
centre directly (UU 23/2014 Pasal 8). The supervised object is the matrix
item the activity is about — confirmed by the planner, else inferred from
its title and description, where an object "milik Pemerintah Provinsi" or
"lintas kabupaten/kota" points to the province's item (UU 23/2014 Pasal 13
ayat (3)). An inferred item gives a warning that names its words.
"""

from __future__ import annotations

from selaras.plans.models import ProgrammeKind
from selaras.sync.authority.matcher import activity_item
from selaras.sync.rules._helpers import describe, item_text_en, item_text_id, kind_of
from selaras.sync.rules.base import Rule, register


@register
class DekonBinwasObject(Rule):
    code = "authority.dekon_binwas_object"
    category = "authority"
    severity = "error"
    citation = "PP 19/2022 Pasal 4 ayat (1) huruf a; Lampiran I UU 23/2014"
    title_id = "Pembinaan/pengawasan dekonsentrasi atas urusan provinsi sendiri"
    title_en = "Deconcentrated guidance/supervision of the province's own affairs"

    def check(self, context):
        for activity in context.activities:
            if kind_of(activity) != ProgrammeKind.DEKON_BINWAS:
                continue
            match = activity_item(context, activity)
            if match is None or match.level != "provinsi":
                continue
            values = {"activity": describe(activity)}
            yield self.draft(
                key_parts=[activity.uid],
                activity=activity,
                severity=None if match.confirmed else "warning",
                message_id=(
                    "Kegiatan {activity} membina atau mengawasi {item}, yang merupakan urusan provinsi sendiri; "
                    "dekonsentrasi kepada GWPP hanya untuk pembinaan dan pengawasan urusan kabupaten/kota dan "
                    "tugas pembantuan yang dilaksanakannya (Pasal 4 ayat (1) huruf a PP 19/2022)."
                ).format(**values, item=item_text_id(match)),
                message_en=(
                    "Activity {activity} guides or supervises {item}, the province's own affair; deconcentration "
                    "to the GWPP covers only guidance and supervision of regency/city affairs and their "
                    "co-administration (PP 19/2022 Article 4(1)(a))."
                ).format(**values, item=item_text_en(match)),
                evidence=match.evidence(),
                content={"item": match.item.pk},
            )
