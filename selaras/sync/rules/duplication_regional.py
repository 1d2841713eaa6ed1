"""A central activity that duplicates a region's own budgeted sub-activity.

DESIGN.md, "The synchronisation checks" 2 (duplication: "an activity and a
region's own budgeted sub-activity"); PP 19/2022 Pasal 11 ayat (1) huruf b
(co-administration never for an affair the region already carries out) and
UU 23/2014 Pasal 9–13. The machinery, threshold and evidence are those of
`duplication.central` (see `duplication_central.py`).

One finding per subject activity and region whose own plan matches it,
listing the best sub-activities and counting the rest. Regional
sub-activities are replaced wholesale when a region re-imports its plan, so
their ids change: the finding key uses the regional plan's region code and
the year, and its content the matches' codes and names, never their ids.
"""

from __future__ import annotations

from collections import defaultdict

from selaras.sync.rules.base import Rule, register
from selaras.sync.rules.duplication_central import (
    CITATION,
    LISTED,
    others,
    province_batches,
    ranked,
    region_names,
    regions_text,
    screen_blocks,
    subjects_by_province,
)


def message(evidence: dict, lang: str, *, hidden: bool = False) -> str:
    """The finding's message, composed from its evidence; `hidden` leaves out
    the sub-activities' names and region (see `duplication_central.message`)."""
    values = {
        "a": evidence["text_a"],
        "owner_a": evidence["owner_a"],
        "regions": regions_text(evidence),
        "year": evidence["year"],
        "score": f"{float(evidence['score']):.2f}",
    }
    n = others(evidence)
    if lang == "en":
        if hidden:
            values["b"] = "a region's own sub-activity"
        else:
            more = " and {n} other sub-activit{s}".format(n=n, s="y" if n == 1 else "ies") if n else ""
            values["b"] = (
                f"the regional sub-activity “{evidence['text_b']}”{more} ({evidence['owner_b']} regional plan)"
            )
        return (
            "Activity “{a}” ({owner_a}) resembles {b} in {regions} in {year} (score {score}): check for duplication."
        ).format(**values)
    if hidden:
        values["b"] = "sebuah sub kegiatan daerah"
    else:
        more = f" dan {n} sub kegiatan lain" if n else ""
        values["b"] = f"sub kegiatan daerah “{evidence['text_b']}”{more} (rencana daerah {evidence['owner_b']})"
    return (
        "Kegiatan “{a}” ({owner_a}) mirip {b} di {regions} pada tahun {year} (skor {score}): "
        "periksa kemungkinan duplikasi."
    ).format(**values)


@register
class RegionalDuplication(Rule):
    code = "duplication.regional"
    category = "duplication"
    severity = "warning"
    citation = CITATION
    title_id = "Kegiatan mirip sub kegiatan daerah di wilayah yang sama"
    title_en = "Activity resembles a region's own sub-activity in the same region"
    default_params = {"threshold": 0.5}
    compose_message = staticmethod(message)

    def check(self, context):
        threshold = float(self.params["threshold"])
        # streamed as plain rows, a province at a time: a country holds a million
        batches = province_batches(
            subjects_by_province(context.screened_activities), context.regional_sub_activity_rows
        )
        for year, subjects, subs in batches:
            hits = screen_blocks(
                [codes for _a, codes in subjects],
                [a.title for a, _codes in subjects],
                [sub.region for sub in subs],
                [sub.name for sub in subs],
                threshold,
                fork=context.province is None,
            )
            # by subject and the region whose own plan it is
            matched: dict[tuple[int, str], dict[int, tuple[float, set[str]]]] = defaultdict(dict)
            for i, j, score, shared in hits:
                sub = subs[j]
                if sub.plan_region_id == subjects[i][0].plan.owner.region_id:
                    continue  # the region's own plan against itself
                matched[(i, sub.plan_region)][j] = (score, shared)
            codes = {c for m in matched.values() for _s, shared in m.values() for c in shared}
            names = region_names(codes | {region for _i, region in matched})
            for (i, region), matches in matched.items():
                ordered = [(subs[j], s) for j, s in ranked(matches)]
                yield self._finding(subjects[i][0], region, year, ordered, matches, names)

    def _finding(self, activity, region, year, ordered, matches, names):
        shared = sorted({c for _s, places in matches.values() for c in places})
        top, score = ordered[0]
        evidence = {
            "text_a": activity.title,
            "text_b": top.name,
            "owner_a": activity.plan.owner.name,
            "owner_b": names.get(region, region),
            "score": score,
            "regions": [{"code": c, "name": names.get(c, "")} for c in shared],
            "year": year,
            "sub_activity_code": top.code,
            "matches": [
                {"code": sub.code, "name": sub.name, "region": sub.region, "score": s} for sub, s in ordered[:LISTED]
            ],
            "more": max(len(ordered) - LISTED, 0),
        }
        return self.draft(
            key_parts=[activity.uid, f"{region}/{year}"],
            activity=activity,
            regional_sub_activity=top.pk,
            region_codes=shared,
            score=score,
            message_id=message(evidence, "id"),
            message_en=message(evidence, "en"),
            evidence=evidence,
            content={
                "text_a": activity.title,
                "regions": shared,
                "matches": sorted(f"{sub.region}|{sub.code}|{sub.name}" for sub, _s in ordered),
            },
        )
