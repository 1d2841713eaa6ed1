"""Co-administration whose content is guidance, supervision or a GWPP task.

PP 19/2022 Pasal 12 huruf f (central) and Pasal 13 huruf e (provincial):
an affair assigned under co-administration is "bukan pembinaan dan
pengawasan sebagaimana dimaksud dalam Pasal 4"; the GWPP's own tasks are
delegated only by deconcentration (Pasal 4 ayat (1) huruf b). What remains
for tugas pembantuan is carrying out part of the affair (`pelaksanaan`).
"""

from __future__ import annotations

from selaras.plans.models import DelegatedContent
from selaras.sync.rules._helpers import KIND_EN, KIND_ID, TP_KINDS, describe, kind_of, label_en, label_id
from selaras.sync.rules.base import Rule, register

FORBIDDEN = {DelegatedContent.GUIDANCE, DelegatedContent.SUPERVISION, DelegatedContent.GWPP_TASK}


@register
class TpContentIsBinwas(Rule):
    code = "authority.tp_content_is_binwas"
    category = "authority"
    severity = "error"
    citation = "PP 19/2022 Pasal 12 huruf f, Pasal 13 huruf e"
    title_id = "Tugas pembantuan bermuatan pembinaan/pengawasan"
    title_en = "Co-administration with guidance/supervision content"

    def check(self, context):
        for activity in context.activities:
            kind = kind_of(activity)
            if kind not in TP_KINDS or activity.delegated_content not in FORBIDDEN:
                continue
            content = activity.delegated_content
            yield self.draft(
                key_parts=[activity.uid],
                activity=activity,
                message_id=(
                    f"Kegiatan {describe(activity)} adalah {KIND_ID[kind]} tetapi bermuatan “{label_id(DelegatedContent, content)}”. Pembinaan, pengawasan dan tugas "
                    "GWPP tidak dapat ditugaskan melalui tugas pembantuan; gunakan dekonsentrasi atau laksanakan "
                    "sendiri."
                ),
                message_en=(
                    f"Activity {describe(activity)} is {KIND_EN[kind]} but its content is “{label_en(DelegatedContent, content)}”. Guidance, supervision and GWPP "
                    "tasks cannot be assigned as co-administration; use deconcentration or carry them out directly."
                ),
                evidence={"kind": kind, "delegated_content": content},
                content={"kind": kind, "delegated_content": content},
            )
