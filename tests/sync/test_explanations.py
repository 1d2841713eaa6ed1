"""Why two names look alike, in the reader's language: in Indonesian the
engine's own explanation word for word, in English every word of the frame
translated and the quoted words left as the names wrote them."""

from __future__ import annotations

import pytest
from django.utils import translation

from selaras.sync.explanations import KINDS, explain, explain_titles
from selaras.sync.similarity.scorer import Scorer

PAIRS = [
    ("Pelatihan Kader Posyandu", "Pelatihan bagi Kader Posyandu Desa"),  # shared words
    ("Penyusunan Dokumen RPJMD", "Evaluasi Dokumen RKPD"),  # documents and actions differ
    ("Pembangunan Jalan Ruas A Tahun 2024", "Pembangunan Jalan Ruas A Tahun 2025"),  # years differ
    ("Pengadaan Mobil Ambulans", "Pengadaan Mobil Jenazah"),  # sibling objects
    ("Rapat Koordinasi", "Penanaman Mangrove"),  # nothing in common
]


@pytest.mark.parametrize(("a", "b"), PAIRS)
def test_in_indonesian_it_is_the_engines_explanation(a, b):
    result = Scorer().compare(a, b)
    with translation.override("id"):
        assert explain(result) == result.why


@pytest.mark.parametrize(("a", "b"), PAIRS)
def test_in_english_the_frame_is_english_and_the_quoted_words_are_kept(a, b):
    result = Scorer().compare(a, b)
    with translation.override("en"):
        text = explain(result)
    for indonesian in ("kata kunci sama", "beda ", "objek berbeda", "tidak ada kata kunci"):
        assert indonesian not in text
    for word in result.shared:
        assert word in text
    for kind, _a, _b in result.conflicts:
        with translation.override("en"):
            assert f"different {KINDS[kind]}" in text
    for a_word, b_word in result.substitutions:
        assert f"different object: {a_word} ≠ {b_word}" in text


def test_the_pairs_cover_every_part_of_an_explanation():
    results = [Scorer().compare(a, b) for a, b in PAIRS]
    assert any(r.shared for r in results) and any(r.conflicts for r in results)
    assert any(r.substitutions for r in results) and any(not (r.shared or r.conflicts) for r in results)


def test_every_kind_the_engine_names_has_an_english_label():
    with translation.override("en"):
        untranslated = [kind for kind, label in KINDS.items() if str(label) == kind]
    assert untranslated == []


def test_a_findings_pair_is_explained_in_the_language_of_the_request():
    with translation.override("en"):
        english = explain_titles(*PAIRS[0])
    with translation.override("id"):
        indonesian = explain_titles(*PAIRS[0])
    assert english.startswith("shared key words:") and indonesian.startswith("kata kunci sama:")
