import re

import pytest
from django.urls import reverse

from selaras.registry.models import Region, RegionBoundary, RegionLevel

pytestmark = pytest.mark.django_db


def square(lon: float, lat: float, size: float = 1.0) -> dict:
    ring = [[lon, lat], [lon + size, lat], [lon + size, lat + size], [lon, lat + size], [lon, lat]]
    return {"type": "Polygon", "coordinates": [ring]}


def test_the_region_list_shows_provinces_with_their_regency_counts(client, reference):
    response = client.get(reverse("registry:region_list"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Jawa Tengah" in html and "Papua" in html
    row = re.search(r'<td class="code">33</td>.*?<td class="num">(\d+)</td>', html, re.S)
    assert row and row.group(1) == "2"  # Cilacap and Banyumas


def test_without_boundaries_the_list_draws_the_province_tile_grid(client, reference):
    html = client.get(reverse("registry:region_list")).content.decode()
    assert 'class="map tile-grid"' in html
    assert '<a href="/wilayah/33/"' in html
    # All 38 provinces get a tile, linked or not.
    assert html.count('class="tile ') == 38
    assert "<path" not in html


def test_with_a_boundary_the_list_draws_an_svg_map_of_the_provinces(client, reference):
    RegionBoundary.objects.create(region=reference.jateng, geometry=square(109.0, -8.0))
    RegionBoundary.objects.create(
        region=reference.papua,
        geometry={
            "type": "Feature",
            "geometry": {"type": "MultiPolygon", "coordinates": [square(138.0, -4.0)["coordinates"]]},
        },
    )
    html = client.get(reverse("registry:region_list")).content.decode()
    assert "tile-grid" not in html
    link = re.search(r'<a href="/wilayah/33/"[^>]*><title>([^<]*)</title><path class="area [^"]*" d="M[\d. L]+Z"', html)
    assert link, "Jawa Tengah should be a linked path"
    assert link.group(1).startswith("Jawa Tengah")
    assert '<a href="/wilayah/91/"' in html


def test_the_map_viewbox_is_not_localised(client, reference):
    RegionBoundary.objects.create(region=reference.jateng, geometry=square(109.0, -8.0, 0.5))
    html = client.get(reverse("registry:region_list"), headers={"accept-language": "id"}).content.decode()
    assert re.search(r'viewBox="0 0 1000 [\d.]+"', html)


def test_the_province_page_lists_its_regencies_with_breadcrumbs(client, reference):
    response = client.get(reverse("registry:region_detail", args=["33"]))
    assert response.status_code == 200
    html = response.content.decode()
    assert '<a href="/wilayah/33.02/">Kabupaten Banyumas</a>' in html
    assert '<a href="/wilayah/33.01/">Kabupaten Cilacap</a>' in html
    assert "Kabupaten Jayapura" not in html
    assert 'aria-label="Jejak navigasi"' in html and '<a href="/wilayah/">Wilayah</a>' in html


def test_a_regency_page_links_back_to_its_province_and_down_to_its_districts(client, reference):
    html = client.get(reverse("registry:region_detail", args=["33.02"])).content.decode()
    assert '<a href="/wilayah/33/">Jawa Tengah</a>' in html
    assert '<a href="/wilayah/33.02.01/">Lumbir</a>' in html


def test_a_province_page_maps_its_regencies_when_boundaries_exist(client, reference):
    RegionBoundary.objects.create(region=reference.banyumas, geometry=square(109.0, -7.5, 0.3))
    html = client.get(reverse("registry:region_detail", args=["33"])).content.decode()
    assert re.search(r'<a href="/wilayah/33.02/"[^>]*><title>', html)
    assert "tile-grid" not in html


def test_an_unknown_region_code_is_a_404(client, reference):
    assert client.get(reverse("registry:region_detail", args=["99"])).status_code == 404


def test_a_region_that_ended_shows_its_successors(client, reference):
    old = Region.objects.create(
        code="33.99",
        name="Kabupaten Lama",
        level=RegionLevel.REGENCY,
        parent=reference.jateng,
        valid_until="2020-01-01",
    )
    old.successors.add(reference.banyumas)
    html = client.get(reverse("registry:region_detail", args=["33.99"])).content.decode()
    assert "Digantikan oleh" in html and '<a href="/wilayah/33.02/">Kabupaten Banyumas</a>' in html


def test_the_search_partial_finds_regions_by_name_and_code(client, reference):
    by_name = client.get(reverse("registry:region_search"), {"q": "banyu"}, headers={"hx-request": "true"})
    assert by_name.status_code == 200
    html = by_name.content.decode()
    assert "<html" not in html
    assert "Kabupaten Banyumas" in html and "Cilacap" not in html
    by_code = client.get(reverse("registry:region_search"), {"q": "91"}).content.decode()
    assert "Kabupaten Jayapura" in by_code and "Banyumas" not in by_code


def test_the_search_says_so_when_nothing_matches(client, reference):
    html = client.get(reverse("registry:region_search"), {"q": "Atlantis"}).content.decode()
    assert "Tidak ada wilayah yang cocok" in html


def test_the_full_page_search_works_without_javascript(client, reference):
    html = client.get(reverse("registry:region_list"), {"q": "Lumbir"}).content.decode()
    assert '<a href="/wilayah/33.02.01/"' in html


def test_the_region_pages_query_count_does_not_grow_with_children(client, reference, django_assert_max_num_queries):
    for i in range(3, 40):
        Region.objects.create(
            code=f"33.{i:02d}", name=f"Kabupaten {i}", level=RegionLevel.REGENCY, parent=reference.jateng
        )
    with django_assert_max_num_queries(8):
        assert client.get(reverse("registry:region_detail", args=["33"])).status_code == 200
    with django_assert_max_num_queries(6):
        assert client.get(reverse("registry:region_list")).status_code == 200


def test_region_pages_are_public_and_speak_english_on_request(client, reference):
    client.cookies["django_language"] = "en"
    html = client.get(reverse("registry:region_detail", args=["33"])).content.decode()
    assert 'lang="en"' in html
    assert "Regencies/cities" in html or "regencies/cities" in html
