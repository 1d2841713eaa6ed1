"""What the nomenclature knows decides where words alone mislead: sibling items,
packages and the item they carry out, lists of works, renamed items; and the
cross-validation never scores a pair with anything fitted on it."""

from __future__ import annotations

import pytest

from bench.similarity_cv import cross_validate, stratified_folds
from selaras.sync.similarity.nomenclature import load as load_nomenclature
from selaras.sync.similarity.scorer import clauses, get_scorer, prepare


def _dup(a: str, b: str) -> bool:
    return get_scorer().compare(a, b).duplicate


# Sibling sub kegiatan of one kegiatan (Kepmendagri nomenclature): the words
# overlap, one even contains the other, but each is its own item of work.
SIBLINGS = [
    ("Penyediaan Kebutuhan Rumah Tangga Kepala Daerah", "Penyediaan Kebutuhan Rumah Tangga Wakil Kepala Daerah"),
    (
        "Rekomendasi Keamanan Pangan Segar Asal Tumbuhan Daerah Kabupaten/Kota",
        "Rekomendasi Perizinan keamanan pangan segar asal tumbuhan",
    ),
    ("Perumusan Kebijakan Teknis di Bidang Fasilitasi Pengawasan", "Perumusan Kebijakan Teknis di Bidang Pengawasan"),
]


@pytest.mark.parametrize(("a", "b"), SIBLINGS)
def test_it_does_not_call_sibling_items_of_one_parent_duplicates(a, b):
    res = get_scorer().compare(a, b)
    assert not res.duplicate
    assert res.substitutions  # the explanation names what differs


def test_it_still_matches_a_sibling_item_worded_by_an_agency():
    assert _dup("Penyediaan Kebutuhan Rumah Tangga Wakil Kepala Daerah", "PENYEDIAAN KEBUTUHAN RT WAKIL KEPALA DAERAH")


# A package carries out the item it is filed under, even when its words are narrower.
PACKAGES = [
    ("Belanja Modal Pengadaan Alat Kedokteran Bedah", "Pengadaan Alat-Alat Kesehatan Rumah Sakit"),
    ("Pengadaan Kursi SMPN", "Pengadaan Mebeleur SMP"),
    ("Rehabilitasi SDN 3 Wamena", "Rehabilitasi Sarana Pendidikan Sekolah Dasar"),
    ("Peningkatan Jalan Ruas Wamena–Elelim", "Peningkatan Jalan"),
]


@pytest.mark.parametrize(("package", "item"), PACKAGES)
def test_it_matches_a_package_to_the_item_it_carries_out(package, item):
    assert _dup(package, item)


PACKAGE_NEGATIVES = [
    ("Rehabilitasi SDN 3 Wamena", "Rehabilitasi Sarana Pendidikan Sekolah Menengah Pertama"),
    ("Peningkatan Jalan Ruas Wamena–Elelim", "Pengawasan Teknis Peningkatan Jalan"),
    # filed under an item, but the package builds what the item rehabilitates
    ("Pembangunan Pustu Simpang Limau (Dana Insentif Daerah)", "Rehabilitasi Sedang/Berat Gedung/Bangunan"),
]


@pytest.mark.parametrize(("package", "item"), PACKAGE_NEGATIVES)
def test_it_does_not_match_a_package_to_an_item_of_another_level_or_action(package, item):
    assert not _dup(package, item)


STRATEGIC = (
    "Pembangunan 20 (dua puluh) unit embung desa dan rehabilitasi jaringan irigasi "
    "sebanyak 15 lokasi dalam rangka mendukung ketahanan pangan"
)


def test_it_matches_a_provincial_strategic_activity_to_the_regency_item_it_overlaps():
    assert _dup(STRATEGIC, "Rehabilitasi Jaringan Irigasi Permukaan")


def test_it_does_not_match_a_strategic_activity_to_an_item_with_another_action_or_level():
    assert not _dup(STRATEGIC, "Pemeliharaan Jaringan Irigasi Permukaan")
    assert not _dup(STRATEGIC + " kewenangan provinsi", "Rehabilitasi Jaringan Irigasi Kabupaten/Kota")


def test_it_splits_a_list_of_works_but_not_several_actions_on_one_object():
    assert len(clauses(prepare(STRATEGIC).parsed.tokens)) == 2
    assert clauses(prepare("Pembangunan, Rehabilitasi dan Pemeliharaan Jalan").parsed.tokens) == ()
    assert clauses(prepare("Koordinasi, Sinkronisasi dan Pelaksanaan Pemberdayaan Masyarakat").parsed.tokens) == ()


RENAMES = [
    ("Penanganan Pascabencana Kabupaten/Kota", "Penanganan Pasca Bencana Kabupaten/Kota"),
    ("Pengadaan Mebel Sekolah", "Pengadaan Mebeluer Sekolah"),
]


@pytest.mark.parametrize(("a", "b"), RENAMES)
def test_it_matches_an_item_renamed_across_editions_or_systems(a, b):
    assert _dup(a, b)


def test_a_rename_between_levels_is_not_taken_from_the_mapping():
    # the wp-sipd mapping mixes up provinsi and kabupaten/kota in a few rows
    assert not _dup(
        "Penyelenggaraan Infrastruktur pada Permukiman di Kawasan Strategis Daerah Provinsi",
        "Penyelenggaraan Infrastruktur pada Permukiman di Kawasan Strategis Daerah Kabupaten/Kota",
    )


def test_it_forgets_a_link_while_a_pair_that_names_it_is_held_out():
    a, b = RENAMES[1]
    nomen = load_nomenclature()
    with nomen.without([(a, b)]):
        assert not _dup(a, b)
    assert _dup(a, b)


def _rows(n_pos: int, n_neg: int) -> list[dict[str, str]]:
    return [
        {"id": f"r{i}", "text_a": f"a{i}", "text_b": f"b{i}", "label": "1" if i < n_pos else "0"}
        for i in range(n_pos + n_neg)
    ]


def test_the_cross_validation_never_fits_on_a_pair_it_scores():
    rows = _rows(20, 27)
    scores = {r["id"]: (0.8 if r["label"] == "1" else 0.2) for r in rows}
    held_out_folds: list[set[str]] = []
    fitted_on: list[set[str]] = []

    def score_fold(all_rows, held_out):
        held_out_folds.append({r["id"] for r in held_out})
        return [scores[r["id"]] for r in all_rows]

    def fit(labels, fold_scores):
        # the training rows are those not held out in the current fold
        fitted_on.append({r["id"] for r in rows} - held_out_folds[-1])
        assert len(labels) == len(fitted_on[-1])
        return 0.5

    result = cross_validate(rows, score_fold, fit=fit, k=5, seed=3)
    assert len(held_out_folds) == 5
    for held, train in zip(held_out_folds, fitted_on, strict=True):
        assert not held & train
    # every row is held out exactly once, and predicted from its own fold
    assert sorted(i for fold in held_out_folds for i in fold) == sorted(r["id"] for r in rows)
    assert result["pooled"]["f1"] == 1.0


def test_the_folds_are_stratified_and_reproducible():
    labels = [1] * 20 + [0] * 27
    folds = stratified_folds(labels, 5, 7)
    assert folds == stratified_folds(labels, 5, 7)
    assert sorted(i for f in folds for i in f) == list(range(47))
    assert all(sum(labels[i] for i in f) == 4 for f in folds)
