"""The shipped agency table, Kemendagri's coordinating units, regional
governments and development partners."""

from __future__ import annotations

import pytest

from selaras.registry.loaders import ReferenceDataError
from selaras.registry.loaders.agencies import AGENCIES_CSV, load_agencies, read_agencies
from selaras.registry.models import Agency, AgencyKind
from selaras.registry.services import load_reference
from tests.registry.helpers import read_csv, shared_agencies_dir

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded():
    return load_reference()


def test_every_2025_budget_section_is_a_ministry_with_its_official_name(loaded):
    shared = shared_agencies_dir()
    for row in read_csv(shared / "kl.csv"):
        agency = Agency.objects.get(code=row["code"])
        assert (agency.name, agency.budget_code, agency.kind) == (row["name"], row["code"], AgencyKind.MINISTRY)
        assert agency.valid_until_year is None


def test_ministries_restructured_in_2024_end_that_year_and_name_their_successors(loaded):
    shared = shared_agencies_dir()
    for row in read_csv(shared / "kl-until-2024.csv"):
        assert Agency.objects.get(code=row["code"]).valid_until_year == 2024

    def successors(code):
        return set(Agency.objects.get(code=code).successors.values_list("short_name", flat=True))

    assert successors("023") == {"Kemendikdasmen", "Kemdiktisaintek", "Kemenbud"}
    assert successors("013") == {"Kemenkum", "KemenHAM", "Kemenimipas"}
    assert successors("029") == {"KLH/BPLH", "Kemenhut"}
    assert successors("033") == {"Kementerian PU", "Kementerian PKP"}
    assert set(Agency.objects.valid_in(2024).filter(code__in=["023", "138"]).values_list("code", flat=True)) == {"023"}
    assert set(Agency.objects.valid_in(2025).filter(code__in=["023", "138"]).values_list("code", flat=True)) == {"138"}


def test_kemendagri_coordinating_units_form_a_tree(loaded):
    supd = Agency.objects.filter(parent__code="010.bangda").values_list("short_name", flat=True)
    assert sorted(supd) == ["SUPD I", "SUPD II", "SUPD III", "SUPD IV"]
    assert Agency.objects.get(code="010.bangda").parent.code == "010"
    dtpks = Agency.objects.get(code="010.adwil.dtpks")
    assert dtpks.name == "Direktorat Dekonsentrasi, Tugas Pembantuan dan Kerja Sama"
    assert dtpks.parent.parent.code == "010"


def test_every_autonomous_province_and_kabupaten_kota_has_a_regional_government(loaded):
    governments = Agency.objects.filter(kind=AgencyKind.REGIONAL_GOVERNMENT)
    assert governments.filter(region__level="provinsi").count() == 38
    # 514 kabupaten/kota less Jakarta's five kota and one kabupaten administrasi.
    assert governments.filter(region__level="kabkota").count() == 508
    assert Agency.objects.get(code="pemda.33").name == "Pemerintah Provinsi Jawa Tengah"
    assert Agency.objects.get(code="pemda.33.02").name == "Pemerintah Kabupaten Banyumas"
    semarang = Agency.objects.get(code="pemda.33.74")
    assert (semarang.name, semarang.short_name, semarang.region.code) == (
        "Pemerintah Kota Semarang",
        "Pemkot Semarang",
        "33.74",
    )
    assert not Agency.objects.filter(code="pemda.31.71").exists()


def test_development_partners_include_unicef(loaded):
    unicef = Agency.objects.get(code="mitra.unicef")
    assert (unicef.kind, unicef.short_name) == (AgencyKind.PARTNER, "UNICEF")


def test_a_second_agency_load_changes_nothing(loaded):
    again = load_agencies()
    assert not again["agencies"].changed
    assert not again["regional_governments"].changed
    assert again["regional_governments"].unchanged == 546


def test_it_rejects_an_unknown_kind_naming_the_line_and_saves_nothing(tmp_path):
    bad = tmp_path / "agencies.csv"
    lines = AGENCIES_CSV.read_text(encoding="utf-8").splitlines()
    lines[3] = lines[3].replace(",ministry,", ",kementerian,")
    bad.write_text("\n".join(lines) + "\n", encoding="utf-8")

    with pytest.raises(ReferenceDataError, match=r"agencies.csv baris 4: jenis 'kementerian'"):
        load_agencies(rows=read_agencies(bad))
    assert not Agency.objects.exists()


def test_it_rejects_a_successor_that_does_not_exist():
    rows = read_agencies()
    rows[0]["successors"] = ["999"]
    with pytest.raises(ReferenceDataError, match="'999' tidak dikenal"):
        load_agencies(rows=rows)
