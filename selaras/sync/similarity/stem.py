"""Cached Indonesian stemming (PySastrawi is slow per call; words repeat)."""

from __future__ import annotations

from functools import lru_cache

_stemmer = None


def _get():
    global _stemmer
    if _stemmer is None:
        from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

        _stemmer = StemmerFactory().create_stemmer()
    return _stemmer


@lru_cache(maxsize=100_000)
def stem(word: str) -> str:
    """Stem one lower-case word; codes (`sd`, `ibu_hamil`, `rka`) stay as they are."""
    if len(word) <= 3 or not word.isalpha():
        return word
    return _get().stem(word) or word


@lru_cache(maxsize=100_000)
def is_word(word: str) -> bool:
    """True if the word or its stem is in the stemmer's root dictionary."""
    d = _get().delegatedStemmer.dictionary
    return d.contains(word) or d.contains(stem(word))
