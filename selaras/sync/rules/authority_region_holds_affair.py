"""Co-administration of a matrix item the recipient's level already holds.

PP 19/2022 Pasal 12 huruf g: central co-administration is "bukan Urusan
Pemerintahan konkuren yang telah menjadi kewenangan Daerah"; Pasal 11 ayat
(2) and Pasal 13 huruf f: provincial co-administration is part of the
province's own affairs, not one that belongs to the regency/city. The
division of affairs is the annex of UU 23/2014 (Lampiran I), item by item.

The rule judges the *item* the activity carries out — the one the planner
confirmed, else the one inferred from its title and description
(`selaras.sync.authority.matcher`) — not the sub urusan: the centre may
assign its own item of a sub urusan in which the region holds other items.
A confirmed item gives an error; an inferred one a warning that says it was
inferred and which words decided.
"""

from __future__ import annotations

from selaras.plans.models import ProgrammeKind
from selaras.sync.authority.matcher import activity_item
from selaras.sync.rules._helpers import (
    KIND_EN,
    KIND_ID,
    describe,
    item_text_en,
    item_text_id,
    kind_of,
    matrix_level,
    recipient_level,
    recipient_region,
    region_text,
)
from selaras.sync.rules.base import Rule, register

ASSIGNER_LEVEL = {ProgrammeKind.TP_PUSAT: "pusat", ProgrammeKind.TP_PROVINSI: "provinsi"}
ARTICLE = {ProgrammeKind.TP_PUSAT: "Pasal 12 huruf g", ProgrammeKind.TP_PROVINSI: "Pasal 11 ayat (2), Pasal 13 huruf f"}


@register
class TpAffairHeldByRegion(Rule):
    code = "authority.tp_affair_held_by_region"
    category = "authority"
    severity = "error"
    citation = "PP 19/2022 Pasal 11, Pasal 12 huruf g, Pasal 13 huruf f; Lampiran I UU 23/2014"
    title_id = "Tugas pembantuan atas butir kewenangan daerah penerima sendiri"
    title_en = "Co-administration of an item the recipient region already holds"

    def check(self, context):
        for activity in context.activities:
            kind = kind_of(activity)
            if kind not in ASSIGNER_LEVEL:
                continue
            level = matrix_level(recipient_level(activity))
            match = activity_item(context, activity)
            if level is None or match is None or match.level != level:
                continue
            region = recipient_region(activity)
            values = {"activity": describe(activity), "region": region_text(region), "article": ARTICLE[kind]}
            yield self.draft(
                key_parts=[activity.uid],
                activity=activity,
                severity=None if match.confirmed else "warning",
                region_codes=[region.code] if region is not None else [],
                message_id=(
                    "Kegiatan {activity} ({kind}) melaksanakan {item}, yang menurut Lampiran UU 23/2014 sudah "
                    "menjadi kewenangan {region} sendiri; {article} PP 19/2022 melarang menugaskan urusan yang "
                    "telah menjadi kewenangan daerah penerima."
                ).format(**values, kind=KIND_ID[kind], item=item_text_id(match)),
                message_en=(
                    "Activity {activity} ({kind}) carries out {item}, which under the UU 23/2014 annex already "
                    "belongs to {region}; PP 19/2022 {article} forbids assigning an affair the recipient holds."
                ).format(**values, kind=KIND_EN[kind], item=item_text_en(match)),
                evidence={
                    **match.evidence(),
                    "recipient": str(activity.recipient) if activity.recipient else None,
                    "recipient_level": level,
                    "assigner_level": ASSIGNER_LEVEL[kind],
                },
                content={"kind": kind, "item": match.item.pk, "recipient_level": level},
            )
