"""National screening: the core pairs that reach the threshold, joined to
the item pairs sharing a (year, region) block (steps 3 and 4 of `index`)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from selaras.sync.similarity import features as feat
from selaras.sync.similarity.index import (
    THRESHOLD_MARGIN,
    CoreTable,
    ItemSet,
    build_items,
    detail_conflict,
    frozen_heap,
)
from selaras.sync.similarity.scorer import (
    CONFLICT_FACTOR,
    DEFAULT_THRESHOLD,
    SIBLING_FACTOR,
    W_CHAR,
    W_COVER,
    W_WORD,
    Scorer,
    item_relation,
)


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
        with frozen_heap(), worker_pool(workers) as pool:
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


def screen(
    central_titles: Sequence[str],
    central_blocks: Sequence[Sequence[int]],
    regional_titles: Sequence[str],
    regional_blocks: Sequence[int],
    *,
    threshold: float = DEFAULT_THRESHOLD,
    workers: int = 2,
    keep: dict | None = None,
    lap: Callable[[], None] | None = None,
) -> dict[str, np.ndarray]:
    """Screen central items against regional items sharing a block.

    A block is an integer for (year, kabupaten/kota); a central item lists the
    blocks it overlaps (one for a kabupaten/kota location, all of a
    province's for a province location). Returns parallel arrays
    ``central``, ``regional`` (item indices) and ``score``. When ``keep`` is
    given, the prepared regional items and detail codes are left in it
    (`keep["regional"]`, `keep["codes"]`, and `keep["central"]`) for a
    `SimilarityIndex` to reuse. `lap` is called after each stage (the
    benchmark's stage timings, `devtools.similarity.screen_timing`)."""
    lap = lap or (lambda: None)
    codes: dict[str, int] = {}
    regional = build_items(regional_titles, codes, workers=workers)
    lap()
    central = build_items(central_titles, codes, workers=workers)
    lap()
    table, left, right = screening_table(regional, central)
    lap()
    ci, rj, sc = candidate_pairs(table, left, right, threshold, workers=workers)
    lap()
    out = join_blocks(central, central_blocks, regional, regional_blocks, ci, rj, sc)
    lap()
    if keep is not None:
        keep["regional"], keep["codes"], keep["central"] = regional, codes, central
    return out


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
