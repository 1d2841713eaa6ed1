"""A development target that does not fit the activity's affair.

DESIGN.md, "The synchronisation checks" 3: the target an activity serves
fits its affair. Each development target lists the affairs it fits
(registry `DevelopmentTarget.affairs`, from the target framework's
nomenclature: RPJMN/RKP programmes are set per affair, Perpres 18/2020 and
Permendagri 90/2019 for the regional coding). A target fits when it lists
the activity's affair or one of its parents (the field of a sub urusan, the
group of a field), or a sub urusan of the activity's affair. Targets that
list no affairs, and activities without an affair, are not judged.
"""

from __future__ import annotations

from selaras.sync.rules._helpers import affair_text, describe, is_within
from selaras.sync.rules.base import Rule, register


def fits(activity_code: str, target_codes: set[str]) -> bool:
    return any(is_within(activity_code, code) or is_within(code, activity_code) for code in target_codes)


@register
class TargetAffairMismatch(Rule):
    code = "alignment.target_affair_mismatch"
    category = "alignment"
    severity = "warning"
    citation = "UU 25/2004; Permendagri 90/2019 (klasifikasi urusan)"
    title_id = "Sasaran pembangunan tidak sesuai urusan kegiatan"
    title_en = "Development target does not fit the activity's affair"

    def check(self, context):
        for activity in context.activities:
            if activity.affair is None:
                continue
            for target in activity.targets.all():
                affairs = list(target.affairs.all())
                codes = {a.code for a in affairs}
                if not codes or fits(activity.affair.code, codes):
                    continue
                values = {
                    "activity": describe(activity),
                    "affair": affair_text(activity.affair),
                    "target": f"{target.code} {target.name} ({target.framework})",
                    "affairs": ", ".join(affair_text(a) for a in sorted(affairs, key=lambda a: a.code)),
                }
                yield self.draft(
                    key_parts=[activity.uid, target.framework.code, target.code],
                    activity=activity,
                    message_id=(
                        "Kegiatan {activity} pada urusan {affair} dikaitkan dengan sasaran {target}, yang "
                        "terkait urusan {affairs}."
                    ).format(**values),
                    message_en=(
                        "Activity {activity} under affair {affair} is linked to target {target}, which fits "
                        "affairs {affairs}."
                    ).format(**values),
                    evidence={
                        "affair": activity.affair.code,
                        "target": {"framework": target.framework.code, "code": target.code, "name": target.name},
                        "target_affairs": sorted(codes),
                    },
                    content={"affair": activity.affair.code, "target_affairs": sorted(codes)},
                )
