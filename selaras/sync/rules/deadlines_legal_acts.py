"""Delegation legal acts not recorded by their deadline.

PP 19/2022 Pasal 7 ayat (5) and Pasal 16 ayat (4): the ministerial
regulation (or governor regulation for provincial co-administration) on a
deconcentration or co-administration is set by November of the year before;
Pasal 7 ayat (7) and Pasal 16 ayat (7): the governor's decree and the
regional acts by December. The cycle's `regulation_deadline` and
`decree_deadline` hold these dates (defaulted by `plans.services`); a
finding when a deadline has passed with nothing recorded, or when the act
was recorded after it. "Today" is the local date of the server's time zone.
"""

from __future__ import annotations

from django.utils import timezone

from selaras.core.formatting import format_date
from selaras.sync.rules._helpers import KIND_EN, KIND_ID
from selaras.sync.rules.base import Rule, register


class _LegalActLate(Rule):
    category = "deadlines"
    severity = "warning"
    deadline_field: str
    recorded_field: str
    act_id: str
    act_en: str

    def check(self, context):
        today = timezone.localdate()
        for cycle in context.cycles:
            programme = cycle.programme
            deadline = getattr(cycle, self.deadline_field)
            recorded = getattr(cycle, self.recorded_field)
            if not programme.is_delegation or deadline is None:
                continue
            values = {
                "act": self.act_id,
                "programme": programme.name,
                "kind": KIND_ID[programme.kind],
                "year": cycle.year,
                "deadline": format_date(deadline, lang="id"),
            }
            values_en = {
                **values,
                "act": self.act_en,
                "kind": KIND_EN[programme.kind],
                "deadline": format_date(deadline, lang="en"),
            }
            if recorded is None and today > deadline:
                state = "missing"
                message_id = (
                    "{act} untuk {programme} ({kind}) tahun {year} belum tercatat, padahal batasnya "
                    "{deadline} sudah lewat."
                ).format(**values)
                message_en = (
                    "{act} for {programme} ({kind}) {year} is not recorded, and its deadline of {deadline} has passed."
                ).format(**values_en)
            elif recorded is not None and recorded > deadline:
                state = "late"
                message_id = (
                    "{act} untuk {programme} ({kind}) tahun {year} ditetapkan {recorded}, melewati batas {deadline}."
                ).format(**values, recorded=format_date(recorded, lang="id"))
                message_en = (
                    "{act} for {programme} ({kind}) {year} was set on {recorded}, after the deadline of {deadline}."
                ).format(**values_en, recorded=format_date(recorded, lang="en"))
            else:
                continue
            facts = {"state": state, "deadline": deadline.isoformat(), "recorded_on": recorded and recorded.isoformat()}
            yield self.draft(
                key_parts=[cycle.pk],
                cycle=cycle,
                message_id=message_id,
                message_en=message_en,
                evidence={**facts, "checked_on": today.isoformat()},
                content=facts,
            )


@register
class RegulationLate(_LegalActLate):
    code = "deadlines.regulation_late"
    citation = "PP 19/2022 Pasal 7 ayat (5), Pasal 16 ayat (4)"
    title_id = "Peraturan menteri/gubernur melewati batas November"
    title_en = "Ministerial/governor regulation past the November deadline"
    deadline_field = "regulation_deadline"
    recorded_field = "regulation_recorded_on"
    act_id = "Peraturan menteri/kepala lembaga (atau peraturan gubernur)"
    act_en = "The ministerial (or governor) regulation"


@register
class DecreeLate(_LegalActLate):
    code = "deadlines.decree_late"
    citation = "PP 19/2022 Pasal 7 ayat (7), Pasal 16 ayat (7)"
    title_id = "Keputusan kepala daerah melewati batas Desember"
    title_en = "Regional decree past the December deadline"
    deadline_field = "decree_deadline"
    recorded_field = "decree_recorded_on"
    act_id = "Keputusan gubernur/bupati/wali kota"
    act_en = "The governor's/regent's/mayor's decree"
