"""A central activity that duplicates a region's own budgeted sub-activity.

DESIGN.md, "The synchronisation checks" 2 (duplication: "an activity and a
region's own budgeted sub-activity"); PP 19/2022 Pasal 11 ayat (1) huruf b
(co-administration never for an affair the region already carries out) and
UU 23/2014 Pasal 9–13. The machinery, threshold and evidence are those of
`duplication.central` (see `duplication_central.py`).

Regional sub-activities are replaced wholesale when a region re-imports its
plan, so their ids change: the finding key uses the regional plan's region
code, the year, the sub-activity code and a hash of the normalised name.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict

from selaras.sync.context import activity_regions, overlaps
from selaras.sync.rules.base import Rule, register
from selaras.sync.rules.duplication_central import CITATION, province_of, region_names, regions_text, screen_pairs


def sub_region(sub) -> str:
    return sub.location.code if sub.location_id else sub.regional_plan.region.code


def stable_key(sub) -> str:
    """Survives a re-import: region + year + code + normalised name."""
    from selaras.sync.similarity.normalise import parse

    digest = hashlib.sha1(parse(sub.name).core.encode()).hexdigest()[:12]
    plan = sub.regional_plan
    return f"{plan.region.code}/{plan.year}/{sub.code or '-'}/{digest}"


def message(evidence: dict, lang: str, *, hidden: bool = False) -> str:
    """The finding's message, composed from its evidence; `hidden` leaves out
    the sub-activity's name and region (see `duplication_central.message`)."""
    values = {
        "a": evidence["text_a"],
        "owner_a": evidence["owner_a"],
        "regions": regions_text(evidence),
        "year": evidence["year"],
        "score": f"{float(evidence['score']):.2f}",
    }
    if lang == "en":
        values["b"] = (
            "a region's own sub-activity"
            if hidden
            else f"the regional sub-activity “{evidence['text_b']}” ({evidence['owner_b']} regional plan)"
        )
        return (
            "Activity “{a}” ({owner_a}) resembles {b} in {regions} in {year} (score {score}): check for duplication."
        ).format(**values)
    values["b"] = (
        "sebuah sub kegiatan daerah"
        if hidden
        else f"sub kegiatan daerah “{evidence['text_b']}” (rencana daerah {evidence['owner_b']})"
    )
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
        by_year: dict[int, list] = defaultdict(list)
        regions_of: dict[int, set[str]] = {}
        for activity in context.activities:
            codes = activity_regions(activity)
            if codes:
                regions_of[activity.pk] = codes
                by_year[activity.plan.cycle.year].append(activity)
        pairs = []
        shared_of: dict[tuple[int, int], set[str]] = {}
        for year, activities in by_year.items():
            codes = {c for a in activities for c in regions_of[a.pk]}
            # the province's own plan overlaps its kabupaten/kota too
            subs = context.regional_sub_activities(year, codes | {province_of(c) for c in codes})
            subs_by_province: dict[str, list] = defaultdict(list)
            for sub in subs:
                subs_by_province[province_of(sub_region(sub))].append(sub)
            for activity in activities:
                own_region = activity.plan.owner.region_id
                for prov in {province_of(c) for c in regions_of[activity.pk]}:
                    for sub in subs_by_province.get(prov, ()):
                        if own_region is not None and sub.regional_plan.region_id == own_region:
                            continue  # the region's own plan against itself
                        shared = overlaps(regions_of[activity.pk], {sub_region(sub)})
                        if shared:
                            pairs.append((activity, sub))
                            shared_of[(activity.pk, sub.pk)] = shared
        hits = list(screen_pairs(pairs, lambda a: a.title, lambda s: s.name, threshold))
        names = region_names({c for a, s, _ in hits for c in shared_of[(a.pk, s.pk)]})
        for activity, sub, result in hits:
            shared = sorted(shared_of[(activity.pk, sub.pk)])
            evidence = {
                "text_a": activity.title,
                "text_b": sub.name,
                "owner_a": activity.plan.owner.name,
                "owner_b": str(sub.regional_plan.region.name),
                "score": result.score,
                "why": result.why,
                "regions": [{"code": c, "name": names.get(c, "")} for c in shared],
                "year": activity.plan.cycle.year,
                "sub_activity_code": sub.code,
            }
            yield self.draft(
                key_parts=[activity.uid, stable_key(sub)],
                activity=activity,
                regional_sub_activity=sub,
                region_codes=shared,
                score=result.score,
                message_id=message(evidence, "id"),
                message_en=message(evidence, "en"),
                evidence=evidence,
                content={"text_a": activity.title, "text_b": sub.name, "regions": shared},
            )
