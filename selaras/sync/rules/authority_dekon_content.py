"""Deconcentration content outside what PP 19/2022 lets the centre delegate
to the governor as representative of the central government (GWPP).

PP 19/2022 Pasal 4 ayat (1): Dekonsentrasi Kepada GWPP covers (a) general and
technical guidance and supervision of regency/city affairs and of their
co-administration, and (b) the GWPP's own tasks and powers; ayat (2)–(3) say
what guidance (fasilitasi, konsultasi, pendidikan dan pelatihan, penelitian
dan pengembangan) and supervision (reviu, monitoring, evaluasi, pemeriksaan)
are. A guidance-and-supervision programme may therefore hold only
`pembinaan`/`pengawasan` content, and a GWPP-task programme only
`tugas_gwpp`. An activity that does not state its content is a warning.
"""

from __future__ import annotations

from selaras.plans.models import DelegatedContent, ProgrammeKind
from selaras.sync.rules._helpers import KIND_EN, KIND_ID, describe, kind_of, label_en, label_id
from selaras.sync.rules.base import Rule, register

ALLOWED = {
    ProgrammeKind.DEKON_BINWAS: {DelegatedContent.GUIDANCE, DelegatedContent.SUPERVISION},
    ProgrammeKind.DEKON_GWPP: {DelegatedContent.GWPP_TASK},
}


@register
class DekonContent(Rule):
    code = "authority.dekon_content"
    category = "authority"
    severity = "error"
    citation = "PP 19/2022 Pasal 4 ayat (1)–(3)"
    title_id = "Muatan dekonsentrasi bukan pembinaan/pengawasan atau tugas GWPP"
    title_en = "Deconcentration content is not guidance/supervision or a GWPP task"

    def check(self, context):
        for activity in context.activities:
            kind = kind_of(activity)
            if kind not in ALLOWED:
                continue
            content = activity.delegated_content
            if content in ALLOWED[kind]:
                continue
            allowed = sorted(ALLOWED[kind])
            values = {
                "activity": describe(activity),
                "allowed": ", ".join(allowed),
            }
            if not content:
                message_id = (
                    "Kegiatan {activity} dalam program {kind} tidak menyebutkan muatan pelimpahannya; "
                    "yang dapat dilimpahkan hanya {allowed}."
                ).format(**values, kind=KIND_ID[kind])
                message_en = (
                    "Activity {activity} in a {kind} programme does not state what is delegated; only "
                    "{allowed} may be delegated."
                ).format(**values, kind=KIND_EN[kind])
                severity = "warning"
            else:
                label = label_id(DelegatedContent, content)
                message_id = (
                    "Kegiatan {activity} dalam program {kind} bermuatan “{content}”; Pasal 4 PP 19/2022 "
                    "hanya membolehkan {allowed}."
                ).format(**values, kind=KIND_ID[kind], content=label)
                message_en = (
                    "Activity {activity} in a {kind} programme delegates “{content}”; PP 19/2022 Article 4 "
                    "allows only {allowed}."
                ).format(**values, kind=KIND_EN[kind], content=label_en(DelegatedContent, content))
                severity = None
            yield self.draft(
                key_parts=[activity.uid],
                activity=activity,
                severity=severity,
                message_id=message_id,
                message_en=message_en,
                evidence={"kind": kind, "delegated_content": content, "allowed": allowed},
                content={"kind": kind, "delegated_content": content},
            )
