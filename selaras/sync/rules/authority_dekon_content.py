"""Deconcentration content outside what PP 19/2022 lets the centre delegate
to the governor as representative of the central government (GWPP).

PP 19/2022 Pasal 3 and Pasal 4 ayat (1): Dekonsentrasi Kepada GWPP covers
(a) general and technical guidance and supervision of regency/city affairs
and of their co-administration, and (b) the GWPP's own tasks and powers;
ayat (2)–(3) say what guidance (fasilitasi, konsultasi, pendidikan dan
pelatihan, penelitian dan pengembangan) and supervision (reviu, monitoring,
evaluasi, pemeriksaan) are.

For a guidance-and-supervision programme the content is read from the title
and description (`selaras.sync.authority.content`): building, procuring,
handing out goods, operating a facility or serving citizens directly is the
affair itself, whatever the planner's "delegated content" field says — the
field is a hint, and decides only when the text says nothing either way. A
GWPP-task programme holds only `tugas_gwpp` content when one is stated.
"""

from __future__ import annotations

from selaras.plans.models import DelegatedContent, ProgrammeKind
from selaras.sync.authority.content import read_content
from selaras.sync.authority.matcher import activity_item
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
    citation = "PP 19/2022 Pasal 3, Pasal 4 ayat (1)–(3)"
    title_id = "Muatan dekonsentrasi bukan pembinaan/pengawasan atau tugas GWPP"
    title_en = "Deconcentration content is not guidance/supervision or a GWPP task"

    def check(self, context):
        for activity in context.activities:
            kind = kind_of(activity)
            if kind not in ALLOWED:
                continue
            declared = activity.delegated_content
            allowed = sorted(ALLOWED[kind])
            values = {"activity": describe(activity), "allowed": ", ".join(allowed)}
            evidence = {"kind": kind, "delegated_content": declared, "allowed": allowed}
            severity = None
            reading = None
            if kind == ProgrammeKind.DEKON_BINWAS:
                match = activity_item(context, activity)
                reading = read_content(activity.title, activity.description, match.item.text if match else "")
                evidence |= reading.evidence()
            if reading is not None and reading.kind == "delivery":
                message_id = (
                    "Kegiatan {activity} dalam program {kind} melaksanakan urusan itu sendiri (kata: {words}), "
                    "bukan pembinaan atau pengawasan atas urusan kabupaten/kota; Pasal 3 dan Pasal 4 ayat (1)–(3) "
                    "PP 19/2022 hanya membolehkan {allowed}."
                ).format(**values, kind=KIND_ID[kind], words=", ".join(reading.words()))
                message_en = (
                    "Activity {activity} in a {kind} programme carries out the affair itself (words: {words}), "
                    "not guidance or supervision of regency/city affairs; PP 19/2022 Articles 3 and 4(1)–(3) "
                    "allow only {allowed}."
                ).format(**values, kind=KIND_EN[kind], words=", ".join(reading.words()))
            elif declared in ALLOWED[kind] or (reading is not None and reading.kind == "binwas"):
                continue
            elif not declared:
                if kind == ProgrammeKind.DEKON_GWPP:
                    continue  # the programme is the GWPP's tasks; nothing else to read
                severity = "warning"
                message_id = (
                    "Kegiatan {activity} dalam program {kind} tidak menyebutkan muatan pelimpahannya dan judul "
                    "serta uraiannya tidak menunjukkan bentuk pembinaan atau pengawasan; yang dapat dilimpahkan "
                    "hanya {allowed}."
                ).format(**values, kind=KIND_ID[kind])
                message_en = (
                    "Activity {activity} in a {kind} programme does not state what is delegated and its title "
                    "and description show no form of guidance or supervision; only {allowed} may be delegated."
                ).format(**values, kind=KIND_EN[kind])
            else:
                message_id = (
                    "Kegiatan {activity} dalam program {kind} bermuatan “{content}”; Pasal 4 PP 19/2022 "
                    "hanya membolehkan {allowed}."
                ).format(**values, kind=KIND_ID[kind], content=label_id(DelegatedContent, declared))
                message_en = (
                    "Activity {activity} in a {kind} programme delegates “{content}”; PP 19/2022 Article 4 "
                    "allows only {allowed}."
                ).format(**values, kind=KIND_EN[kind], content=label_en(DelegatedContent, declared))
            yield self.draft(
                key_parts=[activity.uid],
                activity=activity,
                severity=severity,
                message_id=message_id,
                message_en=message_en,
                evidence=evidence,
                content={"kind": kind, "delegated_content": declared, "read": reading.kind if reading else None},
            )
