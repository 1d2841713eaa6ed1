"""Plain baselines, to show what the linguistic features add."""

from __future__ import annotations

from collections.abc import Sequence


def token_set_ratio(a: str, b: str) -> float:
    """rapidfuzz token_set_ratio on lower-cased text, scaled to 0–1."""
    from rapidfuzz import fuzz, utils

    return fuzz.token_set_ratio(a, b, processor=utils.default_process) / 100.0


class TfidfCosine:
    """Plain scikit-learn TF-IDF cosine (word or char), fitted on the texts given."""

    def __init__(self, texts: Sequence[str], analyzer: str = "word"):
        from sklearn.feature_extraction.text import TfidfVectorizer

        if analyzer == "word":
            self.vec = TfidfVectorizer(lowercase=True)
        else:
            self.vec = TfidfVectorizer(lowercase=True, analyzer="char_wb", ngram_range=(3, 5))
        self.vec.fit(list(texts))

    def __call__(self, a: str, b: str) -> float:
        m = self.vec.transform([a, b])
        return float((m[0] @ m[1].T).toarray()[0, 0])
