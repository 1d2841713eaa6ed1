"""Deconcentration of the GWPP's own tasks planned by a ministry other than
Kemendagri.

PP 19/2022 Pasal 4 ayat (1) huruf b and Pasal 7 ayat (2) and (4): the
GWPP's own tasks and powers are delegated by a regulation of the Minister of
Home Affairs, after coordination with the Minister of Finance; PP 33/2018
Pasal 4 and UU 23/2014 Pasal 91 ayat (5): they are funded from the APBN in
Kemendagri's budget. Another ministry may deconcentrate guidance and
supervision of its own affairs (Pasal 4 ayat (1) huruf a), not the GWPP's
tasks. The assigner is the plan's owner, or the programme's assigner.
"""

from __future__ import annotations

from selaras.plans.models import ProgrammeKind
from selaras.sync.rules._helpers import describe, is_kemendagri, kind_of
from selaras.sync.rules.base import Rule, register


@register
class DekonGwppAssigner(Rule):
    code = "authority.dekon_gwpp_not_kemendagri"
    category = "authority"
    severity = "error"
    citation = "PP 19/2022 Pasal 4 ayat (1) huruf b, Pasal 7 ayat (2) dan (4); PP 33/2018 Pasal 4; UU 23/2014 Pasal 91 ayat (5)"
    title_id = "Dekonsentrasi tugas GWPP bukan dari Kemendagri"
    title_en = "Deconcentration of GWPP tasks not by the Ministry of Home Affairs"

    def check(self, context):
        for activity in context.activities:
            if kind_of(activity) != ProgrammeKind.DEKON_GWPP:
                continue
            programme = activity.plan.cycle.programme
            assigner = activity.plan.owner
            if is_kemendagri(assigner) or is_kemendagri(programme.assigner):
                continue
            values = {"activity": describe(activity), "assigner": str(assigner)}
            yield self.draft(
                key_parts=[activity.uid],
                activity=activity,
                message_id=(
                    "Kegiatan {activity} melimpahkan tugas dan wewenang GWPP atas nama {assigner}; tugas GWPP "
                    "dilimpahkan dengan Peraturan Menteri Dalam Negeri dan didanai dari anggaran Kementerian "
                    "Dalam Negeri (Pasal 7 ayat (2) dan (4) PP 19/2022; Pasal 4 PP 33/2018; Pasal 91 ayat (5) "
                    "UU 23/2014)."
                ).format(**values),
                message_en=(
                    "Activity {activity} delegates the GWPP's own tasks on behalf of {assigner}; GWPP tasks are "
                    "delegated by a Minister of Home Affairs regulation and funded in that ministry's budget "
                    "(PP 19/2022 Article 7(2) and (4); PP 33/2018 Article 4; UU 23/2014 Article 91(5))."
                ).format(**values),
                evidence={"assigner": str(assigner), "budget_code": assigner.budget_code},
                content={"assigner": assigner.pk},
            )
