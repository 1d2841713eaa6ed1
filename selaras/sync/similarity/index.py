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
    SIBLING_FACTOR,
    W_CHAR,
    W_COVER,
    W_WORD,
    Prepared,
    Scorer,
    item_relation,
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


def _text_candidates(table: CoreTable, left: np.ndarray, right: np.ndarray, threshold: float):
    """Core pairs whose text score can reach the threshold, with its parts.

    Word cosine and coverage come from two sparse products with the same
    pattern (pairs sharing a stem); the character cosine is computed only
    for the pairs that the other two leave within reach."""
    word = (table.Wn[left] @ table.Wn[right].T).tocsr()
    inter = (table.W[left] @ table.B[right].T).tocsr()
    shared = (table.B[left] @ table.B[right].T).tocsr()
    for m in (word, inter, shared):
        m.sort_indices()  # same pattern (pairs sharing a stem), same order
    i = np.repeat(np.arange(word.shape[0]), np.diff(word.indptr))
    j = word.indices.astype(np.int64)
    li, rj = left[i], right[j]
    cov = inter.data / np.minimum(table.sums[li], table.sums[rj])
    # a pair needs word + coverage + (at most 1) char to reach the bar
    keep = W_WORD * word.data + W_COVER * cov + W_CHAR >= threshold - THRESHOLD_MARGIN
    i, j, w, cov, li, rj = i[keep], j[keep], word.data[keep], cov[keep], li[keep], rj[keep]
    n_shared = np.rint(shared.data[keep]).astype(np.int64)
    # conflicts of action, level, group, fiscal instrument, document, period
    ma, mb = table.masks[li], table.masks[rj]
    conflict = np.any((ma != 0) & (mb != 0) & ((ma & mb) == 0), axis=1)
    if CONFLICT_FACTOR < threshold:
        keep = ~conflict
        i, j, w, cov, li, rj, conflict = i[keep], j[keep], w[keep], cov[keep], li[keep], rj[keep], conflict[keep]
        n_shared = n_shared[keep]
    char = np.asarray(table.C[li].multiply(table.C[rj]).sum(axis=1)).ravel()
    text = W_WORD * w + W_CHAR * char + W_COVER * cov
    keep = text >= threshold - THRESHOLD_MARGIN
    return i[keep], j[keep], li[keep], rj[keep], text[keep], cov[keep], conflict[keep], n_shared[keep]


def _pair_factors(table: CoreTable, li: np.ndarray, rj: np.ndarray, special: np.ndarray) -> np.ndarray:
    """The structure factor of pairs that need the one-by-one check."""
    out = np.empty(len(li), dtype=np.float32)
    prepared = table.prepared
    for k in range(len(li)):
        a, b = prepared[li[k]], prepared[rj[k]]
        if special[k] and feat.conflicts(a.features, b.features):
            out[k] = CONFLICT_FACTOR
        else:
            out[k] = SIBLING_FACTOR if item_relation(a, b, False)[1] else 1.0
    return out


_FORK_TABLE: CoreTable | None = None


def _candidate_chunk(args) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    left, right, threshold = args
    return _candidate_pairs_serial(_FORK_TABLE, left, right, threshold)


def candidate_pairs(
    table: CoreTable,
    left: np.ndarray,
    right: np.ndarray,
    threshold: float,
    workers: int = 2,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Core pairs (i in left rows, j in right rows, positions within each)
    whose full score reaches the threshold.

    The left rows are split between forked workers when there are many (each
    worker inherits the table, nothing is copied)."""
    global _FORK_TABLE
    if workers <= 1 or len(left) * len(right) < 5_000_000:
        return _candidate_pairs_serial(table, left, right, threshold)
    from selaras.core.pools import worker_pool

    # interleaved, so each worker gets as many long and short names
    parts_idx = [np.arange(k, len(left), workers * 2) for k in range(workers * 2)]
    _FORK_TABLE = table
    try:
        with _frozen_heap(), worker_pool(workers) as pool:
            parts = pool.map(_candidate_chunk, [(left[p], right, threshold) for p in parts_idx])
    finally:
        _FORK_TABLE = None
    i = np.concatenate([p_idx[part[0]] for p_idx, part in zip(parts_idx, parts, strict=True)])
    j = np.concatenate([part[1] for part in parts])
    sc = np.concatenate([part[2] for part in parts])
    return i, j, sc


def _candidate_pairs_serial(
    table: CoreTable, left: np.ndarray, right: np.ndarray, threshold: float
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The score is text × factor (see `scorer`): the text part is vectorised;
    the factor needs a look at word order only for pairs that could hold a
    swapped object, everything else is decided from vectors:
    - a set-feature conflict (action, level, group, …) is exact in the masks;
    - the same normalised core, or one name's stems all inside the other's,
      leaves nothing to swap;
    - nor does a coverage under one half when the left name repeats no stem
      (`substitutions` needs the aligned words to weigh half of the shorter
      name, and they weigh at most the shared stems)."""
    i, j, li, rj, text, cov, conflict, shared = _text_candidates(table, left, right, threshold)
    # (a name repeating a stem may still have a surplus of it: checked one by one)
    contained = ((shared == table.n_stems[li]) & ~table.repeats[li]) | (
        (shared == table.n_stems[rj]) & ~table.repeats[rj]
    )
    special = table.special[li] | table.special[rj]
    no_swap = (table.core_key[li] == table.core_key[rj]) | contained | ((cov < 0.5) & ~table.repeats[li])
    factor = np.where(conflict, CONFLICT_FACTOR, 1.0).astype(np.float32)
    # a cycle/negation conflict is not in the masks: those pairs are checked one by one;
    # so are two different nomenclature items (renamed, filed under, or siblings)
    # so are nomenclature items that may be siblings (the full scorer also
    # counts a renamed item or a filed package as a text match; the screen
    # finds those by their words)
    ga, gb = table.group[li], table.group[rj]
    sibling = ((ga == gb) & (ga >= 0)) | ((ga == -2) & (gb != -1)) | ((gb == -2) & (ga != -1))
    sibling &= table.core_key[li] != table.core_key[rj]
    todo = np.flatnonzero(~conflict & (~no_swap | special | sibling))
    factor[todo] = _pair_factors(table, li[todo], rj[todo], special[todo])
    scores = np.clip(text * factor, 0.0, 1.0).astype(np.float32)
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
        with _frozen_heap(), worker_pool(workers) as pool:
            parts = pool.map(_run_chunk, [(fn, k, k + size) for k in range(0, len(items), size)])
    finally:
        _FORK_ITEMS = None
    return [x for part in parts for x in part]


_FORK_ITEMS: list | None = None


def _run_chunk(args) -> list:
    fn, start, stop = args
    return fn(_FORK_ITEMS[start:stop])


@contextmanager
def _frozen_heap():
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


def screen(
    central_titles: Sequence[str],
    central_blocks: Sequence[Sequence[int]],
    regional_titles: Sequence[str],
    regional_blocks: Sequence[int],
    *,
    threshold: float = DEFAULT_THRESHOLD,
    workers: int = 2,
    keep: dict | None = None,
) -> dict[str, np.ndarray]:
    """Screen central items against regional items sharing a block.

    A block is an integer for (year, kabupaten/kota); a central item lists the
    blocks it overlaps (one for a kabupaten/kota location, all of a
    province's for a province location). Returns parallel arrays
    ``central``, ``regional`` (item indices) and ``score``. When ``keep`` is
    given, the prepared regional items and detail codes are left in it
    (`keep["regional"]`, `keep["codes"]`) for a `SimilarityIndex` to reuse."""
    codes: dict[str, int] = {}
    regional = build_items(regional_titles, codes, workers=workers)
    central = build_items(central_titles, codes, workers=workers)
    table, left, right = screening_table(regional, central)
    ci, rj, sc = candidate_pairs(table, left, right, threshold, workers=workers)
    if keep is not None:
        keep["regional"], keep["codes"] = regional, codes
    return join_blocks(central, central_blocks, regional, regional_blocks, ci, rj, sc)


def screening_table(regional: ItemSet, central: ItemSet) -> tuple[CoreTable, np.ndarray, np.ndarray]:
    """One table of the regional cores followed by the central ones, with the
    rows of each side (central on the left)."""
    n_rcore = len(regional.prepared)
    table = CoreTable(regional.prepared + central.prepared)
    return table, np.arange(n_rcore, n_rcore + len(central.prepared)), np.arange(n_rcore)


def join_blocks(
    central: ItemSet,
    central_blocks: Sequence[Sequence[int]],
    regional: ItemSet,
    regional_blocks: Sequence[int],
    ci: np.ndarray,
    rj: np.ndarray,
    sc: np.ndarray,
) -> dict[str, np.ndarray]:
    """The item pairs behind the core pairs (``ci`` central, ``rj`` regional
    core positions, ``sc`` their scores) that share a block and whose named
    detail does not conflict."""
    n_rcore = len(regional.prepared)
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
    return {"central": cen_item[ok], "regional": reg_item[ok], "score": score[ok]}


@dataclass
class Match:
    item: int
    title: str
    score: float
    why: str


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
                out.append(Match(int(it), self.titles[it], res.score, res.why))
            out.sort(key=lambda m: -m.score)
            del out[limit:]
        return out


class PairScorer:
    """Scores many (a, b) title pairs that blocking already chose, e.g. the
    activities of two agencies sharing a kabupaten/kota in one year.

    Titles are deduplicated to cores once; every core pair that can reach the
    threshold is found with the vectorised `candidate_pairs`, so a pair of
    items costs a dictionary look-up and a detail comparison. `explain` gives
    the full scorer's result (score and `why`) for the pairs reported."""

    def __init__(
        self, titles_a: Sequence[str], titles_b: Sequence[str], threshold: float = DEFAULT_THRESHOLD, workers: int = 1
    ):
        self.threshold = threshold
        self.scorer = Scorer(threshold)
        codes: dict[str, int] = {}
        self.a = build_items(list(titles_a), codes, workers=workers)
        self.b = build_items(list(titles_b), codes, workers=workers)
        n_a = len(self.a.prepared)
        table = CoreTable(self.a.prepared + self.b.prepared)
        left = np.arange(n_a)
        right = np.arange(n_a, n_a + len(self.b.prepared))
        if n_a and len(self.b.prepared):
            ci, cj, sc = candidate_pairs(table, left, right, threshold, workers=workers)
        else:
            ci = cj = np.array([], dtype=np.int64)
            sc = np.array([], dtype=np.float32)
        self.core_scores = {(int(x), int(y)): float(s) for x, y, s in zip(ci, cj, sc, strict=True)}

    def score(self, i: int, j: int) -> float:
        """The screening score of item ``i`` of A and item ``j`` of B (0 below the threshold)."""
        s = self.core_scores.get((int(self.a.core_ids[i]), int(self.b.core_ids[j])), 0.0)
        if s and detail_conflict(self.a.detail[i : i + 1], self.b.detail[j : j + 1])[0]:
            return 0.0
        return s


# --- persistence ------------------------------------------------------------------
# An index is saved as plain .npy files (memory-mapped on load, so web
# processes share the pages) and a small index.json. The prepared names are
# not stored: each core keeps the text it was parsed from and is prepared
# again only when a look-up reaches it (a few per query).
INDEX_FORMAT = 1
_CSR = ("Wn", "B", "C")


def _write_texts(directory, name: str, texts: Sequence[str]) -> None:
    encoded = [t.encode("utf-8") for t in texts]
    offsets = np.zeros(len(encoded) + 1, dtype=np.int64)
    np.cumsum([len(b) for b in encoded], out=offsets[1:])
    (directory / f"{name}.bin").write_bytes(b"".join(encoded))
    np.save(directory / f"{name}_offsets.npy", offsets)


class _Texts(Sequence):
    """Strings read from one memory-mapped blob, decoded when asked for."""

    def __init__(self, directory, name: str):
        self._blob = (
            np.memmap(directory / f"{name}.bin", dtype=np.uint8, mode="r")
            if (directory / f"{name}.bin").stat().st_size
            else np.zeros(0, dtype=np.uint8)
        )
        self._offsets = np.load(directory / f"{name}_offsets.npy", mmap_mode="r")

    def __len__(self) -> int:
        return len(self._offsets) - 1

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self[k] for k in range(*i.indices(len(self)))]
        i = int(i)
        if i < 0:
            i += len(self)
        return bytes(self._blob[self._offsets[i] : self._offsets[i + 1]]).decode("utf-8")


class _LazyPrepared(Sequence):
    """The prepared cores of a loaded index, prepared again on first use."""

    def __init__(self, texts: _Texts):
        self._texts = texts
        self._done: dict[int, Prepared] = {}

    def __len__(self) -> int:
        return len(self._texts)

    def __getitem__(self, i):
        i = int(i)
        p = self._done.get(i)
        if p is None:
            p = self._done[i] = prepare(self._texts[i])
        return p


class _LazyCodes(dict):
    """The detail codes (place, school, road, package -> id), read from disk
    the first time a query names a detail."""

    def __init__(self, path):
        super().__init__()
        self._path = path
        self._loaded = False

    def get(self, key, default=None):
        if not self._loaded:
            import json

            self.update(json.loads(self._path.read_text(encoding="utf-8")))
            self._loaded = True
        return super().get(key, default)


def save_index(index: SimilarityIndex, directory, *, meta: dict | None = None) -> None:
    """Write ``index`` into ``directory`` (created; files in it replaced).

    ``meta`` is kept in index.json for the caller (e.g. a version stamp of
    the data the index was built from)."""
    import json
    from pathlib import Path

    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    table = index.table
    for name in _CSR:
        m = getattr(table, name).tocsr()
        for part in ("data", "indices", "indptr"):
            np.save(directory / f"{name}_{part}.npy", getattr(m, part))
    np.save(directory / "sums.npy", np.asarray(table.sums))
    np.save(directory / "masks.npy", np.asarray(table.masks))
    np.save(directory / "core_ids.npy", np.asarray(index.items.core_ids))
    np.save(directory / "detail.npy", np.asarray(index.items.detail))
    np.save(directory / "order.npy", np.asarray(index._order))
    np.save(directory / "indptr.npy", np.asarray(index._indptr))
    if index.years is not None:
        np.save(directory / "years.npy", np.asarray(index.years))
    if index.regions is not None:
        np.save(directory / "regions.npy", np.asarray(index.regions).astype(str))
    _write_texts(directory, "titles", index.titles)
    _write_texts(directory, "cores", [p.parsed.text for p in table.prepared])
    stems = sorted(table.stem_ids, key=table.stem_ids.__getitem__)
    (directory / "codes.json").write_text(json.dumps(index.codes, ensure_ascii=False), encoding="utf-8")
    header = {
        "format": INDEX_FORMAT,
        "threshold": index.threshold,
        "shapes": {name: list(getattr(table, name).shape) for name in _CSR},
        "stems": stems,
        "meta": meta or {},
    }
    (directory / "index.json").write_text(json.dumps(header, ensure_ascii=False), encoding="utf-8")


def read_index_meta(directory) -> dict | None:
    """The ``meta`` a saved index was written with, or None when there is no
    readable index in ``directory``."""
    import json
    from pathlib import Path

    try:
        header = json.loads((Path(directory) / "index.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return header.get("meta", {}) if header.get("format") == INDEX_FORMAT else None


def load_index(directory, *, mmap: bool = True) -> SimilarityIndex:
    """An index saved by `save_index`, its arrays memory-mapped: nothing is
    parsed or vectorised again."""
    import json
    from pathlib import Path

    directory = Path(directory)
    header = json.loads((directory / "index.json").read_text(encoding="utf-8"))
    if header.get("format") != INDEX_FORMAT:
        raise ValueError(f"unknown index format {header.get('format')!r}")
    mode = "r" if mmap else None

    def arr(name: str):
        return np.load(directory / f"{name}.npy", mmap_mode=mode)

    table = CoreTable.__new__(CoreTable)
    for name in _CSR:
        parts = (arr(f"{name}_data"), arr(f"{name}_indices"), arr(f"{name}_indptr"))
        setattr(table, name, sparse.csr_matrix(parts, shape=tuple(header["shapes"][name]), copy=False))
    table.sums, table.masks = arr("sums"), arr("masks")
    table.stem_ids = {s: k for k, s in enumerate(header["stems"])}
    table.hasher = HashingVectorizer(
        analyzer="char_wb", ngram_range=(3, 4), n_features=2**20, alternate_sign=False, norm="l2", lowercase=False
    )
    table.prepared = _LazyPrepared(_Texts(directory, "cores"))
    index = SimilarityIndex.__new__(SimilarityIndex)
    index.titles = _Texts(directory, "titles")
    index.threshold = header["threshold"]
    index.scorer = Scorer(index.threshold)
    index.codes = _LazyCodes(directory / "codes.json")
    index.items = ItemSet(core_ids=arr("core_ids"), detail=arr("detail"), prepared=table.prepared)
    index.table = table
    index.years = arr("years") if (directory / "years.npy").exists() else None
    index.regions = arr("regions") if (directory / "regions.npy").exists() else None
    index._order, index._indptr = arr("order"), arr("indptr")
    return index
