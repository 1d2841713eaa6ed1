"""The look-up index and the blocked national screening."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from django.conf import settings

from selaras.devtools.similarity import benchgen
from selaras.sync.similarity.index import SimilarityIndex, screen, split_detail
from selaras.sync.similarity.normalise import parse

CORPUS = Path(settings.SHARED_DATA_DIR) / "data" / "nomenclature" / "corpus_names.txt"
REGENCIES = Path(settings.SHARED_DATA_DIR) / "data" / "regions" / "regencies.csv"
needs_shared = pytest.mark.skipif(not (CORPUS.exists() and REGENCIES.exists()), reason="shared data not present")


def test_split_detail_takes_trailing_local_detail_only():
    base, detail = split_detail("Pembangunan Gedung Kantor SDN 2 Wamena Paket 07")
    assert base == "Pembangunan Gedung Kantor SD"
    assert detail == {"school": "sdn 2 wamena", "package": "7"}
    assert split_detail("Pembinaan Kota Layak Anak")[1] == {}


@needs_shared
def test_the_generator_is_deterministic_and_carries_local_detail():
    regs = benchgen.read_regencies(REGENCIES)
    a = benchgen.generate(CORPUS, regs, n_regional=3000, n_central=200, seed=5)
    b = benchgen.generate(CORPUS, regs, n_regional=3000, n_central=200, seed=5)
    assert a == b
    assert len(set(a.regional_regions)) > 500
    with_detail = sum(1 for t in a.regional_titles if split_detail(t)[1])
    assert 0.25 < with_detail / len(a.regional_titles) < 0.4


@needs_shared
def test_the_fast_detail_split_agrees_with_the_full_parser():
    regs = benchgen.read_regencies(REGENCIES)
    data = benchgen.generate(CORPUS, regs, n_regional=1500, n_central=0, seed=9)
    agree = sum(1 for t in data.regional_titles if parse(split_detail(t)[0]).core == parse(t).core)
    assert agree / len(data.regional_titles) > 0.97


@needs_shared
def test_lookup_finds_the_planted_near_duplicate_among_5000_names():
    regs = benchgen.read_regencies(REGENCIES)
    data = benchgen.generate(CORPUS, regs, n_regional=5000, n_central=0, seed=11)
    titles = list(data.regional_titles)
    titles[1234] = "Pembangunan Embung Desa Wisata Sukamaju Paket 03"
    idx = SimilarityIndex(titles, data.regional_years, data.regional_regions)
    hits = idx.lookup("PEMBANGUNAN EMBUNG DESA WISATA")
    assert 1234 in [m.item for m in hits]
    assert hits[0].score >= idx.threshold
    # a different package of the same work is another work
    assert 1234 not in [m.item for m in idx.lookup("Pembangunan Embung Desa Wisata Paket 04")]


def test_screening_joins_only_within_blocks_and_respects_detail():
    regional = [
        "Pembangunan Ruang Kelas Baru SDN 2 Wamena",  # block 0
        "Pembangunan Ruang Kelas Baru SDN 3 Wamena",  # block 0, another school
        "Pembangunan Ruang Kelas Baru",  # block 1
        "Pengawasan Pembangunan Ruang Kelas Baru",  # block 0, another action
    ]
    central = ["Pembangunan RKB SDN 2 Wamena", "Pembangunan RKB"]
    out = screen(central, [[0], [0, 1]], regional, [0, 0, 1, 0])
    pairs = set(zip(out["central"].tolist(), out["regional"].tolist(), strict=True))
    assert pairs == {(0, 0), (1, 0), (1, 1), (1, 2)}
    assert np.all(out["score"] >= 0.5)


def test_a_school_level_appended_to_a_prepared_base_equals_preparing_the_whole():
    from selaras.sync.similarity.scorer import prepare, prepare_with_suffix

    for base in ("Pembangunan Ruang Kelas Baru", "REHABILITASI RUANG GURU", "pengadaan meubelair"):
        for level in ("SD", "SMP", "SMA", "SMK"):
            whole, derived = prepare(base + " " + level), prepare_with_suffix(prepare(base), level)
            assert (whole.stems, whole.features, whole.head) == (derived.stems, derived.features, derived.head)


@needs_shared
def test_vectorised_core_pairs_agree_with_the_scorer_pair_by_pair():
    from selaras.sync.similarity.index import CoreTable, build_items
    from selaras.sync.similarity.scorer import Scorer
    from selaras.sync.similarity.screening import _text_candidates, candidate_pairs

    regs = benchgen.read_regencies(REGENCIES)
    data = benchgen.generate(CORPUS, regs, n_regional=4000, n_central=600, seed=13)
    codes: dict = {}
    r = build_items(data.regional_titles, codes, workers=1)
    c = build_items(data.central_titles, codes, workers=1)
    table = CoreTable(r.prepared + c.prepared)
    left = np.arange(len(r.prepared), len(r.prepared) + len(c.prepared))
    right = np.arange(len(r.prepared))
    i, j, li, rj, *_ = _text_candidates(table, left, right, 0.5)
    scorer = Scorer()
    slow = {
        (a, b)
        for a, b, x, y in zip(i, j, li, rj, strict=True)
        if scorer.compare_prepared(table.prepared[x], table.prepared[y], structure=False).score >= 0.5
    }
    fi, fj, _ = candidate_pairs(table, left, right, 0.5, workers=1)
    assert set(zip(fi.tolist(), fj.tolist(), strict=True)) == slow and slow


@needs_shared
def test_the_timed_screening_of_the_bench_finds_what_the_product_screening_finds():
    from selaras.devtools.similarity.screen_timing import STAGES, timed_screen

    regs = benchgen.read_regencies(REGENCIES)
    data = benchgen.generate(CORPUS, regs, n_regional=800, n_central=60, seed=3)
    block = {r: k % 7 for k, r in enumerate(sorted(set(data.regional_regions) | set(data.central_regions)))}
    regional_blocks = [block[r] for r in data.regional_regions]
    central_blocks = [[block[r]] for r in data.central_regions]
    args = (data.central_titles, central_blocks, data.regional_titles, regional_blocks)
    plain, timed = screen(*args, workers=1), timed_screen(*args, workers=1)
    assert set(plain) == {"central", "regional", "score"}
    assert len(plain["score"]) > 0
    for key in plain:
        assert np.array_equal(plain[key], timed[key])
    assert len(timed["seconds"]) == len(timed["cpu_seconds"]) == len(STAGES)
