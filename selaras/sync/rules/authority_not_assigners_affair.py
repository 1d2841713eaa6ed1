"""Co-administration of a matrix item that is not the assigner's to give.

PP 19/2022 Pasal 11 ayat (1) and Pasal 12 huruf g: central co-administration
assigns part of the concurrent affairs that are the *centre's*; Pasal 11
ayat (2) and Pasal 13 huruf f: provincial co-administration assigns part of
the *province's*. UU 23/2014 Pasal 19 ayat (1) and Pasal 20 ayat (1) say the
same. The annex (Lampiran I) shows which level holds which item.

Two readings fire: the item the activity carries out (confirmed by the
planner, else inferred from its title and description) belongs to a level
that is neither the assigner nor the recipient — a province's item assigned
by the centre to a regency, a regency's item assigned by the centre to a
province, a central item assigned by a province (the recipient's own item is
`authority.tp_affair_held_by_region`); or the assigner's cell of the sub
urusan is an explicit `---`. A level without transcribed rows is unknown and
not judged.
"""

from __future__ import annotations

from selaras.plans.models import ProgrammeKind
from selaras.sync.authority.matcher import activity_item
from selaras.sync.rules._helpers import (
    KIND_EN,
    KIND_ID,
    LEVEL_EN,
    LEVEL_ID,
    affair_text,
    describe,
    holds,
    item_text_en,
    item_text_id,
    kind_of,
    matrix_level,
    matrix_rows,
    recipient_level,
    rows_content,
    rows_evidence,
)
from selaras.sync.rules.base import Rule, register

ASSIGNER_LEVEL = {ProgrammeKind.TP_PUSAT: "pusat", ProgrammeKind.TP_PROVINSI: "provinsi"}
ARTICLE = {
    ProgrammeKind.TP_PUSAT: "PP 19/2022 Pasal 11 ayat (1), Pasal 12 huruf g; UU 23/2014 Pasal 19 ayat (1)",
    ProgrammeKind.TP_PROVINSI: "PP 19/2022 Pasal 11 ayat (2), Pasal 13 huruf f; UU 23/2014 Pasal 20 ayat (1)",
}


@register
class AffairNotAssigners(Rule):
    code = "authority.affair_not_assigners"
    category = "authority"
    severity = "error"
    citation = "PP 19/2022 Pasal 11, Pasal 12 huruf g, Pasal 13 huruf f; UU 23/2014 Pasal 19 ayat (1), Pasal 20 ayat (1) dan Lampiran I"
    title_id = "Butir yang ditugaskan bukan kewenangan pemberi tugas"
    title_en = "The assigned item is not the assigner's"

    def check(self, context):
        for activity in context.activities:
            kind = kind_of(activity)
            if kind not in ASSIGNER_LEVEL:
                continue
            finding = self._by_item(context, activity, kind) or self._by_empty_cell(context, activity, kind)
            if finding is not None:
                yield finding

    def _by_item(self, context, activity, kind):
        assigner = ASSIGNER_LEVEL[kind]
        match = activity_item(context, activity)
        if match is None or match.level in (assigner, matrix_level(recipient_level(activity))):
            return None
        values = {"activity": describe(activity), "article": ARTICLE[kind]}
        return self.draft(
            key_parts=[activity.uid],
            activity=activity,
            severity=None if match.confirmed else "warning",
            message_id=(
                "Kegiatan {activity} ({kind}) melaksanakan {item}; butir ini kewenangan {holder}, bukan "
                "{assigner} sebagai pemberi tugas, sehingga tidak dapat ditugaskan olehnya ({article})."
            ).format(
                **values,
                kind=KIND_ID[kind],
                item=item_text_id(match),
                holder=LEVEL_ID[match.level],
                assigner=LEVEL_ID[assigner],
            ),
            message_en=(
                "Activity {activity} ({kind}) carries out {item}; this item belongs to {holder}, not to "
                "{assigner} who assigns it, so it cannot be assigned ({article})."
            ).format(
                **values,
                kind=KIND_EN[kind],
                item=item_text_en(match),
                holder=LEVEL_EN[match.level],
                assigner=LEVEL_EN[assigner],
            ),
            evidence={**match.evidence(), "assigner_level": assigner},
            content={"kind": kind, "item": match.item.pk},
        )

    def _by_empty_cell(self, context, activity, kind):
        level = ASSIGNER_LEVEL[kind]
        rows = matrix_rows(context, activity.affair)
        if rows is None or holds(rows, level) is not False:
            return None
        holders = [r for lvl in ("pusat", "provinsi", "kabkota") for r in rows.get(lvl, []) if r.has_authority]
        values = {"activity": describe(activity), "affair": affair_text(activity.affair)}
        return self.draft(
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
