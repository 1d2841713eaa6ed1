"""An activity scheduled in no quarter.

DESIGN.md, "The two cycles": the work plan gives each activity's schedule,
and progress is reported by quarter (triwulan); an activity planned in no
quarter cannot be followed.
"""

from __future__ import annotations

from selaras.sync.rules._helpers import describe
from selaras.sync.rules.base import Rule, register


@register
class NoSchedule(Rule):
    code = "consistency.no_schedule"
    category = "consistency"
    severity = "warning"
    citation = "Konsistensi rencana: jadwal per triwulan"
    title_id = "Kegiatan tanpa jadwal triwulan"
    title_en = "Activity scheduled in no quarter"

    def check(self, context):
        for activity in context.activities:
            if activity.quarters:
                continue
            values = {"activity": describe(activity)}
            yield self.draft(
                key_parts=[activity.uid],
                activity=activity,
                message_id="Kegiatan {activity} belum dijadwalkan pada triwulan mana pun.".format(**values),
                message_en="Activity {activity} is not scheduled in any quarter.".format(**values),
                evidence={"quarters": []},
                content={"quarters": []},
            )
