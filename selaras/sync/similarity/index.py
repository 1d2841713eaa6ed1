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
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse

from selaras.sync.similarity import features as feat
from selaras.sync.similarity.normalise import NAME_STOP
from selaras.sync.similarity.scorer import (
    CONFLICT_FACTOR,
    DEFAULT_THRESHOLD,
    W_CHAR,
    W_COVER,
    W_WORD,
    Prepared,
    Scorer,
    prepare,
)
from selaras.sync.similarity.stem import is_word
from selaras.sync.similarity.vocab import load as load_vocab

DETAIL_KINDS = ("place", "school", "road", "package")
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
_SCHOOL_LEVEL = {
    "SDN": "SD",
    "MIN": "SD",
    "MI": "SD",
    "SMPN": "SMP",
    "MTsN": "SMP",
    "MTs": "SMP",
    "SMAN": "SMA",
    "SMKN": "SMK",
}
_STRICT_MARKERS = {"kota", "kabupaten", "kab."}
_PLACE_CANON = {"kel.": "kelurahan", "kec.": "kecamatan", "kab.": "kabupaten"}


def split_detail(title: str) -> tuple[str, dict[str, str]]:
    """Strip trailing local detail: ("Pembangunan Gedung SDN", {"school": "sd 2 wamena", ...})."""
    detail: dict[str, str] = {}
    base = title.rstrip()
    words = load_vocab().words
    changed = True
    while changed:
        changed = False
        for kind, rx in _TAILS:
            if kind in detail:
                continue
            m = rx.search(base)
            if m is None:
                continue
            if kind in ("place", "school"):
                name = m.group(2)
                first = name.split()[0].lower()
                if first in NAME_STOP or (not first.isdigit() and words.get(first, 0) >= 5):
                    continue
                if kind == "place" and m.group(1).lower() in _STRICT_MARKERS and is_word(first):
                    continue  # "Kota Layak Anak" is a programme, not a town
            if kind == "school":
                detail[kind] = m.group(1).lower() + " " + " ".join(m.group(2).lower().split())
                # the school level stays in the text, in one spelling per level
                base = base[: m.start()] + " " + _SCHOOL_LEVEL.get(m.group(1), m.group(1))
            elif kind == "place":
                marker = _PLACE_CANON.get(m.group(1).lower(), m.group(1).lower())
                detail[kind] = marker + " " + " ".join(m.group(2).lower().split())
                base = base[: m.start()]
            else:
                val = m.group(1).lower()
                detail[kind] = str(int(val)) if val.isdigit() else " ".join(val.split())
                base = base[: m.start()]
            changed = True
    return base.strip(), detail


class CoreTable:
    """Distinct normalised names with their sparse vectors."""

    def __init__(self, prepared: Sequence[Prepared]):
        from sklearn.feature_extraction.text import HashingVectorizer

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
        core_ids: dict[str, int] = {}
        self.core_key = np.array([core_ids.setdefault(p.parsed.core, len(core_ids)) for p in self.prepared])

    def query_vectors(self, p: Prepared):
        cols = [self.stem_ids[s] for s in p.weights if s in self.stem_ids]
        w = np.array([p.weights[s] for s in p.weights if s in self.stem_ids], dtype=np.float32)
        n = max(len(self.stem_ids), 1)
        W = sparse.csr_matrix((w, ([0] * len(cols), cols)), shape=(1, n))
        return W, float(sum(p.weights.values())), p.norm, self.hasher.transform([p.char_text]).astype(np.float32)


def candidate_pairs(
    table: CoreTable, left: np.ndarray, right: np.ndarray, threshold: float, scorer: Scorer
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Core pairs (i in left rows, j in right rows, positions within each)
    whose full score reaches the threshold."""
    word = (table.Wn[left] @ table.Wn[right].T).tocoo()
    i, j, w = word.row, word.col, word.data
    # a pair needs word + coverage + (at most 1) char to reach the bar
    li, rj = left[i], right[j]
    cov = np.asarray(table.W[li].multiply(table.B[rj]).sum(axis=1)).ravel() / np.minimum(table.sums[li], table.sums[rj])
    keep = W_WORD * w + W_COVER * cov + W_CHAR >= threshold - 0.02
    # conflicts of action, level, group, fiscal instrument, document, period
    ma, mb = table.masks[li], table.masks[rj]
    conflict = np.any((ma != 0) & (mb != 0) & ((ma & mb) == 0), axis=1)
    if CONFLICT_FACTOR < threshold:
        keep &= ~conflict
    i, j, w, cov, li, rj = i[keep], j[keep], w[keep], cov[keep], li[keep], rj[keep]
    char = np.asarray(table.C[li].multiply(table.C[rj]).sum(axis=1)).ravel()
    text = W_WORD * w + W_CHAR * char + W_COVER * cov
    keep = text >= threshold - 0.02
    i, j, char, text, li, rj = i[keep], j[keep], char[keep], text[keep], li[keep], rj[keep]
    scores = text.astype(np.float32)
    # The same normalised core on both sides, or one name's words all inside
    # the other's with no set-feature conflict (tested above): nothing can be
    # swapped or conflict, the text score is the score. Only the rest goes
    # through the full scorer one pair at a time.
    shared = np.asarray(table.B[li].multiply(table.B[rj]).sum(axis=1)).ravel().astype(np.int64)
    contained = (shared == table.n_stems[li]) | (shared == table.n_stems[rj])
    simple = (table.core_key[li] == table.core_key[rj]) | (contained & ~table.special[li] & ~table.special[rj])
    for k in np.flatnonzero(~simple):
        scores[k] = scorer.compare_prepared(
            table.prepared[li[k]], table.prepared[rj[k]], structure=False, char=float(char[k])
        ).score
    keep = scores >= threshold
    return i[keep], j[keep], scores[keep]


@dataclass
class ItemSet:
    """Many titles, deduplicated to cores plus detail ids."""

    core_ids: np.ndarray  # per item -> index into prepared
    detail: np.ndarray  # per item x DETAIL_KINDS, 0 = none
    prepared: list[Prepared]

    @property
    def cores(self) -> list[str]:
        return [p.parsed.core for p in self.prepared]


def _split_many(titles: list[str]) -> list[tuple[str, dict[str, str]]]:
    return [split_detail(t) for t in titles]


def _prepare_many(texts: list[str]) -> list[Prepared]:
    return [prepare(t) for t in texts]


def _map(fn, items: list, workers: int) -> list:
    """Run ``fn`` over chunks of ``items``, in forked workers when it pays."""
    if workers <= 1 or len(items) < 4000:
        return fn(items)
    import multiprocessing as mp

    size = (len(items) + workers * 4 - 1) // (workers * 4)
    chunks = [items[k : k + size] for k in range(0, len(items), size)]
    with mp.get_context("fork").Pool(workers) as pool:
        parts = pool.map(fn, chunks)
    return [x for part in parts for x in part]


def build_items(titles: Sequence[str], detail_codes: dict[str, int] | None = None, workers: int = 2) -> ItemSet:
    """Deduplicate titles into normalised cores and detail ids."""
    codes = detail_codes if detail_codes is not None else {}
    uniq: dict[str, int] = {}
    title_ids = np.fromiter((uniq.setdefault(t, len(uniq)) for t in titles), dtype=np.int64, count=len(titles))
    distinct = list(uniq)
    split = _map(_split_many, distinct, workers)
    # all-capitals and all-lower-case spellings parse alike (no proper names
    # can be told in them): one parse for every such spelling
    base_keys: dict[str, int] = {}
    base_texts: list[str] = []
    t_base = np.empty(len(distinct), dtype=np.int64)
    t_detail = np.zeros((len(distinct), len(DETAIL_KINDS)), dtype=np.int64)
    for k, (base, detail) in enumerate(split):
        key = base.casefold() if (base.isupper() or base.islower()) else base
        b = base_keys.get(key)
        if b is None:
            b = base_keys[key] = len(base_texts)
            base_texts.append(base)
        t_base[k] = b
        for d, kind in enumerate(DETAIL_KINDS):
            if kind in detail:
                t_detail[k, d] = codes.setdefault(kind + ":" + detail[kind], len(codes) + 1)
    prepared_bases = _map(_prepare_many, base_texts, workers)
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


def screen(
    central_titles: Sequence[str],
    central_blocks: Sequence[Sequence[int]],
    regional_titles: Sequence[str],
    regional_blocks: Sequence[int],
    *,
    threshold: float = DEFAULT_THRESHOLD,
    scorer: Scorer | None = None,
) -> dict[str, np.ndarray]:
    """Screen central items against regional items sharing a block.

    A block is an integer for (year, kabupaten/kota); a central item lists the
    blocks it overlaps (one for a kabupaten/kota location, all of a
    province's for a province location). Returns parallel arrays
    ``central``, ``regional`` (item indices) and ``score``."""
    import time

    clock = [time.perf_counter()]

    def lap() -> float:
        clock.append(time.perf_counter())
        return clock[-1] - clock[-2]

    scorer = scorer or Scorer(threshold)
    codes: dict[str, int] = {}
    regional = build_items(regional_titles, codes)
    t_regional = lap()
    central = build_items(central_titles, codes)
    t_central = lap()
    n_rcore = len(regional.prepared)
    table = CoreTable(regional.prepared + central.prepared)
    right = np.arange(n_rcore)
    left = np.arange(n_rcore, n_rcore + len(central.prepared))
    t_vectors = lap()
    ci, rj, sc = candidate_pairs(table, left, right, threshold, scorer)
    t_pairs = lap()
    # neighbours of each central core, CSR
    order = np.lexsort((rj, ci))
    ci, rj, sc = ci[order], rj[order], sc[order]
    indptr = np.searchsorted(ci, np.arange(len(central.prepared) + 1))
    # regional items sorted by (block, core)
    r_blocks = np.asarray(regional_blocks, dtype=np.int64)
    r_key = r_blocks * n_rcore + regional.core_ids
    r_order = np.argsort(r_key, kind="stable")
    r_sorted = r_key[r_order]
    # central items expanded to (item, block)
    lens = np.fromiter((len(b) for b in central_blocks), dtype=np.int64, count=len(central_blocks))
    c_item = np.repeat(np.arange(len(central_blocks)), lens)
    c_block = np.fromiter((x for b in central_blocks for x in b), dtype=np.int64, count=int(lens.sum()))
    # expand by neighbour cores
    c_core = central.core_ids[c_item]
    starts, ends = indptr[c_core], indptr[c_core + 1]
    n_nb = ends - starts
    row = np.repeat(np.arange(len(c_item)), n_nb)
    offs = np.arange(int(n_nb.sum())) - np.repeat(np.cumsum(n_nb) - n_nb, n_nb)
    nb = starts[row] + offs
    key = c_block[row] * n_rcore + rj[nb]
    lo = np.searchsorted(r_sorted, key, side="left")
    hi = np.searchsorted(r_sorted, key, side="right")
    cnt = hi - lo
    pair_row = np.repeat(np.arange(len(key)), cnt)
    pair_off = np.arange(int(cnt.sum())) - np.repeat(np.cumsum(cnt) - cnt, cnt)
    reg_item = r_order[lo[pair_row] + pair_off]
    cen_item = c_item[row[pair_row]]
    score = sc[nb[pair_row]]
    ok = ~detail_conflict(central.detail[cen_item], regional.detail[reg_item])
    t_join = lap()
    return {
        "seconds": np.array([t_regional, t_central, t_vectors, t_pairs, t_join]),
        "central": cen_item[ok],
        "regional": reg_item[ok],
        "score": score[ok],
        "n_regional_cores": np.array(n_rcore),
        "n_central_cores": np.array(len(central.prepared)),
    }


@dataclass
class Match:
    item: int
    title: str
    score: float
    why: str


class SimilarityIndex:
    """An index of activity titles for "likely duplicates" while typing."""

    def __init__(
        self,
        titles: Sequence[str],
        years: Sequence[int] | None = None,
        regions: Sequence[str] | None = None,
        threshold: float = DEFAULT_THRESHOLD,
    ):
        self.titles = list(titles)
        self.threshold = threshold
        self.scorer = Scorer(threshold)
        self.codes: dict[str, int] = {}
        self.items = build_items(self.titles, self.codes)
        self.table = CoreTable(self.items.prepared)
        self.years = np.asarray(years) if years is not None else None
        self.regions = np.asarray(regions) if regions is not None else None
        order = np.argsort(self.items.core_ids, kind="stable")
        self._order = order
        self._indptr = np.searchsorted(self.items.core_ids[order], np.arange(len(self.items.prepared) + 1))

    def lookup(self, title: str, *, year: int | None = None, region: str | None = None, limit: int = 10) -> list[Match]:
        table = self.table
        base, detail = split_detail(title)
        p = prepare(base)
        W, total, norm, C = table.query_vectors(p)
        word = np.asarray((table.Wn @ W.T).todense()).ravel() / max(norm, 1e-9)
        inter = np.asarray((table.B @ W.T).todense()).ravel()
        cov = inter / np.maximum(np.minimum(table.sums, total), 1e-9)
        bound = W_WORD * word + W_COVER * cov + W_CHAR
        cand = np.flatnonzero(bound >= self.threshold - 0.02)
        char = np.asarray(table.C[cand] @ C.T.toarray()).ravel()
        text = W_WORD * word[cand] + W_CHAR * char + W_COVER * cov[cand]
        keep = text >= self.threshold - 0.02
        cand, char = cand[keep], char[keep]
        q_detail = np.array(
            [[self.codes.get(k + ":" + detail[k], -1) if k in detail else 0 for k in DETAIL_KINDS]], dtype=np.int64
        )
        out: list[Match] = []
        for c, ch in sorted(zip(cand, char, strict=True), key=lambda x: -x[1]):
            res = self.scorer.compare_prepared(p, table.prepared[c], structure=False, char=float(ch))
            if res.score < self.threshold:
                continue
            items = self._order[self._indptr[c] : self._indptr[c + 1]]
            if year is not None and self.years is not None:
                items = items[self.years[items] == year]
            if region is not None and self.regions is not None:
                items = items[self.regions[items] == region]
            if len(items) == 0:
                continue
            items = items[~detail_conflict(np.repeat(q_detail, len(items), axis=0), self.items.detail[items])]
            for it in items[:limit]:
                out.append(Match(int(it), self.titles[it], res.score, res.why))
        out.sort(key=lambda m: -m.score)
        return out[:limit]
