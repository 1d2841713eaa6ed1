"""Which item of the UU 23/2014 matrix an activity carries out.

Each item (a lettered task of a matrix cell, `AuthorityRule`) is a short
text. The activity's title and description are cleaned (`text`), stemmed and
compared with the items of its sub urusan (or of every sub urusan of its
field) by TF-IDF cosine, the title counting twice: it is the most specific
line. IDF comes from the whole matrix, so words every item uses
(`pengelolaan`, `penyelenggaraan`) weigh little and words that set one item
apart (`kontrasepsi`, `lintas kabupaten/kota`, `nasional`) weigh much. The
answer names the item, its score, the runner-up and the shared words that
decided, so the planner can confirm or change it and the reviewer can see why.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from selaras.registry.models import AuthorityRule
from selaras.sync.authority.text import activity_tokens, item_tokens

# Below this cosine the best item is a guess, not a reading: no item.
MIN_SCORE = 0.12


@dataclass
class ItemMatch:
    item: AuthorityRule
    score: float
    words: list[str]
    runner_up: AuthorityRule | None = None
    runner_up_score: float = 0.0
    confirmed: bool = False

    @property
    def level(self) -> str:
        return self.item.level

    def evidence(self) -> dict:
        return {
            "item": self.item.pk,
            "item_text": self.item.text,
            "item_level": self.item.level,
            "sub_urusan": self.item.affair.code,
            "confirmed": self.confirmed,
            "score": round(self.score, 3),
            "words": self.words,
            "runner_up": self.runner_up.text if self.runner_up else None,
            "runner_up_level": self.runner_up.level if self.runner_up else None,
        }


@dataclass
class ItemIndex:
    """The matrix items with their weighted vectors, built once per run."""

    items: list[AuthorityRule]
    idf: dict[str, float] = field(default_factory=dict)
    vectors: dict[int, dict[str, float]] = field(default_factory=dict)
    by_affair: dict[str, list[AuthorityRule]] = field(default_factory=dict)

    @classmethod
    def build(cls, items: Iterable[AuthorityRule]) -> ItemIndex:
        items = [i for i in items if i.has_authority]
        index = cls(items=items)
        # The sub urusan's name belongs to every item of it ("Air Minum" is
        # spelled out in one item only): shared by all, it decides nothing.
        docs = {i.pk: Counter(s for s, _ in item_tokens(f"{i.affair.name}. {i.text}")) for i in items}
        df = Counter(s for counts in docs.values() for s in counts)
        n = max(len(items), 1)
        index.idf = {s: math.log((1 + n) / (1 + d)) + 1 for s, d in df.items()}
        for item in items:
            index.vectors[item.pk] = _normalise({s: c * index.idf[s] for s, c in docs[item.pk].items()})
            sub = item.affair.code
            index.by_affair.setdefault(sub, []).append(item)
            if item.affair.parent_id is not None:
                index.by_affair.setdefault(sub.rsplit(".", 1)[0], []).append(item)
        return index

    def candidates(self, affair) -> list[AuthorityRule]:
        return self.by_affair.get(affair.code, []) if affair is not None else []

    def match(self, affair, title: str, description: str = "") -> ItemMatch | None:
        candidates = self.candidates(affair)
        if not candidates:
            return None
        counts: Counter[str] = Counter()
        surface: dict[str, str] = {}
        for weight, text in ((2, title), (1, description)):
            for s, word in activity_tokens(text):
                counts[s] += weight
                surface.setdefault(s, word)
        query = _normalise({s: c * self.idf.get(s, 0.0) for s, c in counts.items()})
        cues = {LEVEL_OF_CUE[s] for s in counts if s in LEVEL_OF_CUE}
        scored = sorted(
            ((self._score(i, query, cues), i) for i in candidates),
            key=lambda pair: (-pair[0], pair[1].level, pair[1].position),
        )
        best_score, best = scored[0]
        if best_score < MIN_SCORE:
            return None
        vector = self.vectors[best.pk]
        shared = sorted((s for s in vector if s in query), key=lambda s: -vector[s] * query[s])
        runner = next(((sc, i) for sc, i in scored[1:] if i.level != best.level), (0.0, None))
        return ItemMatch(
            item=best,
            score=best_score,
            words=[surface[s] for s in shared[:6]],
            runner_up=runner[1],
            runner_up_score=runner[0],
        )

    def _score(self, item: AuthorityRule, query: dict[str, float], cues: set[str]) -> float:
        """Cosine, moved by the scope criteria of UU 23/2014 Pasal 13: an
        activity that says whose scope it is (national, across regencies,
        within a regency, owned by the province) leans to that level's items;
        an item defined by a cross-boundary scope the activity never states
        leans away."""
        vector = self.vectors[item.pk]
        cosine = sum(w * query.get(s, 0.0) for s, w in vector.items())
        if item.level in cues:
            cosine += CUE_WEIGHT
        elif any(s in CROSS_BOUNDARY for s in vector):
            cosine -= CUE_WEIGHT
        return cosine


LEVEL_OF_CUE = {
    "nasional": "pusat",
    "lintasprovinsi": "pusat",
    "internasional": "pusat",
    "lintaskabkota": "provinsi",
    "provinsi": "provinsi",
    "kabkota": "kabkota",
}
CROSS_BOUNDARY = {"nasional", "lintasprovinsi", "internasional", "lintaskabkota"}
CUE_WEIGHT = 0.15


def _normalise(vector: dict[str, float]) -> dict[str, float]:
    norm = math.sqrt(sum(v * v for v in vector.values()))
    return {k: v / norm for k, v in vector.items()} if norm else {}


def activity_item(context, activity) -> ItemMatch | None:
    """The confirmed item, else the inferred one (cached on the context)."""
    cache = context.__dict__.setdefault("_item_matches", {})
    if activity.pk in cache:
        return cache[activity.pk]
    item = activity.authority_item
    if item is not None and item.has_authority:
        found = ItemMatch(item=item, score=1.0, words=[], confirmed=True)
    else:
        found = context.item_index.match(activity.affair, activity.title, activity.description)
    cache[activity.pk] = found
    return found
