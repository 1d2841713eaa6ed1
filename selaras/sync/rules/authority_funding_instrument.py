"""A delegated activity funded from the wrong source for its instrument.

PP 19/2022 Pasal 21: deconcentration to the GWPP is charged to the APBN
through deconcentration funds (ayat (1)); central co-administration to the
APBN (ayat (2); the APBN's co-administration funds); provincial
co-administration to the province's APBD (ayat (3)). UU 23/2014 Pasal 22
ayat (3): the assigner provides the budget.
"""

from __future__ import annotations

from selaras.plans.models import FundingSource, ProgrammeKind
from selaras.sync.rules._helpers import KIND_EN, KIND_ID, describe, kind_of, label_en, label_id
from selaras.sync.rules.base import Rule, register

ALLOWED = {
    ProgrammeKind.DEKON_BINWAS: {FundingSource.DEKONSENTRASI},
    ProgrammeKind.DEKON_GWPP: {FundingSource.DEKONSENTRASI},
    ProgrammeKind.TP_PUSAT: {FundingSource.TUGAS_PEMBANTUAN, FundingSource.APBN},
    ProgrammeKind.TP_PROVINSI: {FundingSource.APBD},
}
ARTICLE = {
    ProgrammeKind.DEKON_BINWAS: "Pasal 21 ayat (1)",
    ProgrammeKind.DEKON_GWPP: "Pasal 21 ayat (1)",
    ProgrammeKind.TP_PUSAT: "Pasal 21 ayat (2)",
    ProgrammeKind.TP_PROVINSI: "Pasal 21 ayat (3)",
}


@register
class FundingInstrument(Rule):
    code = "authority.funding_instrument"
    category = "authority"
    severity = "error"
    citation = "PP 19/2022 Pasal 21; UU 23/2014 Pasal 22 ayat (3)"
    title_id = "Sumber dana tidak sesuai instrumen"
    title_en = "Funding source does not fit the instrument"

    def check(self, context):
        for activity in context.activities:
            kind = kind_of(activity)
            if kind not in ALLOWED or activity.funding_source in ALLOWED[kind]:
                continue
            allowed = sorted(ALLOWED[kind])
            values = {
                "activity": describe(activity),
                "source": label_id(FundingSource, activity.funding_source),
                "article": ARTICLE[kind],
            }
            yield self.draft(
                key_parts=[activity.uid],
                activity=activity,
                message_id=(
                    "Kegiatan {activity} ({kind}) didanai dari {source}; menurut {article} PP 19/2022 "
                    "instrumen ini didanai dari {allowed}."
                ).format(**values, kind=KIND_ID[kind], allowed=", ".join(label_id(FundingSource, s) for s in allowed)),
                message_en=(
                    "Activity {activity} ({kind}) is funded from {source_en}; under PP 19/2022 {article} "
                    "this instrument is funded from {allowed}."
                ).format(
                    **values,
                    kind=KIND_EN[kind],
                    source_en=label_en(FundingSource, activity.funding_source),
                    allowed=", ".join(label_en(FundingSource, s) for s in allowed),
                ),
                evidence={"kind": kind, "funding_source": activity.funding_source, "allowed": allowed},
                content={"kind": kind, "funding_source": activity.funding_source},
            )
