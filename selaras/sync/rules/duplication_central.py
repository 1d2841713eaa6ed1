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
answers for its own record. Findings are grouped for the person answering
them: one per subject activity and province (here) or per subject activity
and region whose own plan it is (regional), listing the best matches and
counting the rest; its content is the subject's title, the shared regions
and every match, so a changed title or a new match re-opens it. Drafts of
other agencies are never compared: `context.peer_activity_rows` reads only
submitted plans.

Candidates are read from the database as plain rows, one province at a time,
and screened with the blocked sparse engine (`similarity.index.screen`): no
pair is built in Python unless its score reaches the threshold.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence

from selaras.sync.context import activity_regions, overlaps
from selaras.sync.rules.base import Rule, register

CITATION = "PP 19/2022 Pasal 4 ayat (2), Pasal 11; UU 23/2014 Pasal 9–13"

# Matches listed in a finding's evidence; the others are counted.
LISTED = 5
# Below this many titles the forked workers cost more than they save.
FORK_ABOVE = 20_000
# Provinces are read one by one and screened together up to this many rows:
# names repeat across provinces, so one pass parses each kind of work once,
# while memory stays bounded at national scale.
SCREEN_ROWS = 250_000


def province_of(code: str) -> str:
    return code.split(".")[0]


def block_of(code: str) -> str:
    """The screening block of a place: its kabupaten/kota, or the province
    itself for a province-wide place."""
    return ".".join(code.split(".")[:2])


def region_names(codes: Iterable[str]) -> dict[str, str]:
    from selaras.registry.models import Region

    return dict(Region.objects.filter(code__in=list(codes)).values_list("code", "name"))


def subjects_by_province(activities) -> dict[tuple[int, str], list[tuple[object, set[str]]]]:
    """Subject activities by (year, province), each with its places there."""
    out: dict[tuple[int, str], list[tuple[object, set[str]]]] = defaultdict(list)
    for activity in activities:
        by_province: dict[str, set[str]] = defaultdict(set)
        for code in activity_regions(activity):
            by_province[province_of(code)].add(code)
        for prov, codes in by_province.items():
            out[(activity.plan.cycle.year, prov)].append((activity, codes))
    return dict(sorted(out.items()))


def province_batches(subjects: dict, read) -> Iterator[tuple[int, list, list]]:
    """(year, subjects, rows) of several provinces at a time, each province's
    rows read by `read(year, province)`."""
    year_now, batch, rows = None, [], []
    for (year, prov), items in subjects.items():
        if batch and (year != year_now or len(rows) >= SCREEN_ROWS):
            yield year_now, batch, rows
            batch, rows = [], []
        year_now = year
        batch += items
        rows += read(year, prov)
    if batch:
        yield year_now, batch, rows


def screen_blocks(
    subject_codes: Sequence[set[str]],
    subject_titles: Sequence[str],
    other_codes: Sequence[str],
    other_titles: Sequence[str],
    threshold: float,
    *,
    fork: bool = True,
) -> Iterator[tuple[int, int, float, set[str]]]:
    """(subject, other, score, shared places) for every pair of a subject and
    another item whose places overlap and whose titles reach the threshold.

    An item of the other side sits in one block (its kabupaten/kota, or its
    province when province-wide); a subject lists every block its places can
    overlap (a kabupaten/kota's own and its province's; all of a province's).
    Only the pairs the engine keeps are looked at here, for the exact overlap
    (two villages of one kabupaten share a block without overlapping).
    `fork=False` keeps the work in this process (a shard of a national run:
    the other cores run the other shards)."""
    if not subject_titles or not other_titles:
        return
    from selaras.sync.similarity.index import screen

    block_ids: dict[str, int] = {}
    other_blocks = [block_ids.setdefault(block_of(c), len(block_ids)) for c in other_codes]
    blocks_in: dict[str, set[int]] = defaultdict(set)
    for code, b in block_ids.items():
        blocks_in[province_of(code)].add(b)
    subject_blocks = []
    for codes in subject_codes:
        blocks: set[int] = set()
        for c in codes:
            if "." not in c:
                blocks |= blocks_in.get(c, set())
                continue
            for key in (block_of(c), province_of(c)):
                if key in block_ids:
                    blocks.add(block_ids[key])
        subject_blocks.append(sorted(blocks))
    workers = 2 if fork and len(other_titles) + len(subject_titles) > FORK_ABOVE else 1
    out = screen(subject_titles, subject_blocks, other_titles, other_blocks, threshold=threshold, workers=workers)
    for i, j, score in zip(out["central"].tolist(), out["regional"].tolist(), out["score"].tolist(), strict=True):
        shared = overlaps(subject_codes[i], {other_codes[j]})
        if shared:
            yield i, j, round(score, 4), shared


def ranked(matches: dict[int, tuple[float, set[str]]]) -> list[tuple[int, float]]:
    """Matches best first (ties in a stable order)."""
    return sorted(((k, score) for k, (score, _shared) in matches.items()), key=lambda m: (-m[1], m[0]))


def others(evidence: dict) -> int:
    """How many matches a finding holds beside the one its message names."""
    listed = evidence.get("activities") or evidence.get("matches") or ()
    return max(len(listed) - 1, 0) + int(evidence.get("more") or 0)


def regions_text(evidence: dict) -> str:
    return ", ".join(f"{r['code']} {r.get('name', '')}".strip() for r in evidence.get("regions", ()))


def message(evidence: dict, lang: str, *, hidden: bool = False) -> str:
    """The finding's message, composed from its evidence. `hidden` leaves out
    the other activities' titles, owners and number, for a reader who may not
    read the best match (`selaras.sync.selectors.finding_evidence_for`)."""
    values = {
        "a": evidence["text_a"],
        "owner_a": evidence["owner_a"],
        "regions": regions_text(evidence),
        "year": evidence["year"],
        "score": f"{float(evidence['score']):.2f}",
        "n": others(evidence),
    }
    if lang == "en":
        if hidden:
            values["b"] = "an activity of another agency"
        else:
            values["b"] = f"“{evidence['text_b']}” ({evidence['owner_b']})"
            if values["n"]:
                values["b"] += " and {n} other activit{s}".format(n=values["n"], s="y" if values["n"] == 1 else "ies")
        return (
            "Activity “{a}” ({owner_a}) resembles {b} in {regions} in {year} (score {score}): check for duplication."
        ).format(**values)
    if hidden:
        values["b"] = "sebuah kegiatan instansi lain"
    else:
        values["b"] = f"kegiatan “{evidence['text_b']}” ({evidence['owner_b']})"
        if values["n"]:
            values["b"] += f" dan {values['n']} kegiatan lain"
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
        batches = province_batches(subjects_by_province(context.screened_activities), context.peer_activity_rows)
        for _year, subjects, peers in batches:
            # one screening item per place of a peer
            item_peer = [k for k, peer in enumerate(peers) for _code in sorted(peer.regions)]
            item_code = [code for peer in peers for code in sorted(peer.regions)]
            matched: dict[int, dict[int, tuple[float, set[str]]]] = defaultdict(dict)
            hits = screen_blocks(
                [codes for _a, codes in subjects],
                [a.title for a, _codes in subjects],
                item_code,
                [peers[k].title for k in item_peer],
                threshold,
                fork=context.province is None,
            )
            for i, j, score, shared in hits:
                activity, k = subjects[i][0], item_peer[j]
                peer = peers[k]
                if peer.pk == activity.pk or peer.owner_id == activity.plan.owner_id:
                    continue
                best, places = matched[i].get(k, (0.0, set()))
                matched[i][k] = (max(best, score), places | shared)
            names = region_names({c for m in matched.values() for _s, shared in m.values() for c in shared})
            for i, matches in matched.items():
                yield self._finding(
                    # a subject item is an activity's places in one province
                    subjects[i][0],
                    province_of(min(subjects[i][1])),
                    [(peers[k], s) for k, s in ranked(matches)],
                    matches,
                    names,
                )

    def _finding(self, activity, prov, ordered, matches, names):
        shared = sorted({c for _s, places in matches.values() for c in places})
        top, score = ordered[0]
        evidence = {
            "text_a": activity.title,
            "text_b": top.title,
            "owner_a": activity.plan.owner.name,
            "owner_b": top.owner,
            "score": score,
            "regions": [{"code": c, "name": names.get(c, "")} for c in shared],
            "year": activity.plan.cycle.year,
            # each row is shown only to readers of its activity (selectors)
            "activities": [
                {"uid": peer.uid, "title": peer.title, "owner": peer.owner, "score": s} for peer, s in ordered[:LISTED]
            ],
            "more": max(len(ordered) - LISTED, 0),
        }
        return self.draft(
            key_parts=[activity.uid, prov],
            activity=activity,
            other_activity=top.pk,
            region_codes=shared,
            score=score,
            message_id=message(evidence, "id"),
            message_en=message(evidence, "en"),
            evidence=evidence,
            content={
                "text_a": activity.title,
                "regions": shared,
                "matches": sorted(f"{peer.uid}|{peer.title}" for peer, _s in ordered),
            },
        )
