"""The duplicate score: hard negatives fall below the threshold, paraphrases above."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from django.conf import settings

from selaras.sync.similarity.cli import main
from selaras.sync.similarity.scorer import DEFAULT_THRESHOLD, get_scorer

HARD_NEGATIVES = [
    # school level
    (
        "Penyediaan Pendidik dan Tenaga Kependidikan bagi Satuan Pendidikan Sekolah Dasar",
        "Penyediaan Pendidik dan Tenaga Kependidikan bagi Satuan Pendidikan Sekolah Menengah Pertama",
    ),
    ("Pengelolaan Dana BOS SD", "Pengelolaan Dana BOS SMP"),
    # government level
    ("Penyelenggaraan Jalan Provinsi", "Penyelenggaraan Jalan Kabupaten/Kota"),
    (
        "Pengelolaan dan Pengembangan SPAM Lintas Kabupaten/Kota",
        "Pengelolaan dan Pengembangan SPAM di Daerah Kabupaten/Kota",
    ),
    # building vs supervising it
    ("Pembangunan Jalan Lingkar Desa", "Pengawasan Pembangunan Jalan Lingkar Desa"),
    ("Pengawasan Teknis Pembangunan Gedung Puskesmas", "Pembangunan Gedung Puskesmas"),
    # tax vs levy
    ("Pendataan dan Pendaftaran Objek Pajak Daerah", "Pendataan dan Pendaftaran Objek Retribusi Daerah"),
    # budget cycle and document
    ("Koordinasi dan Penyusunan RKA-SKPD", "Koordinasi dan Penyusunan Perubahan RKA-SKPD"),
    ("Koordinasi, Penyusunan dan Verifikasi DPA-SKPD", "Koordinasi, Penyusunan dan Verifikasi RKA-SKPD"),
    # sibling objects of the same template
    ("Pengawasan Keuangan Pemerintah Daerah", "Pengawasan Kinerja Pemerintah Daerah"),
    ("Peningkatan Jalan Lingkungan Paket 1", "Peningkatan Jalan Lingkungan Paket 2"),
    # target group
    ("Pelayanan Kesehatan Ibu Hamil", "Pelayanan Kesehatan Ibu Bersalin"),
]

PARAPHRASES = [
    ("Bimbingan Teknis Pengelolaan Keuangan Desa", "Bimtek Pengelolaan Keuangan Desa"),
    ("Pendidikan dan Pelatihan Pegawai Berdasarkan Tugas dan Fungsi", "Diklat Pegawai sesuai Tupoksi"),
    ("Pengadaan Alat Praktik dan Peraga Peserta Didik PAUD", "Pengadaan Alat Peraga dan Praktik untuk Siswa PAUD"),
    ("Pembangunan Jembatan", "Pembangunan Jembatan Gantung Desa Tonasa"),
    ("Pembangunan Ruang Kelas Baru", "Pembangunan RKB SD Negeri 2 Bontonompo Kab. Gowa"),
    (
        "PENYELENGGARAAN KEJUARAAN OLAHRAGA TINGKAT KAB/KOTA",
        "Penyelenggaraan Kejuaraan Olahraga Tingkat Kabupaten/Kota",
    ),
    ("Rehabilitasi Jalan", "Rehabilitasi/Pemeliharaan Jalan Dana Alokasi Khusus"),
    ("Pelayanan Kesehatan Penderita TBC", "Pelayanan Kesehatan Orang dengan Tuberkulosis"),
    ("Binaan Terpadu Kampung Keluarga Berkualitas (Kampung KB)", "Pembinaan Terpadu Kampung KB"),
]


@pytest.mark.parametrize(("a", "b"), HARD_NEGATIVES)
def test_hard_negatives_score_below_the_threshold(a, b):
    res = get_scorer().compare(a, b)
    assert res.score < DEFAULT_THRESHOLD, res.why
    assert res.conflicts or res.substitutions  # and the reason is named


@pytest.mark.parametrize(("a", "b"), PARAPHRASES)
def test_paraphrases_score_above_the_threshold(a, b):
    res = get_scorer().compare(a, b)
    assert res.score >= DEFAULT_THRESHOLD, res.why
    assert res.duplicate


def test_the_explanation_names_shared_terms_and_the_conflict():
    res = get_scorer().compare("Pembangunan Jalan Lingkar Desa", "Pengawasan Pembangunan Jalan Lingkar Desa")
    assert "jalan" in res.why
    assert "beda tindakan" in res.why
    assert "pengawasan" in res.why


def test_different_named_villages_are_not_the_same_work():
    res = get_scorer().compare("Pembangunan Jembatan di Desa Sukamaju", "Pembangunan Jembatan di Desa Sukajadi")
    assert not res.duplicate
    assert any(kind == "lokasi" for kind, _, _ in res.conflicts)


def test_the_score_is_symmetric_and_bounded():
    s = get_scorer()
    a, b = "Pengadaan Kendaraan Dinas Operasional", "Pengadaan Kendaraan Operasional Lapangan Roda 4"
    assert s.score(a, b) == pytest.approx(s.score(b, a), abs=1e-3)
    assert 0.0 <= s.score(a, b) <= 1.0
    assert s.score(a, a) == pytest.approx(1.0, abs=1e-3)


def test_the_cli_keeps_extra_columns_and_adds_score_and_duplicate(tmp_path):
    src = tmp_path / "pairs.csv"
    dst = tmp_path / "out.csv"
    with src.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["id", "text_a", "text_b", "note"])
        w.writerow(["p1", "Bimbingan Teknis Keuangan Desa", "Bimtek Keuangan Desa", "x"])
        w.writerow(["p2", "Penyelenggaraan Jalan Provinsi", "Penyelenggaraan Jalan Kabupaten/Kota", "y"])
    assert main([str(src), str(dst)]) == 0
    rows = list(csv.DictReader(dst.open(encoding="utf-8")))
    assert [r["id"] for r in rows] == ["p1", "p2"]
    assert [r["note"] for r in rows] == ["x", "y"]
    assert [r["duplicate"] for r in rows] == ["1", "0"]
    assert 0.0 <= float(rows[1]["score"]) < float(rows[0]["score"]) <= 1.0


def test_the_cli_names_a_missing_column_and_writes_nothing(tmp_path, capsys):
    src = tmp_path / "pairs.csv"
    dst = tmp_path / "out.csv"
    src.write_text("a,b\nx,y\n", encoding="utf-8")
    assert main([str(src), str(dst)]) == 2
    assert "text_a" in capsys.readouterr().err
    assert not dst.exists()


def _dev_set() -> Path:
    return Path(settings.SHARED_DATA_DIR) / "bench" / "dup-dev.csv"


@pytest.mark.skipif(not _dev_set().exists(), reason="shared development set not present")
def test_it_reaches_f1_085_on_the_development_set():
    from selaras.devtools.similarity.evaluate import evaluate, read_pairs

    scorer = get_scorer()
    result = evaluate(read_pairs(_dev_set()), scorer.score, scorer.threshold)
    assert result["f1"] >= 0.85, result
    assert result["precision"] >= 0.85, result
