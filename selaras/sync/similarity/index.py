"""Fast look-up and national screening over many activity names.

The trick is that a country's sub-activity names are few *kinds* of work with
much local detail: a million titles are a few thousand normalised cores plus
a village, a school, a road or a package. So:

1. deduplicate the titles, split the trailing local detail off each distinct
   title into structured ids (one regex pass, no tokenising);
2. normalise, stem and featurise each distinct *core* once;
3. score cores against cores with sparse matrix products (word IDF cosine and
   weighted coverage), compute the character cosine only for the pairs that
   could still reach the threshold, and refine the survivors with the full
   scorer (action/level/group conflicts, swapped objects);
4. join the surviving core pairs to the items inside each (year, region)
   block with sorted keys and `searchsorted`, and drop pairs whose named
   detail conflicts (two different packages, schools, roads or villages) —
   all numpy, no Python loop per pair.

Steps 3 and 4 live in `screening`, saving and loading in `index_store`; this
module keeps what both share (title splitting, the core table, the items) and
the look-up index, which is why it stays over 400 lines.
"""

from __future__ import annotations

import gc
import re
from collections.abc import Sequence
from contextlib import contextmanager
from dataclasses import dataclass

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import HashingVectorizer

from selaras.sync.similarity import features as feat
from selaras.sync.similarity.lexicon import (
    NAME_STOP,
    PLACE_CANON,
    SCHOOL_LEVEL,
    STRICT_PLACE_MARKERS,
    TAIL_PLACE_WORDS,
    TAIL_SCHOOL_WORDS,
)
from selaras.sync.similarity.nomenclature import load as load_nomenclature
from selaras.sync.similarity.scorer import (
    CONFLICT_FACTOR,
    DEFAULT_THRESHOLD,
    W_CHAR,
    W_COVER,
    W_WORD,
    PairResult,
    Prepared,
    Scorer,
    prepare,
    prepare_with_suffix,
)
from selaras.sync.similarity.stem import is_word
from selaras.sync.similarity.vocab import load as load_vocab

DETAIL_KINDS = ("place", "school", "road", "package")
# How far under the threshold a vectorised text score may fall and its pair
# still go on to the exact check: float32 sums and hashed character n-grams
# are not the scorer's own arithmetic.
THRESHOLD_MARGIN = 0.02
_NAME = r"[A-Z][\w'’.-]*(?:\s+(?:[A-Z][\w'’.-]*|\d{1,3}))*"
_TAILS = (
    ("year", re.compile(r"\s+(?:Tahun(?:\s+Anggaran)?\s+|TA\.?\s*)?((?:19|20)\d\d)\s*$")),
    ("package", re.compile(r"\s+Paket\s+(?:No\.?\s*)?(\d{1,3}|[IVX]{1,4})\s*$", re.IGNORECASE)),
    ("road", re.compile(r"\s+Ruas\s+(?:Jalan\s+|Jl\.?\s*)?(\S+(?:\s*[-–]\s*\S+)?)\s*$")),
    (
        "school",
        re.compile(
            r"\s+(SDN|SD|SMPN|SMP|SMAN|SMA|SMKN|SMK|SLB|MIN|MI|MTsN|MTs)(?:\s+(?:Negeri|Swasta|Inpres))?\s+((?:\d{1,3}\s+)?"
            + _NAME
            + r"|\d{1,3})\s*$"
        ),
    ),
    (
        "place",
        re.compile(r"\s+(?:di\s+)?(Desa|Kelurahan|Kel\.|Kecamatan|Kec\.|Kab\.|Kabupaten|Kota)\s+(" + _NAME + r")\s*$"),
    ),
)


_NAME_WORD = re.compile(r"[A-Z][\w'’.-]*|\d{1,3}")
# How many trailing words a pattern can span at most (place and school span
# the trailing run of capitalised words instead: their names have no bound).
_TAIL_WORDS = {"year": 3, "package": 4, "road": 5}


def _search_from(kind: str, base: str, present: set[str], run: int) -> int:
    """Where in ``base`` a tail pattern of this kind can start, or -1 when it
    cannot match at all. The regular expressions are anchored at the end but
    tried from every blank; starting them at the blank before the words they
    can span gives the same (leftmost) match for a fraction of the work."""
    if kind == "year":
        if not base[-4:].isdigit():
            return -1
    elif kind == "package":
        if "paket" not in base.lower():
            return -1
    elif kind == "road":
        if "Ruas" not in present:
            return -1
    elif kind == "school":
        if TAIL_SCHOOL_WORDS.isdisjoint(present):
            return -1
    elif TAIL_PLACE_WORDS.isdisjoint(present):
        return -1
    # place: the marker may be preceded by "di"
    k = _TAIL_WORDS.get(kind, run + 1 if kind == "place" else run)
    parts = base.rsplit(None, k)
    return len(parts[0]) if len(parts) > k else 0


def _trailing_run(words: list[str]) -> int:
    n = 0
    for w in reversed(words):
        if _NAME_WORD.fullmatch(w) is None:
            break
        n += 1
    return n


def split_title(title: str) -> tuple[str, str, dict[str, str]]:
    """Strip trailing local detail: ("Pembangunan Gedung", "SD", {"school": "sd 2 wamena", ...}).

    The school level of a named school is returned apart from the base, so
    that a base name is prepared once whatever the level."""
    detail: dict[str, str] = {}
    base = title.rstrip()
    level = ""
    words = load_vocab().words
    changed = True
    while changed:
        changed = False
        split = base.split()
        present, run = set(split), _trailing_run(split)
        for kind, rx in _TAILS:
            if kind in detail:
                continue
            pos = _search_from(kind, base, present, run)
            if pos < 0:
                continue
            m = rx.search(base, pos)
            if m is None:
                continue
            if kind in ("place", "school"):
                name = m.group(2)
                first = name.split()[0].lower()
                if first in NAME_STOP or (not first.isdigit() and words.get(first, 0) >= 5):
                    continue
                if kind == "place" and m.group(1).lower() in STRICT_PLACE_MARKERS and is_word(first):
                    continue  # "Kota Layak Anak" is a programme, not a town
            if kind == "school":
                detail[kind] = m.group(1).lower() + " " + " ".join(m.group(2).lower().split())
                # the school level stays in the text, in one spelling per level
                level = SCHOOL_LEVEL.get(m.group(1), m.group(1))
                base = base[: m.start()] + " " + level
            elif kind == "place":
                marker = PLACE_CANON.get(m.group(1).lower(), m.group(1).lower())
                detail[kind] = marker + " " + " ".join(m.group(2).lower().split())
                base = base[: m.start()]
            else:
                val = m.group(1).lower()
                detail[kind] = str(int(val)) if val.isdigit() else " ".join(val.split())
                base = base[: m.start()]
            changed = True
            split = base.split()
            present, run = set(split), _trailing_run(split)
    base = base.strip()
    if level and base.endswith(" " + level):
        return base[: -len(level) - 1].rstrip(), level, detail
    return base, "", detail


def split_detail(title: str) -> tuple[str, dict[str, str]]:
    """Strip trailing local detail: ("Pembangunan Gedung SD", {"school": "sd 2 wamena", ...})."""
    base, level, detail = split_title(title)
    return (base + " " + level if level else base), detail


class CoreTable:
    """Distinct normalised names with their sparse vectors."""

    def __init__(self, prepared: Sequence[Prepared]):
        self.prepared = list(prepared)
        self.stem_ids: dict[str, int] = {}
        rows, cols, vals = [], [], []
        for i, p in enumerate(self.prepared):
            for s, w in p.weights.items():
                j = self.stem_ids.setdefault(s, len(self.stem_ids))
                rows.append(i)
                cols.append(j)
                vals.append(w)
        shape = (len(self.prepared), max(len(self.stem_ids), 1))
        self.W = sparse.csr_matrix((np.array(vals, dtype=np.float32), (rows, cols)), shape=shape)
        self.B = self.W.copy()
        self.B.data[:] = 1.0
        self.sums = np.asarray(self.W.sum(axis=1)).ravel()
        norms = np.array([p.norm for p in self.prepared], dtype=np.float32)
        self.Wn = sparse.diags(1.0 / np.maximum(norms, 1e-9)) @ self.W
        self.hasher = HashingVectorizer(
            analyzer="char_wb", ngram_range=(3, 4), n_features=2**20, alternate_sign=False, norm="l2", lowercase=False
        )
        self.C = self.hasher.transform([p.char_text for p in self.prepared]).astype(np.float32).tocsr()
        self.masks = np.array([feat.masks(p.features) for p in self.prepared], dtype=np.int64).reshape(-1, 6)
        # names whose cycle (Perubahan, pertanggungjawaban) or negation needs the full check
        self.special = np.array([bool(p.features.cycle or p.features.negated) for p in self.prepared], dtype=bool)
        self.n_stems = np.array([len(p.weights) for p in self.prepared], dtype=np.int64)
        self.repeats = np.array([len(p.stems) != len(p.weights) for p in self.prepared], dtype=bool)
        nomen = load_nomenclature()
        # one parent (>= 0), several (-2: checked one by one) or none known (-1)
        self.group = np.array([nomen.group(p.parsed.core) for p in self.prepared], dtype=np.int64)
        core_ids: dict[str, int] = {}
        self.core_key = np.array([core_ids.setdefault(p.parsed.core, len(core_ids)) for p in self.prepared])

    def query_vectors(self, p: Prepared):
        cols = [self.stem_ids[s] for s in p.weights if s in self.stem_ids]
        w = np.array([p.weights[s] for s in p.weights if s in self.stem_ids], dtype=np.float32)
        n = max(len(self.stem_ids), 1)
        W = sparse.csr_matrix((w, ([0] * len(cols), cols)), shape=(1, n))
        return W, float(sum(p.weights.values())), p.norm, self.hasher.transform([p.char_text]).astype(np.float32)


@dataclass
class ItemSet:
    """Many titles, deduplicated to cores plus detail ids."""

    core_ids: np.ndarray  # per item -> index into prepared
    detail: np.ndarray  # per item x DETAIL_KINDS, 0 = none
    prepared: list[Prepared]

    @property
    def cores(self) -> list[str]:
        return [p.parsed.core for p in self.prepared]


def _split_many(titles: list[str]) -> list[tuple[str, str, dict[str, str]]]:
    return [split_title(t) for t in titles]


def _prepare_many(bases: list[tuple[str, str]]) -> list[Prepared]:
    # `prepare` is cached: a base seen with several school levels is parsed once
    return [prepare_with_suffix(prepare(b), level) if level else prepare(b) for b, level in bases]


def _map(fn, items: list, workers: int) -> list:
    """Run ``fn`` over chunks of ``items``, in forked workers when it pays."""
    if workers <= 1 or len(items) < 4000:
        return fn(items)
    from selaras.core.pools import worker_pool

    global _FORK_ITEMS
    size = (len(items) + workers * 4 - 1) // (workers * 4)
    # the workers inherit the items: only the bounds of each chunk are sent
    _FORK_ITEMS = items
    try:
        with frozen_heap(), worker_pool(workers) as pool:
            parts = pool.map(_run_chunk, [(fn, k, k + size) for k in range(0, len(items), size)])
    finally:
        _FORK_ITEMS = None
    return [x for part in parts for x in part]


_FORK_ITEMS: list | None = None


def _run_chunk(args) -> list:
    fn, start, stop = args
    return fn(_FORK_ITEMS[start:stop])


@contextmanager
def frozen_heap():
    """Keep the garbage collector of forked workers off the parent's objects:
    a collection touches every object header, which copies the whole shared
    heap page by page (seconds of system time for a million titles)."""
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def build_items(titles: Sequence[str], detail_codes: dict[str, int] | None = None, workers: int = 2) -> ItemSet:
    """Deduplicate titles into normalised cores and detail ids."""
    codes = detail_codes if detail_codes is not None else {}
    uniq: dict[str, int] = {}
    title_ids = np.fromiter((uniq.setdefault(t, len(uniq)) for t in titles), dtype=np.int64, count=len(titles))
    distinct = list(uniq)
    split = _map(_split_many, distinct, workers)
    # all-capitals and all-lower-case spellings parse alike (no proper names
    # can be told in them): one parse for every such spelling
    base_keys: dict[tuple[str, str], int] = {}
    base_texts: list[tuple[str, str]] = []
    t_base = np.empty(len(distinct), dtype=np.int64)
    t_detail = np.zeros((len(distinct), len(DETAIL_KINDS)), dtype=np.int64)
    for k, (base, level, detail) in enumerate(split):
        key = (base.casefold() if (base.isupper() or base.islower()) else base, level)
        b = base_keys.get(key)
        if b is None:
            b = base_keys[key] = len(base_texts)
            base_texts.append((base, level))
        t_base[k] = b
        for d, kind in enumerate(DETAIL_KINDS):
            if kind in detail:
                t_detail[k, d] = codes.setdefault(kind + ":" + detail[kind], len(codes) + 1)
    # the same base with its school levels side by side, so one worker parses it once
    by_base = sorted(range(len(base_texts)), key=lambda b: base_texts[b])
    prepared_sorted = _map(_prepare_many, [base_texts[b] for b in by_base], workers)
    prepared_bases: list[Prepared] = [None] * len(base_texts)  # type: ignore[list-item]
    for b, p in zip(by_base, prepared_sorted, strict=True):
        prepared_bases[b] = p
    core_index: dict[str, int] = {}
    prepared: list[Prepared] = []
    base_core = np.empty(len(base_texts), dtype=np.int64)
    for b, p in enumerate(prepared_bases):
        ci = core_index.get(p.parsed.core)
        if ci is None:
            ci = core_index[p.parsed.core] = len(prepared)
            prepared.append(p)
        base_core[b] = ci
    return ItemSet(core_ids=base_core[t_base][title_ids], detail=t_detail[title_ids], prepared=prepared)


def detail_conflict(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Rows where both items name a detail of the same kind and they differ."""
    return np.any((a > 0) & (b > 0) & (a != b), axis=1)


@dataclass
class Match:
    item: int
    title: str
    score: float
    why: str
    result: PairResult | None = None  # the comparison, for an explanation in another language


class SimilarityIndex:
    """An index of activity titles for "likely duplicates" while typing.

    Built from titles, or from the items a screening already prepared
    (`items` and the `codes` of their detail ids) so nothing is parsed twice."""

    def __init__(
        self,
        titles: Sequence[str],
        years: Sequence[int] | None = None,
        regions: Sequence[str] | None = None,
        threshold: float = DEFAULT_THRESHOLD,
        *,
        items: ItemSet | None = None,
        codes: dict[str, int] | None = None,
        workers: int = 2,
    ):
        self.titles = list(titles)
        self.threshold = threshold
        self.scorer = Scorer(threshold)
        self.codes: dict[str, int] = codes if codes is not None else {}
        self.items = items if items is not None else build_items(self.titles, self.codes, workers=workers)
        self.table = CoreTable(self.items.prepared)
        self.years = np.asarray(years) if years is not None else None
        self.regions = np.asarray(regions) if regions is not None else None
        order = np.argsort(self.items.core_ids, kind="stable")
        self._order = order
        self._indptr = np.searchsorted(self.items.core_ids[order], np.arange(len(self.items.prepared) + 1))

    def lookup(
        self,
        title: str,
        *,
        year: int | None = None,
        region: str | None = None,
        allowed: np.ndarray | None = None,
        limit: int = 10,
    ) -> list[Match]:
        """The best-scoring items for ``title``, best first.

        ``allowed`` (a boolean per item) narrows the items, e.g. to regions
        overlapping the query's; ``year`` and ``region`` are exact filters.
        Cores are scored vectorised; only the best few, in descending text
        score, get the one-by-one structure check, and the walk stops once no
        remaining core can beat the ``limit`` items found (the structure
        factor never raises a score)."""
        table = self.table
        base, detail = split_detail(title)
        p = prepare(base)
        if not p.weights:
            return []
        mask = np.ones(len(self.titles), dtype=bool) if allowed is None else np.asarray(allowed, dtype=bool).copy()
        if year is not None and self.years is not None:
            mask &= self.years == year
        if region is not None and self.regions is not None:
            mask &= self.regions == region
        # cores with at least one item left
        live = np.add.reduceat(mask[self._order].astype(np.int64), self._indptr[:-1]) > 0 if len(mask) else mask
        W, total, norm, C = table.query_vectors(p)
        word = np.asarray((table.Wn @ W.T).todense()).ravel() / max(norm, 1e-9)
        inter = np.asarray((table.B @ W.T).todense()).ravel()
        cov = inter / np.maximum(np.minimum(table.sums, total), 1e-9)
        bound = W_WORD * word + W_COVER * cov + W_CHAR
        q_mask = np.array(feat.masks(p.features), dtype=np.int64)
        cm = table.masks
        conflict = np.any((cm != 0) & (q_mask != 0) & ((cm & q_mask) == 0), axis=1)
        ok = (bound >= self.threshold - THRESHOLD_MARGIN) & live
        if CONFLICT_FACTOR < self.threshold:
            ok &= ~conflict
        cand = np.flatnonzero(ok)
        if len(cand) == 0:
            return []
        char = np.asarray((table.C[cand] @ C.T).todense()).ravel()
        text = W_WORD * word[cand] + W_CHAR * char + W_COVER * cov[cand]
        keep = text >= self.threshold - THRESHOLD_MARGIN
        cand, char, text = cand[keep], char[keep], text[keep]
        q_detail = np.array(
            [[self.codes.get(k + ":" + detail[k], -1) if k in detail else 0 for k in DETAIL_KINDS]], dtype=np.int64
        )
        out: list[Match] = []
        for k in np.argsort(-text, kind="stable"):
            if len(out) >= limit and text[k] < out[-1].score:
                break  # the factor never raises a score: nothing left can enter
            c = cand[k]
            res = self.scorer.compare_prepared(p, table.prepared[c], structure=False, char=float(char[k]))
            if res.score < self.threshold:
                continue
            items = self._order[self._indptr[c] : self._indptr[c + 1]]
            items = items[mask[items]]
            items = items[~detail_conflict(np.repeat(q_detail, len(items), axis=0), self.items.detail[items])]
            for it in items[:limit]:
                out.append(Match(int(it), self.titles[it], res.score, res.why, res))
            out.sort(key=lambda m: -m.score)
            del out[limit:]
        return out


# Screening and persistence live in `screening` and `index_store`; their
# names stay importable from here, resolved on first use (those modules
# import this one).
_MOVED = {
    "candidate_pairs": "screening",
    "screen": "screening",
    "screening_table": "screening",
    "join_blocks": "screening",
    "PairScorer": "screening",
    "_text_candidates": "screening",
    "INDEX_FORMAT": "index_store",
    "save_index": "index_store",
    "load_index": "index_store",
    "read_index_meta": "index_store",
}


def __getattr__(name: str):
    module = _MOVED.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(f"selaras.sync.similarity.{module}"), name)
