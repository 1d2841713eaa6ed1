"""An activity that serves no development target.

DESIGN.md, "The synchronisation checks" 3: every activity serves at least
one national or regional development target, the synchronisation of
planning that UU 25/2004 (Sistem Perencanaan Pembangunan Nasional) asks for;
for delegations PP 19/2022 Pasal 6 ayat (1) and Pasal 15 ayat (1) (planning
follows the national development-planning law).
"""

from __future__ import annotations

from selaras.sync.rules._helpers import describe
from selaras.sync.rules.base import Rule, register


@register
class NoTarget(Rule):
    code = "alignment.no_target"
    category = "alignment"
    severity = "warning"
    citation = "UU 25/2004; PP 19/2022 Pasal 6 ayat (1), Pasal 15 ayat (1)"
    title_id = "Kegiatan tidak mendukung sasaran pembangunan"
    title_en = "Activity serves no development target"

    def check(self, context):
        for activity in context.activities:
            if activity.targets.all():
                continue
            values = {"activity": describe(activity)}
            yield self.draft(
                key_parts=[activity.uid],
                activity=activity,
                message_id=(
                    "Kegiatan {activity} belum dikaitkan dengan sasaran pembangunan nasional atau daerah "
                    "(RPJMN/RKP, RPJMD, SDGs atau hasil program)."
                ).format(**values),
                message_en=(
                    "Activity {activity} is not linked to any national or regional development target "
                    "(RPJMN/RKP, RPJMD, SDGs or programme results)."
                ).format(**values),
                evidence={"targets": []},
                content={"targets": []},
            )
