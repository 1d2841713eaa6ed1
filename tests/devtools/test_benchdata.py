"""`selaras bench-data --scale small`: the national generator at test size."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from selaras.audit.models import AuditEntry
from selaras.devtools.benchdata import SCALES, bench_reset, generate_bench_data
from selaras.plans.models import ActivityLocation, Plan, RegionalPlan, RegionalSubActivity

SMALL = SCALES["small"]

# Real names from regional planning nomenclature, for a clone without
# ../shared: the generator must not depend on where its corpus comes from.
FALLBACK_CORPUS = """Pembangunan Jalan
Rehabilitasi Jaringan Irigasi Permukaan
Pembangunan Unit Sekolah Baru (USB)
Rehabilitasi Ruang Kelas Sekolah Dasar
Pengadaan Alat Praktik dan Peraga Siswa
Penyediaan Makanan Tambahan bagi Balita
Pelatihan Kader Posyandu
Pembinaan Posyandu
Penyediaan Layanan Kesehatan untuk UKM dan UKP Rujukan Tingkat Daerah Kabupaten/Kota
Pengelolaan Pelayanan Kesehatan Ibu Hamil
Pengelolaan Pelayanan Kesehatan Balita
Pembangunan Sistem Penyediaan Air Minum (SPAM) Jaringan Perpipaan
Pembangunan Sistem Pengelolaan Air Limbah Domestik Setempat
Penyediaan Prasarana dan Sarana Persampahan
Sosialisasi Pencegahan Perkawinan Anak
Fasilitasi Kabupaten/Kota Layak Anak
Pelayanan Pendaftaran Penduduk
Penerbitan Akta Kelahiran
Pemberdayaan Kelembagaan Masyarakat Desa
Pemungutan Pajak Daerah
Pemungutan Retribusi Daerah
Pengawasan Pembangunan Jalan
Penyusunan Dokumen Perencanaan Perangkat Daerah
Monitoring dan Evaluasi Program Keluarga Berencana
Bimbingan Teknis Aparatur Pemerintah Desa
"""


@pytest.fixture(autouse=True)
def corpus(settings, tmp_path):
    from selaras.devtools.benchdata import corpus_path

    if not corpus_path().exists():
        folder = tmp_path / "data" / "nomenclature"
        folder.mkdir(parents=True)
        (folder / "corpus_names.txt").write_text(FALLBACK_CORPUS, encoding="utf-8")
        settings.SHARED_DATA_DIR = tmp_path
    return corpus_path()


@pytest.fixture
def loaded(db):
    call_command("load_reference", stdout=io.StringIO())


def test_it_generates_the_small_scale_in_one_go(loaded):
    audit_before = AuditEntry.objects.count()
    out = io.StringIO()
    call_command("bench_data", "--scale", "small", stdout=out)
    assert "900 sub kegiatan daerah" in out.getvalue()
    assert ActivityLocation.objects.filter(activity__plan__cycle__programme__code="BENCH-SMALL").count() == 120
    assert Plan.objects.filter(cycle__programme__code="BENCH-SMALL").count() == SMALL.agencies * len(SMALL.years)
    assert RegionalPlan.objects.filter(source_name="bench-data:small").count() == 514 * len(SMALL.years)
    assert RegionalSubActivity.objects.count() == 900
    # One event for the load, not one per row.
    assert AuditEntry.objects.count() - audit_before < 20


def test_names_come_from_the_real_corpus_with_local_detail_for_some(loaded, corpus):
    generate_bench_data(scale=SMALL)
    corpus = set(corpus.read_text(encoding="utf-8").splitlines())
    names = list(RegionalSubActivity.objects.values_list("name", flat=True))
    plain = [n for n in names if n in corpus]
    detailed = [n for n in names if n not in corpus]
    assert plain and detailed
    assert 0.2 < len(detailed) / len(names) < 0.5
    # A detailed name is a real name followed by the local detail.
    assert all(any(n.startswith(f"{c} ") for c in corpus) for n in detailed)


def test_it_is_deterministic(loaded):
    generate_bench_data(scale=SMALL, seed=7)
    first = list(
        RegionalSubActivity.objects.order_by(
            "regional_plan__region__code", "regional_plan__year", "row_number"
        ).values_list("name", "budget")
    )
    bench_reset(SMALL)
    assert not RegionalSubActivity.objects.exists()
    generate_bench_data(scale=SMALL, seed=7)
    second = list(
        RegionalSubActivity.objects.order_by(
            "regional_plan__region__code", "regional_plan__year", "row_number"
        ).values_list("name", "budget")
    )
    assert first == second


def test_it_refuses_to_generate_twice_without_reset(loaded):
    call_command("bench_data", "--scale", "small", stdout=io.StringIO())
    with pytest.raises(CommandError, match="--reset"):
        call_command("bench_data", "--scale", "small", stdout=io.StringIO())
    call_command("bench_data", "--scale", "small", "--reset", stdout=io.StringIO())
    assert RegionalSubActivity.objects.count() == 900


def test_it_says_where_the_missing_corpus_should_be(loaded, settings, tmp_path):
    settings.SHARED_DATA_DIR = tmp_path / "nowhere"
    with pytest.raises(CommandError, match=r"corpus_names\.txt"):
        call_command("bench_data", "--scale", "small", stdout=io.StringIO())
    assert not Plan.objects.exists()


def test_it_needs_the_reference_data_first(db):
    with pytest.raises(CommandError, match="load-reference"):
        call_command("bench_data", "--scale", "small", stdout=io.StringIO())
