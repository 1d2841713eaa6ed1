"""Region boundaries from GeoJSON: matching by code, the report of what did
not match, and refusing a bad file without loading anything."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from selaras.registry.models import Region, RegionBoundary
from selaras.registry.services import load_reference
from tests.registry.helpers import shared_maps_dir

pytestmark = pytest.mark.django_db

SQUARE = {"type": "Polygon", "coordinates": [[[109.0, -7.0], [109.1, -7.0], [109.1, -7.1], [109.0, -7.0]]]}


def write_geojson(path, features):
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}), encoding="utf-8")
    return path


def feature(props):
    return {"type": "Feature", "properties": props, "geometry": SQUARE}


@pytest.fixture
def regions():
    load_reference()


def test_it_matches_code_kode_and_undotted_codes_and_reports_the_rest(regions, tmp_path):
    path = write_geojson(
        tmp_path / "kab.geojson",
        [
            feature({"code": "33.01"}),
            feature({"kode": "3302"}),
            feature({"kode_wilayah": "33.03"}),
            feature({"code": "99.99"}),
        ],
    )
    out = StringIO()

    call_command("load_boundaries", str(path), stdout=out)

    assert set(RegionBoundary.objects.values_list("region__code", flat=True)) == {"33.01", "33.02", "33.03"}
    text = out.getvalue()
    assert "Kode tanpa padanan wilayah (1): 99.99" in text
    assert "Wilayah tanpa batas (511)" in text
    assert RegionBoundary.objects.get(region__code="33.02").source == "kab.geojson"


def test_reloading_the_same_file_changes_nothing(regions, tmp_path):
    path = write_geojson(tmp_path / "prov.geojson", [feature({"code": "33"})])
    call_command("load_boundaries", str(path), stdout=StringIO())
    out = StringIO()
    call_command("load_boundaries", str(path), stdout=out)
    assert "0 baru, 0 diubah, 1 tetap" in out.getvalue()


@pytest.mark.parametrize(
    "content",
    [
        "not json at all",
        json.dumps({"type": "Feature"}),
        json.dumps({"type": "FeatureCollection", "features": [{"geometry": None}]}),
    ],
)
def test_it_refuses_a_file_that_is_not_geojson_and_loads_nothing(regions, tmp_path, content):
    good = write_geojson(tmp_path / "a.geojson", [feature({"code": "33"})])
    bad = tmp_path / "b.geojson"
    bad.write_text(content, encoding="utf-8")

    with pytest.raises(CommandError, match=r"b\.geojson"):
        call_command("load_boundaries", str(good), str(bad), stdout=StringIO())
    assert not RegionBoundary.objects.exists()


def test_load_reference_loads_every_geojson_of_a_folder(tmp_path):
    write_geojson(tmp_path / "prov.geojson", [feature({"code": "33"})])
    write_geojson(tmp_path / "kab.geojson", [feature({"code": "33.02"})])
    out = StringIO()

    call_command("load_reference", "--boundaries", str(tmp_path), stdout=out)

    assert RegionBoundary.objects.count() == 2
    assert "Batas wilayah: 2 fitur dari 2 berkas" in out.getvalue()


def test_load_reference_with_a_bad_boundary_folder_loads_nothing_at_all(tmp_path):
    (tmp_path / "broken.geojson").write_text("{", encoding="utf-8")
    with pytest.raises(CommandError, match=r"broken\.geojson"):
        call_command("load_reference", "--boundaries", str(tmp_path), stdout=StringIO())
    assert not Region.objects.exists()


def test_the_shared_maps_cover_every_province_and_kabupaten_kota(regions):
    maps = shared_maps_dir()
    out = StringIO()
    call_command("load_boundaries", str(maps / "provinces.geojson"), str(maps / "regencies.geojson"), stdout=out)
    assert RegionBoundary.objects.count() == 552
    assert "Semua wilayah pada tingkat yang dimuat memiliki batas." in out.getvalue()
