"""`selaras similarity PAIRS.csv OUT.csv`: score pairs of activity names.

Reads a CSV with columns `text_a,text_b` (any other columns are kept) and
writes the same rows plus `score` (0–1), `duplicate` (0/1 at the threshold)
and `why` (shared key terms and conflicts, in Indonesian).

    .venv/bin/python -m selaras.sync.similarity.cli PAIRS.csv OUT.csv [--threshold 0.5]
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

from selaras.sync.similarity.scorer import DEFAULT_THRESHOLD, Scorer


class PairsFileError(ValueError):
    """The input file cannot be scored; the message says where."""


def score_file(src: Path, dst: Path, threshold: float = DEFAULT_THRESHOLD) -> int:
    scorer = Scorer(threshold)
    with Path(src).open(encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        fields = list(reader.fieldnames or [])
        missing = [c for c in ("text_a", "text_b") if c not in fields]
        if missing:
            raise PairsFileError(
                f"{src}: kolom wajib tidak ada: {', '.join(missing)} (ada: {', '.join(fields) or '-'})"
            )
        rows = list(reader)
    out_fields = fields + [c for c in ("score", "duplicate", "why") if c not in fields]
    results = []
    for line, row in enumerate(rows, start=2):
        if row.get("text_a") is None or row.get("text_b") is None:
            raise PairsFileError(f"{src}, baris {line}: kolom text_a/text_b kosong atau baris terpotong")
        res = scorer.compare(row["text_a"], row["text_b"])
        results.append({**row, "score": f"{res.score:.4f}", "duplicate": int(res.duplicate), "why": res.why})
    # written only once everything scored: no half-written output on bad input
    tmp = Path(str(dst) + ".tmp")
    with tmp.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=out_fields)
        writer.writeheader()
        writer.writerows(results)
    tmp.replace(dst)
    return len(results)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="selaras similarity", description="Skor kemiripan pasangan nama kegiatan.")
    parser.add_argument("pairs", type=Path, help="CSV dengan kolom text_a,text_b")
    parser.add_argument("out", type=Path, help="CSV keluaran (+ score, duplicate, why)")
    parser.add_argument("--threshold", type=float, default=DEFAULT_THRESHOLD)
    args = parser.parse_args(argv)
    try:
        n = score_file(args.pairs, args.out, args.threshold)
    except (OSError, PairsFileError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(f"{n} pasangan dinilai -> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
