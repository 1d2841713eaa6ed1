"""Co-administration of a sub urusan the recipient level already holds.

PP 19/2022 Pasal 12 huruf g: central co-administration is "bukan Urusan
Pemerintahan konkuren yang telah menjadi kewenangan Daerah"; Pasal 13 huruf f:
provincial co-administration is not an affair that belongs to the
regency/city (or to the centre). The division of affairs is the annex of
UU 23/2014 (Lampiran I, matriks pembagian urusan).

The matrix divides sub urusan into tasks per level, and the centre may assign
its own task of a sub urusan in which the region holds other tasks; so the
finding is a warning with the region's and the assigner's rows side by side
for the reviewer, not a verdict. Sub urusan without rows for the recipient's
level are not judged (see `_helpers`).
"""

from __future__ import annotations

from selaras.plans.models import ProgrammeKind
from selaras.sync.rules._helpers import (
    LEVEL_EN,
    LEVEL_ID,
    affair_text,
    describe,
    holds,
    kind_of,
    matrix_rows,
    recipient_level,
    recipient_region,
    region_text,
    rows_content,
    rows_evidence,
)
from selaras.sync.rules.base import Rule, register

ASSIGNER_LEVEL = {ProgrammeKind.TP_PUSAT: "pusat", ProgrammeKind.TP_PROVINSI: "provinsi"}


@register
class TpAffairHeldByRegion(Rule):
    code = "authority.tp_affair_held_by_region"
    category = "authority"
    severity = "warning"
    citation = "PP 19/2022 Pasal 12 huruf g, Pasal 13 huruf f; Lampiran I UU 23/2014"
    title_id = "Tugas pembantuan atas urusan yang sudah menjadi kewenangan daerah penerima"
    title_en = "Co-administration of an affair the recipient region already holds"

    def check(self, context):
        for activity in context.activities:
            kind = kind_of(activity)
            if kind not in ASSIGNER_LEVEL:
                continue
            level = recipient_level(activity)
            rows = matrix_rows(context, activity.affair)
            if level is None or rows is None or not holds(rows, level):
                continue
            held = [r for r in rows.get(level, []) if r.has_authority]
            assigner = rows.get(ASSIGNER_LEVEL[kind], [])
            region = recipient_region(activity)
            values = {
                "activity": describe(activity),
                "affair": affair_text(activity.affair),
                "region": region_text(region),
                "tasks": "; ".join(r.text for r in held),
            }
            yield self.draft(
                key_parts=[activity.uid],
                activity=activity,
                region_codes=[region.code],
                message_id=(
                    "Kegiatan {activity} menugaskan sub urusan {affair} kepada {region}, padahal menurut "
                    "matriks pembagian urusan {level} sudah berwenang atas sub urusan ini ({tasks}). "
                    "Pastikan yang ditugaskan adalah bagian kewenangan pemberi tugas, bukan kewenangan daerah."
                ).format(**values, level=LEVEL_ID[level]),
                message_en=(
                    "Activity {activity} assigns sub-affair {affair} to {region}, but under the division of "
                    "affairs {level} already holds this sub-affair ({tasks}). Make sure what is assigned is the "
                    "assigner's own task, not one that belongs to the region."
                ).format(**values, level=LEVEL_EN[level]),
                evidence={
                    "affair": activity.affair.code,
                    "recipient": str(activity.recipient),
                    "recipient_level": level,
                    "recipient_rows": rows_evidence(held),
                    "assigner_level": ASSIGNER_LEVEL[kind],
                    "assigner_rows": rows_evidence(assigner),
                },
                content={
                    "kind": kind,
                    "affair": activity.affair.code,
                    "recipient": activity.recipient_id,
                    "rows": rows_content(held),
                },
            )
