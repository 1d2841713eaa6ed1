"""The shipped vocabulary: word and stem document frequencies.

`data/vocab.tsv` is derived at development time from the activity-name corpus
(`python -m selaras.devtools.similarity.vocab_build CORPUS.txt`); the corpus itself is
not shipped. It gives IDF weights for short inputs (a pairs file of ten rows
has no useful statistics of its own) and the word list for typo repair.
"""

from __future__ import annotations

import math
from functools import lru_cache
from pathlib import Path

VOCAB_PATH = Path(__file__).with_name("data") / "vocab.tsv"


class Vocabulary:
    def __init__(self, n_docs: int, words: dict[str, int], stems: dict[str, int]):
        self.n_docs = max(n_docs, 1)
        self.words = words
        self.stems = stems
        by_len: dict[int, list[str]] = {}
        for w, c in words.items():
            if c >= 2 and w.isalpha():
                by_len.setdefault(len(w), []).append(w)
        self._by_len = by_len

    def idf(self, stem: str) -> float | None:
        df = self.stems.get(stem)
        if df is None:
            return None
        return math.log((1 + self.n_docs) / (1 + df)) + 1.0

    def candidates(self, length: int) -> list[str]:
        out: list[str] = []
        for n in range(length - 2, length + 3):
            out.extend(self._by_len.get(n, ()))
        return out


@lru_cache(maxsize=1)
def load() -> Vocabulary:
    if not VOCAB_PATH.exists():
        return Vocabulary(1, {}, {})
    n_docs = 1
    words: dict[str, int] = {}
    stems: dict[str, int] = {}
    with VOCAB_PATH.open(encoding="utf-8") as fh:
        for line in fh:
            kind, term, count = line.rstrip("\n").split("\t")
            if kind == "N":
                n_docs = int(count)
            elif kind == "w":
                words[term] = int(count)
            else:
                stems[term] = int(count)
    return Vocabulary(n_docs, words, stems)


@lru_cache(maxsize=100_000)
def correct(token: str) -> str:
    """Repair a misspelt word (`kabijakan`, `pemanfataan`) to a known one.

    Only long alphabetic words that are unknown or rare in the vocabulary are
    touched, and only towards a much more frequent known word within one edit
    (two for words of 9+ letters) with the same first letter; anything else
    (a village name) stays."""
    if len(token) < 7 or not token.isalpha():
        return token
    vocab = load()
    own = vocab.words.get(token, 0)
    if not vocab.words or own >= 3:
        return token
    from selaras.sync.similarity.stem import is_word

    if is_word(token):
        return token  # a real word we have not seen ("pembayaran"), not a typo
    from rapidfuzz.distance import Levenshtein

    limit = 2 if len(token) >= 9 else 1
    best, best_d, best_c = token, limit + 1, 0
    for cand in vocab.candidates(len(token)):
        if cand[0] != token[0]:
            continue
        d = Levenshtein.distance(token, cand, score_cutoff=limit)
        if cand == token or vocab.words[cand] < 5 * max(own, 1):
            continue
        if d <= limit and (d < best_d or (d == best_d and vocab.words[cand] > best_c)):
            best, best_d, best_c = cand, d, vocab.words[cand]
    return best
