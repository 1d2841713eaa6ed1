"""Normalisation: abbreviations, case, punctuation and local detail."""

from __future__ import annotations

import pytest

from selaras.sync.similarity import features
from selaras.sync.similarity.normalise import parse


@pytest.mark.parametrize(
    ("short", "full"),
    [
        ("Bimtek Penyusunan Perda", "Bimbingan Teknis Penyusunan Peraturan Daerah"),
        ("Diklat Pegawai", "Pendidikan dan Pelatihan Pegawai"),
        ("Binwas Pemda", "Pembinaan Pengawasan Pemerintah Daerah"),
        ("Rehab Sarpras Posyandu", "Rehabilitasi Sarana Prasarana Posyandu"),
        ("Pelayanan Dukcapil Kab/Kota", "Pelayanan Kependudukan dan Pencatatan Sipil Kabupaten/Kota"),
        ("Pengadaan Alat Peraga PAUD", "Pengadaan Alat Peraga Pendidikan Anak Usia Dini"),
        ("Penyediaan Guru SMP", "Penyediaan Guru Sekolah Menengah Pertama"),
    ],
)
def test_it_expands_abbreviations_to_the_same_core(short, full):
    assert parse(short).core.replace(" dan ", " ") == parse(full).core.replace(" dan ", " ")


def test_it_ignores_case_spacing_and_punctuation():
    from selaras.sync.similarity.scorer import prepare

    assert prepare("PEMBANGUNAN  JALAN,   Kab./Kota").content == prepare("pembangunan jalan kab/kota").content
    assert prepare("Pembangunan Jalan (Kab/Kota)").content == prepare("pembangunan jalan kab kota").content


def test_it_strips_local_detail_into_structure():
    p = parse("Pembangunan RKB SD Negeri 2 Bontonompo Kab. Gowa Paket 07 Tahun 2025 (DAK)")
    assert p.core == "pembangunan ruang kelas baru sd"
    assert p.schools == {"sd 2 bontonompo"}
    assert p.places == {"kabupaten gowa"}
    assert p.packages == {"7"}
    assert p.years == {2025}
    assert p.funds == {"DAK"}


def test_it_parses_road_sections_and_villages():
    p = parse("Peningkatan Jalan Ruas Jalan Wamena–Elelim di Desa Sukamaju")
    assert p.core == "peningkatan jalan"
    assert p.roads == {"wamena elelim"}
    assert p.places == {"desa sukamaju"}


def test_a_level_word_without_a_name_is_not_a_place():
    p = parse("Penyelenggaraan Jalan Kabupaten/Kota")
    assert not p.places
    assert features.extract(p.tokens).levels == {"kabkota"}


def test_it_repairs_a_typo_towards_the_common_word():
    assert "kebijakan" in parse("Advokasi Kabijakan dan Pendampingan").tokens


@pytest.mark.parametrize(
    ("text", "actions"),
    [
        ("Pengawasan Teknis Pembangunan Depot Arsip", {"awas"}),
        ("Belanja Modal Pengadaan Konstruksi Perkuatan Tebing", {"bangun"}),
        ("Pembangunan, Rehabilitasi dan Pemeliharaan Embung", {"bangun", "rehab", "pelihara"}),
        ("Pelaksanaan Monitoring dan Evaluasi Penyusunan Dokumen", {"monev"}),
        ("Pengembangan Kapasitas Nelayan Kecil", {"latih"}),
        ("Pengelolaan Pelayanan Kesehatan Balita", set()),
    ],
)
def test_it_reads_the_action_at_the_head_of_the_name(text, actions):
    assert features.extract(parse(text).tokens).actions == actions
