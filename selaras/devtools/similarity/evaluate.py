"""Precision, recall and F1 of a scorer on a labelled pairs file."""

from __future__ import annotations

import csv
from collections import defaultdict
from collections.abc import Callable, Sequence
from pathlib import Path


def read_pairs(path: Path) -> list[dict[str, str]]:
    with Path(path).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def prf(labels: Sequence[int], predicted: Sequence[int]) -> dict[str, float]:
    tp = sum(1 for y, p in zip(labels, predicted, strict=True) if y and p)
    fp = sum(1 for y, p in zip(labels, predicted, strict=True) if not y and p)
    fn = sum(1 for y, p in zip(labels, predicted, strict=True) if y and not p)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "tp": tp, "fp": fp, "fn": fn}


def best_threshold(labels: Sequence[int], scores: Sequence[float]) -> tuple[float, dict[str, float]]:
    """The threshold with the highest F1 (for baselines: their best case)."""
    best = (0.0, prf(labels, [1] * len(labels)))
    for t in sorted(set(scores)):
        m = prf(labels, [int(s >= t) for s in scores])
        if m["f1"] > best[1]["f1"]:
            best = (t, m)
    return best


def evaluate(
    rows: list[dict[str, str]], score: Callable[[str, str], float], threshold: float | None
) -> dict[str, object]:
    labels = [int(r["label"]) for r in rows]
    scores = [score(r["text_a"], r["text_b"]) for r in rows]
    if threshold is None:
        threshold, overall = best_threshold(labels, scores)
    else:
        overall = prf(labels, [int(s >= threshold) for s in scores])
    per_kind: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for r, y, s in zip(rows, labels, scores, strict=True):
        per_kind[r.get("kind", "")].append((y, int(s >= threshold)))
    kinds = {}
    for k, pairs in sorted(per_kind.items()):
        correct = sum(1 for y, p in pairs if y == p)
        kinds[k] = {"n": len(pairs), "accuracy": correct / len(pairs)}
    return {"threshold": threshold, **overall, "per_kind": kinds, "scores": scores}
