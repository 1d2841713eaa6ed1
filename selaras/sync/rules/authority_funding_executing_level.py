"""Deconcentration or co-administration funds spent at a level that cannot
receive them.

PP 19/2022 Pasal 1 angka 3 and Pasal 21 ayat (1): deconcentration funds go
to the governor as representative of the centre, so they are spent at
province level (by the GWPP's apparatus), not by a regency/city, a village or
the ministry itself. Pasal 1 angka 5 and Pasal 21 ayat (2): co-administration
funds are carried out by the assigned region, not by the centre. Applies to
every programme, including cooperation programmes whose activities use these
channels; a warning, since the executing level is what the plan says, not
the budget document.
"""

from __future__ import annotations

from selaras.plans.models import ExecutingLevel, FundingSource
from selaras.sync.rules._helpers import describe, label_en, label_id
from selaras.sync.rules.base import Rule, register

ALLOWED = {
    FundingSource.DEKONSENTRASI: {ExecutingLevel.PROVINCE},
    FundingSource.TUGAS_PEMBANTUAN: {ExecutingLevel.PROVINCE, ExecutingLevel.REGENCY},
}
ALLOWED_ID = {
    FundingSource.DEKONSENTRASI: "provinsi (GWPP)",
    FundingSource.TUGAS_PEMBANTUAN: "provinsi atau kabupaten/kota penerima tugas",
}
ALLOWED_EN = {
    FundingSource.DEKONSENTRASI: "the province (GWPP)",
    FundingSource.TUGAS_PEMBANTUAN: "the assigned province or regency/city",
}


@register
class FundingExecutingLevel(Rule):
    code = "authority.funding_executing_level"
    category = "authority"
    severity = "warning"
    citation = "PP 19/2022 Pasal 1 angka 3 dan 5, Pasal 21 ayat (1)–(2)"
    title_id = "Dana dekonsentrasi/tugas pembantuan dilaksanakan di tingkat yang tidak sesuai"
    title_en = "Deconcentration/co-administration funds executed at the wrong level"

    def check(self, context):
        for activity in context.activities:
            source = activity.funding_source
            if source not in ALLOWED or activity.executing_level in ALLOWED[source]:
                continue
            values = {
                "activity": describe(activity),
                "source": label_id(FundingSource, source),
                "level": label_id(ExecutingLevel, activity.executing_level),
            }
            yield self.draft(
                key_parts=[activity.uid],
                activity=activity,
                message_id=(
                    "Kegiatan {activity} didanai {source} tetapi dilaksanakan oleh {level}; dana ini "
                    "dilaksanakan oleh {allowed}."
                ).format(**values, allowed=ALLOWED_ID[source]),
                message_en=(
                    "Activity {activity} is funded from {source_en} but executed by {level_en}; these "
                    "funds are spent by {allowed}."
                ).format(
                    **values,
                    source_en=label_en(FundingSource, source),
                    level_en=label_en(ExecutingLevel, activity.executing_level),
                    allowed=ALLOWED_EN[source],
                ),
                evidence={
                    "funding_source": source,
                    "executing_level": activity.executing_level,
                    "allowed_levels": sorted(ALLOWED[source]),
                },
                content={"funding_source": source, "executing_level": activity.executing_level},
            )
