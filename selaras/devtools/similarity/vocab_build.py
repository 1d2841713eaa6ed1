"""Derive `selaras/sync/similarity/data/vocab.tsv` from a corpus of activity names.

.venv/bin/python -m selaras.devtools.similarity.vocab_build CORPUS.txt
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

from selaras.sync.similarity.vocab import VOCAB_PATH, correct, load


def build(corpus_path: Path, out_path: Path = VOCAB_PATH) -> int:
    """Derive word and stem document frequencies from a corpus of names."""
    from selaras.sync.similarity.normalise import parse
    from selaras.sync.similarity.stem import stem

    load.cache_clear()
    correct.cache_clear()
    parse.cache_clear()
    words: Counter[str] = Counter()
    stems: Counter[str] = Counter()
    n = 0
    for line in corpus_path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        n += 1
        toks = parse(line).tokens
        words.update(set(toks))
        stems.update({stem(t) for t in toks})
    out_path.parent.mkdir(parents=True, exist_ok=True)
    with out_path.open("w", encoding="utf-8") as fh:
        fh.write(f"N\t-\t{n}\n")
        for w, c in sorted(words.items()):
            fh.write(f"w\t{w}\t{c}\n")
        for s, c in sorted(stems.items()):
            fh.write(f"s\t{s}\t{c}\n")
    load.cache_clear()
    correct.cache_clear()
    parse.cache_clear()
    return n


if __name__ == "__main__":
    print(build(Path(sys.argv[1])), "names")
