"""A regional government's flag on a central activity in its region, made a
finding of the review by the coordinator.

UU 23/2014 Pasal 258 and PP 19/2022 Pasal 17: central programmes in a region
are synchronised with the region's own plan (RKPD), so what the region says
about an activity landing in it is part of the review. The finding is written
when the coordinator makes the flag one (`sync.services.finding_from_flag`);
this rule finds it again on every re-run, and resolves it once the region
withdraws its flag.
"""

from __future__ import annotations

from django.utils import translation

from selaras.flags.models import Flag, FlagStatus
from selaras.sync.rules.base import FindingDraft, Rule, register


@register
class RegionFlag(Rule):
    code = "flag.region"
    category = "region"
    severity = "warning"
    citation = "UU 23/2014 Pasal 258; PP 19/2022 Pasal 17 (masukan pemerintah daerah)"
    title_id = "Tanda dari pemerintah daerah"
    title_en = "Flag raised by a regional government"

    def check(self, context):
        subjects = {a.pk for a in context.activities}
        # Few flags ever become findings: read those, then keep the run's own.
        flags = (
            Flag.objects.filter(finding_raised_at__isnull=False)
            .exclude(status=FlagStatus.WITHDRAWN)
            .select_related("activity__plan", "region")
        )
        for flag in flags:
            if flag.activity_id in subjects:
                yield self.draft_for(flag)

    def draft_for(self, flag: Flag) -> FindingDraft:
        values = {"region": flag.region.name, "activity": flag.activity.title, "comment": flag.comment}
        with translation.override("id"):
            reason_id = str(flag.get_reason_display())
        with translation.override("en"):
            reason_en = str(flag.get_reason_display())
        content = {"reason": flag.reason, "comment": flag.comment, "region": flag.region.code}
        return self.draft(
            key_parts=[flag.pk],
            activity=flag.activity,
            region_codes=[flag.region.code],
            message_id="{region} menandai kegiatan {activity}: {reason}. {comment}".format(**values, reason=reason_id),
            message_en="{region} flagged activity {activity}: {reason}. {comment}".format(**values, reason=reason_en),
            evidence={"flag": flag.pk, **content},
            content=content,
        )
