"""A delegated activity that asks the region for matching funds.

PP 19/2022 Pasal 5 huruf d (deconcentration to the GWPP), Pasal 12 huruf d
(central co-administration) and Pasal 13 huruf d (provincial
co-administration): the delegation or assignment "tidak memerlukan biaya
pendamping". UU 23/2014 Pasal 22 ayat (3): the budget is provided by whoever
assigns the task.
"""

from __future__ import annotations

from selaras.plans.models import ProgrammeKind
from selaras.sync.rules._helpers import KIND_EN, KIND_ID, describe, kind_of
from selaras.sync.rules.base import Rule, register

ARTICLE = {
    ProgrammeKind.DEKON_BINWAS: "Pasal 5 huruf d",
    ProgrammeKind.DEKON_GWPP: "Pasal 5 huruf d",
    ProgrammeKind.TP_PUSAT: "Pasal 12 huruf d",
    ProgrammeKind.TP_PROVINSI: "Pasal 13 huruf d",
}


@register
class MatchingFunds(Rule):
    code = "authority.matching_funds"
    category = "authority"
    severity = "error"
    citation = "PP 19/2022 Pasal 5 huruf d, Pasal 12 huruf d, Pasal 13 huruf d"
    title_id = "Pelimpahan atau penugasan memerlukan dana pendamping daerah"
    title_en = "Delegation requires regional matching funds"

    def check(self, context):
        for activity in context.activities:
            kind = kind_of(activity)
            if kind not in ARTICLE or not activity.requires_matching_funds:
                continue
            values = {"activity": describe(activity), "article": ARTICLE[kind]}
            yield self.draft(
                key_parts=[activity.uid],
                activity=activity,
                message_id=(
                    "Kegiatan {activity} ({kind}) memerlukan dana pendamping dari daerah, padahal "
                    "{article} PP 19/2022 mensyaratkan pelimpahan/penugasan tidak memerlukan biaya pendamping."
                ).format(**values, kind=KIND_ID[kind]),
                message_en=(
                    "Activity {activity} ({kind}) requires matching funds from the region, but PP 19/2022 "
                    "{article} requires that a delegation or assignment needs no matching funds."
                ).format(**values, kind=KIND_EN[kind]),
                evidence={"kind": kind, "requires_matching_funds": True, "article": ARTICLE[kind]},
                content={"kind": kind, "requires_matching_funds": True},
            )
