"""Co-administration of a sub urusan in which the assigner holds no
authority.

PP 19/2022 Pasal 11 ayat (1): central co-administration assigns part of the
concurrent affairs that are the central government's authority; ayat (2):
provincial co-administration assigns part of the province's. UU 23/2014
Pasal 19 ayat (1) and Pasal 20 ayat (1) say the same. The annex of UU 23/2014
(Lampiran I) shows which level holds which task; where its cell for the
assigner's level is `---`, the assigner has nothing in that sub urusan to
assign.

Only an explicit `---` cell counts: a level without rows was not transcribed
(authority-matrix.SOURCE.md lists such gaps) and is not judged.
Deconcentration (guidance and supervision of regency/city affairs, Pasal 4)
is about affairs the regions hold, so it is not checked here.
"""

from __future__ import annotations

from selaras.plans.models import ProgrammeKind
from selaras.sync.rules._helpers import (
    KIND_EN,
    KIND_ID,
    LEVEL_EN,
    LEVEL_ID,
    affair_text,
    describe,
    holds,
    kind_of,
    matrix_rows,
    rows_content,
    rows_evidence,
)
from selaras.sync.rules.base import Rule, register

ASSIGNER_LEVEL = {ProgrammeKind.TP_PUSAT: "pusat", ProgrammeKind.TP_PROVINSI: "provinsi"}


@register
class AffairNotAssigners(Rule):
    code = "authority.affair_not_assigners"
    category = "authority"
    severity = "error"
    citation = "PP 19/2022 Pasal 11; UU 23/2014 Pasal 19 ayat (1), Pasal 20 ayat (1) dan Lampiran I"
    title_id = "Urusan yang ditugaskan bukan kewenangan pemberi tugas"
    title_en = "The assigned affair is not the assigner's"

    def check(self, context):
        for activity in context.activities:
            kind = kind_of(activity)
            if kind not in ASSIGNER_LEVEL:
                continue
            level = ASSIGNER_LEVEL[kind]
            rows = matrix_rows(context, activity.affair)
            if rows is None or holds(rows, level) is not False:
                continue
            holders = [r for lvl in ("pusat", "provinsi", "kabkota") for r in rows.get(lvl, []) if r.has_authority]
            values = {"activity": describe(activity), "affair": affair_text(activity.affair)}
            yield self.draft(
                key_parts=[activity.uid],
                activity=activity,
                message_id=(
                    "Kegiatan {activity} ({kind}) menugaskan sub urusan {affair}, padahal menurut matriks "
                    "pembagian urusan {level} tidak memiliki kewenangan pada sub urusan ini."
                ).format(**values, kind=KIND_ID[kind], level=LEVEL_ID[level]),
                message_en=(
                    "Activity {activity} ({kind}) assigns sub-affair {affair}, but under the division of "
                    "affairs {level} holds no authority in this sub-affair."
                ).format(**values, kind=KIND_EN[kind], level=LEVEL_EN[level]),
                evidence={
                    "affair": activity.affair.code,
                    "assigner_level": level,
                    "assigner_rows": rows_evidence(rows.get(level, [])),
                    "holder_rows": rows_evidence(holders),
                },
                content={"kind": kind, "affair": activity.affair.code, "rows": rows_content(rows.get(level, []))},
            )
