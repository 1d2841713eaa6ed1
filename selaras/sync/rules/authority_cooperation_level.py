"""A regional government carrying out, in a cooperation programme, a matrix
item its level does not hold.

UU 23/2014 Pasal 9 ayat (3)–(4) and Pasal 11–13: a region carries out the
concurrent affairs the division gives its level, item by item in the annex
(Lampiran I). A development-partner programme does not change who holds an
affair, so a province or regency/city that carries out another level's item
— or works in a sub urusan where its cell is an explicit `---` — acts
outside its authority. The item is the one confirmed by the planner, else
the one inferred from the title and description; an inferred item gives a
warning that names its words. PP 19/2022 Pasal 11 makes the same division
the measure for delegated affairs.
"""

from __future__ import annotations

from selaras.plans.models import ExecutingLevel, ProgrammeKind
from selaras.sync.authority.matcher import activity_item
from selaras.sync.rules._helpers import (
    LEVEL_EN,
    LEVEL_ID,
    affair_text,
    describe,
    holds,
    item_text_en,
    item_text_id,
    kind_of,
    matrix_level,
    matrix_rows,
)
from selaras.sync.rules.base import Rule, register

REGIONAL = {ExecutingLevel.PROVINCE, ExecutingLevel.REGENCY}


def carrying_level(activity) -> str | None:
    if activity.recipient_level in ("provinsi", "kabkota", "gwpp"):
        return matrix_level(activity.recipient_level)
    return activity.executing_level if activity.executing_level in REGIONAL else None


@register
class CooperationOutsideLevel(Rule):
    code = "authority.cooperation_outside_level"
    category = "authority"
    severity = "error"
    citation = "UU 23/2014 Pasal 9 ayat (3)–(4), Pasal 11–13 dan Lampiran I; PP 19/2022 Pasal 11"
    title_id = "Kegiatan kerja sama di luar kewenangan tingkat pemerintahan pelaksana"
    title_en = "Cooperation activity outside the executing level's authority"

    def check(self, context):
        for activity in context.activities:
            if kind_of(activity) != ProgrammeKind.COOPERATION:
                continue
            level = carrying_level(activity)
            if level is None:
                continue
            rows = matrix_rows(context, activity.affair)
            values = {"activity": describe(activity), "level": LEVEL_ID[level]}
            if rows is not None and holds(rows, level) is False:
                yield self.draft(
                    key_parts=[activity.uid],
                    activity=activity,
                    message_id=(
                        "Kegiatan {activity} dilaksanakan oleh {level}, padahal menurut Lampiran UU 23/2014 "
                        "tingkat ini tidak memiliki kewenangan pada sub urusan {affair} (sel “---”)."
                    ).format(**values, affair=affair_text(activity.affair)),
                    message_en=(
                        "Activity {activity} is carried out by {level_en}, but under the UU 23/2014 annex this "
                        "level holds nothing in sub-affair {affair} (cell “---”)."
                    ).format(**values, level_en=LEVEL_EN[level], affair=affair_text(activity.affair)),
                    evidence={"affair": activity.affair.code, "executing_level": level, "cell": "---"},
                    content={"affair": activity.affair.code, "level": level},
                )
                continue
            match = activity_item(context, activity)
            if match is None or match.level == level:
                continue
            yield self.draft(
                key_parts=[activity.uid],
                activity=activity,
                severity=None if match.confirmed else "warning",
                message_id=(
                    "Kegiatan {activity} dilaksanakan oleh {level}, tetapi melaksanakan {item}, yang menurut "
                    "Lampiran UU 23/2014 kewenangan {holder} (Pasal 9 ayat (3)–(4) UU 23/2014)."
                ).format(**values, item=item_text_id(match), holder=LEVEL_ID[match.level]),
                message_en=(
                    "Activity {activity} is carried out by {level_en} but carries out {item}, which under the "
                    "UU 23/2014 annex belongs to {holder} (UU 23/2014 Article 9(3)–(4))."
                ).format(**values, level_en=LEVEL_EN[level], item=item_text_en(match), holder=LEVEL_EN[match.level]),
                evidence={**match.evidence(), "executing_level": level},
                content={"item": match.item.pk, "level": level},
            )
