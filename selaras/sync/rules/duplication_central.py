"""Two agencies planning the same work in the same place and year.

DESIGN.md, "The synchronisation checks" 2 (duplication); PP 19/2022 Pasal 4
ayat (2) and Pasal 11 (coordination so that delegated affairs do not overlap),
UU 23/2014 Pasal 9–13 (division of concurrent affairs).

Two rules share this module's machinery:

- `duplication.central` (here): a subject activity and another agency's
  **submitted** activity of the same year whose locations overlap (a
  province-level location overlaps every kabupaten/kota inside it) and whose
  titles the similarity engine scores at or above `threshold`;
- `duplication.regional` (`duplication_regional.py`): a subject activity and
  a region's own budgeted sub-activity (RKPD) in an overlapping region.

Each finding is directional — it sits on the subject activity, so each owner
answers for its own record — and is keyed by both records; its content is
both titles and the shared regions, so a changed title re-opens it. Drafts
of other agencies are never compared: `context.peer_activities` holds only
submitted plans.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from selaras.sync.context import activity_regions, overlaps
from selaras.sync.rules.base import Rule, register

CITATION = "PP 19/2022 Pasal 4 ayat (2), Pasal 11; UU 23/2014 Pasal 9–13"


def province_of(code: str) -> str:
    return code.split(".")[0]


def region_names(codes: Iterable[str]) -> dict[str, str]:
    from selaras.registry.models import Region

    return dict(Region.objects.filter(code__in=list(codes)).values_list("code", "name"))


def screen_pairs(pairs: list[tuple[object, object]], text_a, text_b, threshold: float):
    """Score blocked candidate pairs with the engine; yield (a, b, result)
    for those at or above the threshold. The vectorised pass finds the
    candidates; the full scorer gives the reported score and explanation."""
    if not pairs:
        return
    from selaras.sync.similarity.index import PairScorer

    lefts: dict[int, int] = {}
    rights: dict[int, int] = {}
    titles_a: list[str] = []
    titles_b: list[str] = []
    for a, b in pairs:
        if id(a) not in lefts:
            lefts[id(a)] = len(titles_a)
            titles_a.append(text_a(a))
        if id(b) not in rights:
            rights[id(b)] = len(titles_b)
            titles_b.append(text_b(b))
    engine = PairScorer(titles_a, titles_b, threshold, workers=2 if len(pairs) > 50_000 else 1)
    for a, b in pairs:
        if engine.score(lefts[id(a)], rights[id(b)]) <= 0.0:
            continue
        result = engine.scorer.compare(text_a(a), text_b(b))
        if result.score >= threshold:
            yield a, b, result


def regions_text(evidence: dict) -> str:
    return ", ".join(f"{r['code']} {r.get('name', '')}".strip() for r in evidence.get("regions", ()))


def message(evidence: dict, lang: str, *, hidden: bool = False) -> str:
    """The finding's message, composed from its evidence. `hidden` leaves out
    the other activity's title and owner, for a reader who may not read it
    (`selaras.sync.selectors.finding_evidence_for`)."""
    values = {
        "a": evidence["text_a"],
        "owner_a": evidence["owner_a"],
        "regions": regions_text(evidence),
        "year": evidence["year"],
        "score": f"{float(evidence['score']):.2f}",
    }
    if lang == "en":
        values["b"] = "an activity of another agency" if hidden else f"“{evidence['text_b']}” ({evidence['owner_b']})"
        return (
            "Activity “{a}” ({owner_a}) resembles {b} in {regions} in {year} (score {score}): check for duplication."
        ).format(**values)
    values["b"] = (
        "sebuah kegiatan instansi lain" if hidden else f"kegiatan “{evidence['text_b']}” ({evidence['owner_b']})"
    )
    return (
        "Kegiatan “{a}” ({owner_a}) mirip {b} di {regions} pada tahun {year} (skor {score}): "
        "periksa kemungkinan duplikasi."
    ).format(**values)


@register
class CentralDuplication(Rule):
    code = "duplication.central"
    category = "duplication"
    severity = "warning"
    citation = CITATION
    title_id = "Kegiatan mirip kegiatan instansi lain di wilayah dan tahun yang sama"
    title_en = "Activity resembles another agency's activity in the same region and year"
    default_params = {"threshold": 0.5}
    compose_message = staticmethod(message)

    def check(self, context):
        threshold = float(self.params["threshold"])
        subjects = context.activities
        if not subjects:
            return
        # peers indexed by (year, province): overlap needs the same province
        peers_by_block: dict[tuple[int, str], list] = defaultdict(list)
        peer_regions: dict[int, set[str]] = {}
        for peer in context.peer_activities:
            codes = activity_regions(peer)
            peer_regions[peer.pk] = codes
            for prov in {province_of(c) for c in codes}:
                peers_by_block[(peer.plan.cycle.year, prov)].append(peer)
        pairs = []
        shared_of: dict[tuple[int, int], set[str]] = {}
        for activity in subjects:
            codes = peer_regions.get(activity.pk) or activity_regions(activity)
            year = activity.plan.cycle.year
            seen: set[int] = set()
            for prov in {province_of(c) for c in codes}:
                for peer in peers_by_block.get((year, prov), ()):
                    if peer.pk == activity.pk or peer.pk in seen or peer.plan.owner_id == activity.plan.owner_id:
                        continue
                    seen.add(peer.pk)
                    shared = overlaps(codes, peer_regions[peer.pk])
                    if shared:
                        pairs.append((activity, peer))
                        shared_of[(activity.pk, peer.pk)] = shared
        hits = list(screen_pairs(pairs, lambda a: a.title, lambda b: b.title, threshold))
        names = region_names({c for a, b, _ in hits for c in shared_of[(a.pk, b.pk)]})
        for activity, peer, result in hits:
            shared = sorted(shared_of[(activity.pk, peer.pk)])
            evidence = {
                "text_a": activity.title,
                "text_b": peer.title,
                "owner_a": activity.plan.owner.name,
                "owner_b": peer.plan.owner.name,
                "score": result.score,
                "why": result.why,
                "regions": [{"code": c, "name": names.get(c, "")} for c in shared],
                "year": activity.plan.cycle.year,
            }
            yield self.draft(
                key_parts=[activity.uid, peer.uid],
                activity=activity,
                other_activity=peer,
                region_codes=shared,
                score=result.score,
                message_id=message(evidence, "id"),
                message_en=message(evidence, "en"),
                evidence=evidence,
                content={"text_a": activity.title, "text_b": peer.title, "regions": shared},
            )
