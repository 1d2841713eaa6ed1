"""An activity without locations.

DESIGN.md, "The two cycles": each activity says where it lands, down to
district or village, so the regions learn what will happen where and the
matrix per locus province can be built. An activity carried out by the
centre itself in a cooperation programme (e.g. national policy work) may
have none, so for it the finding is only a note.
"""

from __future__ import annotations

from selaras.plans.models import ExecutingLevel
from selaras.sync.rules._helpers import describe
from selaras.sync.rules.base import Rule, register


@register
class NoLocation(Rule):
    code = "consistency.no_location"
    category = "consistency"
    severity = "warning"
    citation = "Konsistensi rencana: setiap kegiatan berlokasi"
    title_id = "Kegiatan tanpa lokasi"
    title_en = "Activity without locations"

    def check(self, context):
        for activity in context.activities:
            if activity.locations.all():
                continue
            central = (
                activity.executing_level == ExecutingLevel.CENTRE and not activity.plan.cycle.programme.is_delegation
            )
            values = {"activity": describe(activity)}
            yield self.draft(
                key_parts=[activity.uid],
                activity=activity,
                severity="info" if central else None,
                message_id="Kegiatan {activity} belum mencantumkan lokasi.".format(**values),
                message_en="Activity {activity} lists no locations.".format(**values),
                evidence={"locations": [], "executing_level": activity.executing_level},
                content={"locations": [], "executing_level": activity.executing_level},
            )
