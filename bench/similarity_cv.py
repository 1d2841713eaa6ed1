"""Cross-validated quality of the duplicate detector on the development set.

The development pairs (`../shared/bench/dup-dev.csv`) are split into k
stratified folds with a fixed seed. For each fold the decision threshold is
fitted on the other folds only and the held-out fold is scored with it; the
corpus links (a rename or a package's filing) between the two names of a
held-out pair are forgotten while it is scored, so no pair is judged with
knowledge taken from itself. Figures are per fold, mean ± sd, and per failure
category over all held-out predictions.

Categories are tagged with rules on the corpus, not on the file's `kind`:
`saudara` (both names are items under one nomenclature parent), `paket→item`
(one side is a concrete package — a named school, road, building or a
procurement package of the corpus — the other a nomenclature item),
`provinsi→kab/kota` (one side a provincial activity or strategic activity,
the other a regency item), `ganti nama/sinonim` (two spellings across
editions or systems: linked by a rename, or from different sources), `lain`.

    .venv/bin/python -m bench.similarity_cv
"""

from __future__ import annotations

import csv
import os
import random
import statistics
from collections.abc import Callable, Sequence
from pathlib import Path

from selaras.devtools.similarity.evaluate import prf, read_pairs

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("SELARAS_SHARED_DIR", ROOT.parent / "shared"))
DEV = SHARED / "bench" / "dup-dev.csv"
SOURCES = SHARED / "data" / "nomenclature" / "corpus_names_sources.tsv"
K, SEED = 5, 20261204
GRID = [round(0.30 + 0.01 * i, 2) for i in range(41)]  # 0.30 … 0.70

CATEGORIES = ("saudara", "paket→item", "provinsi→kab/kota", "ganti nama/sinonim", "lain")
# ASCII names for figure keys
SLUGS = {
    "saudara": "sibling",
    "paket→item": "package_item",
    "provinsi→kab/kota": "province_regency",
    "ganti nama/sinonim": "rename_synonym",
    "lain": "other",
}
_PROVINCE = {"SUMUT_STRAT", "NOMEN_PROV_KEG"}
_REGENCY = {"NOMEN_KAB_SUB", "NOMEN_KAB_KEG", "NOMEN_KAB_PROG", "NOMEN_2024_EDU", "FMIS_L", "FMIS_R"}


def stratified_folds(labels: Sequence[int], k: int = K, seed: int = SEED) -> list[list[int]]:
    """Row indices per fold; each label spread evenly over the folds."""
    rng = random.Random(seed)
    folds: list[list[int]] = [[] for _ in range(k)]
    for label in sorted(set(labels)):
        idx = [i for i, y in enumerate(labels) if y == label]
        rng.shuffle(idx)
        for n, i in enumerate(idx):
            folds[n % k].append(i)
    return [sorted(f) for f in folds]


def fit_threshold(labels: Sequence[int], scores: Sequence[float]) -> float:
    """The grid threshold with the best F1 on the training folds (ties: nearest 0.5)."""
    best = max(GRID, key=lambda t: (prf(labels, [int(s >= t) for s in scores])["f1"], -abs(t - 0.5)))
    return best


def cross_validate(
    rows: list[dict[str, str]],
    score_fold: Callable[[list[dict[str, str]], list[dict[str, str]]], list[float]],
    fit: Callable[[Sequence[int], Sequence[float]], float] = fit_threshold,
    k: int = K,
    seed: int = SEED,
) -> dict:
    """`score_fold(rows, held_out)` scores all rows knowing which are held out;
    `fit` sees the labels and scores of the training rows only."""
    labels = [int(r["label"]) for r in rows]
    predicted: list[int | None] = [None] * len(rows)
    per_fold = []
    for test in stratified_folds(labels, k, seed):
        held = set(test)
        train = [i for i in range(len(rows)) if i not in held]
        scores = score_fold(rows, [rows[i] for i in test])
        threshold = fit([labels[i] for i in train], [scores[i] for i in train])
        for i in test:
            predicted[i] = int(scores[i] >= threshold)
        m = prf([labels[i] for i in test], [predicted[i] for i in test])
        per_fold.append({**m, "threshold": threshold, "n": len(test)})
    summary = {}
    for metric in ("precision", "recall", "f1"):
        values = [f[metric] for f in per_fold]
        summary[metric] = (statistics.mean(values), statistics.stdev(values) if len(values) > 1 else 0.0)
    pooled = prf(labels, predicted)
    return {"folds": per_fold, "mean_sd": summary, "pooled": pooled, "predicted": predicted}


def score_with_detector(rows: list[dict[str, str]], held_out: list[dict[str, str]]) -> list[float]:
    """The shipped scorer, with the corpus links between held-out names forgotten."""
    from selaras.sync.similarity.nomenclature import load
    from selaras.sync.similarity.scorer import Scorer

    scorer = Scorer()
    with load().without((r["text_a"], r["text_b"]) for r in held_out):
        return [scorer.compare(r["text_a"], r["text_b"]).score for r in rows]


def _sources() -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    if SOURCES.exists():
        with SOURCES.open(encoding="utf-8", newline="") as fh:
            for r in csv.DictReader(fh, delimiter="\t"):
                out[r["name"]] = set(r["sources"].split(","))
    return out


def categorise(rows: list[dict[str, str]]) -> list[str]:
    from selaras.sync.similarity.nomenclature import load
    from selaras.sync.similarity.normalise import parse

    sources = _sources()
    nomen = load()

    def concrete(text: str) -> bool:
        p = parse(text)
        return "BJM_PKG" in sources.get(text, ()) or bool(p.schools or p.roads or p.packages or p.places)

    out = []
    for r in rows:
        a, b = r["text_a"], r["text_b"]
        sa, sb = sources.get(a, set()), sources.get(b, set())
        ca, cb = parse(a).core, parse(b).core
        relation = nomen.relation(ca, cb)
        if concrete(a) != concrete(b) and (sa or sb):
            out.append("paket→item")
        elif (sa & _PROVINCE and sb & _REGENCY and not sb & _PROVINCE) or (
            sb & _PROVINCE and sa & _REGENCY and not sa & _PROVINCE
        ):
            out.append("provinsi→kab/kota")
        elif relation == "sibling":
            out.append("saudara")
        elif nomen.renamed(ca, cb) or (sa and sb and not sa & sb) or (bool(sa) != bool(sb)):
            out.append("ganti nama/sinonim")
        else:
            out.append("lain")
    return out


def per_category(rows, predicted, categories) -> dict[str, dict]:
    out = {}
    for cat in CATEGORIES:
        idx = [i for i, c in enumerate(categories) if c == cat]
        if not idx:
            continue
        labels = [int(rows[i]["label"]) for i in idx]
        m = prf(labels, [predicted[i] for i in idx])
        out[cat] = {**m, "n": len(idx), "positives": sum(labels)}
    return out


def report(path: Path = DEV, k: int = K, seed: int = SEED) -> dict:
    rows = read_pairs(path)
    result = cross_validate(rows, score_with_detector, k=k, seed=seed)
    result["categories"] = per_category(rows, result["predicted"], categorise(rows))
    return result


def main() -> None:
    res = report()
    for n, f in enumerate(res["folds"], 1):
        print(
            f"fold {n}: n={f['n']:3d} threshold={f['threshold']:.2f} "
            f"P={f['precision']:.3f} R={f['recall']:.3f} F1={f['f1']:.3f}"
        )
    ms = res["mean_sd"]
    print(" ".join(f"{m}={ms[m][0]:.3f}±{ms[m][1]:.3f}" for m in ("precision", "recall", "f1")))
    p = res["pooled"]
    print(f"pooled held-out: P={p['precision']:.3f} R={p['recall']:.3f} F1={p['f1']:.3f}")
    for cat, m in res["categories"].items():
        print(
            f"  {cat:20s} n={m['n']:3d} pos={m['positives']:3d} "
            f"P={m['precision']:.3f} R={m['recall']:.3f} tp={m['tp']} fp={m['fp']} fn={m['fn']}"
        )


if __name__ == "__main__":
    main()
