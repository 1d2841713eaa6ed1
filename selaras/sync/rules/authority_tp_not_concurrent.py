"""Co-administration of an affair that is not a concurrent affair.

PP 19/2022 Pasal 11 ayat (1)–(2): tugas pembantuan assigns part of the
*concurrent* affairs (urusan pemerintahan konkuren). UU 23/2014 Pasal 9–12
and the Permendagri 90/2019 coding put the concurrent affairs in groups 1–3
(wajib pelayanan dasar, wajib non pelayanan dasar, pilihan); codes from 4 on
are supporting elements of regional government, not affairs to assign, and
absolute affairs are never the regions' (Pasal 10 UU 23/2014).
"""

from __future__ import annotations

from selaras.sync.rules._helpers import KIND_EN, KIND_ID, TP_KINDS, affair_text, describe, kind_of
from selaras.sync.rules.base import Rule, register


@register
class TpNotConcurrent(Rule):
    code = "authority.tp_not_concurrent"
    category = "authority"
    severity = "error"
    citation = "PP 19/2022 Pasal 11 ayat (1)–(2); UU 23/2014 Pasal 9–12"
    title_id = "Tugas pembantuan atas urusan yang bukan urusan konkuren"
    title_en = "Co-administration of an affair that is not concurrent"

    def check(self, context):
        for activity in context.activities:
            kind = kind_of(activity)
            if kind not in TP_KINDS or activity.affair is None or activity.affair.is_concurrent:
                continue
            values = {"activity": describe(activity), "affair": affair_text(activity.affair)}
            yield self.draft(
                key_parts=[activity.uid],
                activity=activity,
                message_id=(
                    "Kegiatan {activity} ({kind}) berada pada urusan {affair} yang bukan urusan pemerintahan "
                    "konkuren (kode 1–3); tugas pembantuan hanya untuk sebagian urusan konkuren."
                ).format(**values, kind=KIND_ID[kind]),
                message_en=(
                    "Activity {activity} ({kind}) is filed under {affair}, which is not a concurrent affair "
                    "(codes 1–3); co-administration covers only parts of concurrent affairs."
                ).format(**values, kind=KIND_EN[kind]),
                evidence={"affair": activity.affair.code, "affair_group": activity.affair.group},
                content={"kind": kind, "affair": activity.affair.code},
            )
