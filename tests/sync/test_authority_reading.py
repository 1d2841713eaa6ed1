"""The item matcher and the content classifier behind the authority rules."""

import pytest

from selaras.sync.authority.content import read_content
from selaras.sync.authority.matcher import ItemIndex
from selaras.sync.authority.text import activity_tokens


@pytest.fixture
def index(affairs):
    from selaras.registry.models import AuthorityRule

    return ItemIndex.build(AuthorityRule.objects.select_related("affair"))


def test_it_drops_places_offices_and_money_but_keeps_the_scope_criteria():
    words = [
        w
        for _, w in activity_tokens(
            "Pemerintah Kabupaten Garut, melalui Dinas Kesehatan Kabupaten, melayani pasien lintas kabupaten/kota "
            "di Kota Tasikmalaya. Dana Tugas Pembantuan APBN. Tidak mensyaratkan dana pendamping APBD."
        )
    ]
    assert "garut" not in words and "tasikmalaya" not in words and "dinas" not in words
    assert "lintaskabkota" in words and "apbn" not in words


def test_it_infers_the_item_and_says_which_words_decided(index, affairs):
    match = index.match(affairs.management, "Penyelenggaraan SMA dan SMK: pengelolaan pendidikan menengah")
    assert match.item.text == "Pengelolaan pendidikan menengah" and match.level == "provinsi"
    assert "menengah" in match.words
    assert match.runner_up is not None and match.runner_up.level != "provinsi"


def test_it_finds_no_item_outside_the_matrix_or_below_the_floor(index, affairs):
    assert index.match(affairs.health_efforts, "Pengelolaan pendidikan menengah") is None
    assert index.match(affairs.management, "Rapat koordinasi") is None


def test_an_item_of_a_field_is_searched_across_its_sub_urusan(index, affairs):
    match = index.match(affairs.education, "Akreditasi pendidikan anak usia dini")
    assert match.item.affair == affairs.accreditation or match.item.affair == affairs.management


@pytest.mark.parametrize(
    ("title", "kind"),
    [
        ("Pembangunan Instalasi Pengolahan Lumpur Tinja", "delivery"),
        ("Penyaluran Paket Logistik kepada Kampung Siaga Bencana", "delivery"),
        ("Pelayanan KB Bergerak langsung kepada pasangan usia subur", "delivery"),
        ("Reviu dan Monitoring Pengawasan oleh Dinas Pangan Kabupaten", "binwas"),
        ("Konsultasi dan Pendampingan Teknis UPTD PPA Kabupaten/Kota", "binwas"),
        ("Evaluasi pengadaan dan penyaluran cadangan pangan", "binwas"),
        ("Peningkatan mutu layanan", "unknown"),
    ],
)
def test_it_reads_the_pasal_4_forms_against_delivering_the_affair(title, kind):
    assert read_content(title).kind == kind


def test_binwas_is_aimed_at_regency_governments_only_when_the_text_says_so():
    assert read_content("Evaluasi kinerja Dinas Kesehatan Kabupaten Cilacap").is_binwas_of_regency
    assert not read_content("Evaluasi mutu layanan rumah sakit milik provinsi").is_binwas_of_regency


def test_a_passive_delivery_word_describes_the_object_not_the_act():
    reading = read_content("Mengawasi keamanan pangan yang didistribusikan lintas kabupaten/kota")
    assert reading.delivery == {}
