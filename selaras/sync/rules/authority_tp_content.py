"""Co-administration whose content is guidance, supervision or a GWPP task.

PP 19/2022 Pasal 12 huruf f (central) and Pasal 13 huruf e (provincial):
an affair assigned under co-administration is "bukan pembinaan dan
pengawasan sebagaimana dimaksud dalam Pasal 4"; the GWPP's own tasks are
delegated only by deconcentration (Pasal 4 ayat (1) huruf b). What remains
for tugas pembantuan is carrying out part of the affair.

The content is read from the title and description
(`selaras.sync.authority.content`): the Pasal 4 forms — facilitation,
consultation, education and training, research; review, monitoring,
evaluation, inspection — aimed at regency/city governments, with no act of
carrying out the affair (building, procuring, distributing, serving). A
binwas word that is the matrix item's own substance ("pengawasan keamanan
pangan") does not count. A declared guidance, supervision or GWPP-task
content fires too.
"""

from __future__ import annotations

from selaras.plans.models import DelegatedContent
from selaras.sync.authority.content import read_content
from selaras.sync.authority.matcher import activity_item
from selaras.sync.rules._helpers import KIND_EN, KIND_ID, TP_KINDS, describe, kind_of, label_en, label_id
from selaras.sync.rules.base import Rule, register

FORBIDDEN = {DelegatedContent.GUIDANCE, DelegatedContent.SUPERVISION, DelegatedContent.GWPP_TASK}


@register
class TpContentIsBinwas(Rule):
    code = "authority.tp_content_is_binwas"
    category = "authority"
    severity = "error"
    citation = "PP 19/2022 Pasal 12 huruf f, Pasal 13 huruf e jo. Pasal 4"
    title_id = "Tugas pembantuan bermuatan pembinaan/pengawasan"
    title_en = "Co-administration with guidance/supervision content"

    def check(self, context):
        for activity in context.activities:
            kind = kind_of(activity)
            if kind not in TP_KINDS:
                continue
            declared = activity.delegated_content
            match = activity_item(context, activity)
            reading = read_content(activity.title, activity.description, match.item.text if match else "")
            if reading.is_binwas_of_regency:
                what_id = "pembinaan/pengawasan atas pemerintah kabupaten/kota (kata: {})".format(
                    ", ".join(reading.words())
                )
                what_en = "guidance/supervision of regency/city governments (words: {})".format(
                    ", ".join(reading.words())
                )
            elif declared in FORBIDDEN and reading.kind != "delivery":
                what_id = f"“{label_id(DelegatedContent, declared)}”"
                what_en = f"“{label_en(DelegatedContent, declared)}”"
            else:
                continue
            yield self.draft(
                key_parts=[activity.uid],
                activity=activity,
                message_id=(
                    f"Kegiatan {describe(activity)} adalah {KIND_ID[kind]} tetapi bermuatan {what_id}. Pembinaan, pengawasan dan tugas "
                    "GWPP tidak dapat ditugaskan melalui tugas pembantuan (Pasal 12 huruf f, Pasal 13 huruf e "
                    "PP 19/2022); gunakan dekonsentrasi atau laksanakan sendiri."
                ),
                message_en=(
                    f"Activity {describe(activity)} is {KIND_EN[kind]} but its content is {what_en}. Guidance, supervision and GWPP "
                    "tasks cannot be assigned as co-administration (PP 19/2022 Articles 12(f), 13(e)); use "
                    "deconcentration or carry them out directly."
                ),
                evidence={"kind": kind, "delegated_content": declared, **reading.evidence()},
                content={"kind": kind, "delegated_content": declared, "read": reading.kind},
            )
