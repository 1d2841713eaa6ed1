import re

import pytest
from django.urls import reverse

from selaras.registry.models import Agency, AgencyKind

pytestmark = pytest.mark.django_db


@pytest.fixture
def restructured(reference):
    """Kemendikbudristek (023) ended in 2024; Kemendikdasmen (139) and
    Kemendiktisaintek (140) took over in 2025."""
    old = Agency.objects.create(
        code="023",
        name="Kementerian Pendidikan, Kebudayaan, Riset, dan Teknologi",
        short_name="Kemendikbudristek",
        kind=AgencyKind.MINISTRY,
        budget_code="023",
        valid_until_year=2024,
    )
    reference.ministry_b.valid_from_year = 2025
    reference.ministry_b.save()
    higher = Agency.objects.create(
        code="140",
        name="Kementerian Pendidikan Tinggi, Sains, dan Teknologi",
        short_name="Kemendiktisaintek",
        kind=AgencyKind.MINISTRY,
        budget_code="140",
        valid_from_year=2025,
    )
    old.successors.add(reference.ministry_b, higher)
    return old


def test_the_agency_list_groups_top_level_agencies_by_kind(client, reference):
    response = client.get(reverse("registry:agency_list"))
    assert response.status_code == 200
    html = response.content.decode()
    headings = re.findall(r'<h2 id="kind-\d+">([^<]+)</h2>', html)
    assert headings == ["Kementerian/Lembaga", "Pemerintah daerah", "Mitra pembangunan"]
    assert "Kementerian Kesehatan" in html and "UNICEF" in html
    # Units live on their parent's page, not in the top-level list.
    assert "Ditjen Kesehatan Masyarakat" not in html


def test_the_list_shows_budget_codes(client, reference):
    html = client.get(reverse("registry:agency_list")).content.decode()
    assert re.search(
        r'<td class="code">024</td>\s*<th scope="row"><a href="/instansi/024/">Kementerian Kesehatan</a>', html
    )


def test_it_filters_by_kind(client, reference):
    html = client.get(reverse("registry:agency_list"), {"kind": "unit"}).content.decode()
    assert "Ditjen Kesehatan Masyarakat" in html
    assert "Kementerian Kesehatan</a>" not in html


def test_it_searches_names_short_names_and_budget_codes(client, reference):
    by_short = client.get(reverse("registry:agency_list"), {"q": "kemenkes"}).content.decode()
    assert "Kementerian Kesehatan" in by_short and "Kementerian Dalam Negeri" not in by_short
    by_code = client.get(reverse("registry:agency_list"), {"q": "010"}).content.decode()
    assert "Kementerian Dalam Negeri" in by_code and "Kementerian Kesehatan" not in by_code


def test_a_restructured_ministry_shows_its_end_and_successors(client, restructured):
    html = client.get(reverse("registry:agency_list")).content.decode()
    assert "berlaku sampai 2024" in html
    assert re.search(r'diganti oleh\s*<a href="/instansi/139/">Kemendikdasmen</a>', html)


def test_the_year_filter_keeps_only_agencies_valid_that_year(client, restructured):
    row_of = '<th scope="row"><a href="/instansi/{}/">'.format
    in_2024 = client.get(reverse("registry:agency_list"), {"year": "2024"}).content.decode()
    assert row_of("023") in in_2024 and row_of("140") not in in_2024
    in_2025 = client.get(reverse("registry:agency_list"), {"year": "2025"}).content.decode()
    assert row_of("023") not in in_2025 and row_of("140") in in_2025


def test_it_names_the_field_when_the_year_is_not_a_year(client, reference):
    html = client.get(reverse("registry:agency_list"), {"year": "tahun lalu"}).content.decode()
    assert 'class="errorlist' in html
    assert "Kementerian Kesehatan" in html  # the other filters still apply


def test_the_agency_page_shows_the_unit_tree(client, reference):
    response = client.get(reverse("registry:agency_detail", args=["010"]))
    assert response.status_code == 200
    html = response.content.decode()
    tree = html[html.index('class="tree"') :]
    bangda = tree.index("Ditjen Bina Pembangunan Daerah")
    supd = tree.index("Direktorat SUPD IV")
    assert bangda < supd
    # SUPD IV is nested inside Bangda's list item.
    assert "<ul>" in tree[bangda:supd]


def test_a_unit_page_has_breadcrumbs_up_to_its_ministry(client, reference):
    html = client.get(reverse("registry:agency_detail", args=["010.bangda.supd4"])).content.decode()
    crumbs = html[
        html.index('aria-label="Jejak navigasi"') : html.index("</nav>", html.index('aria-label="Jejak navigasi"'))
    ]
    assert crumbs.index("/instansi/010/") < crumbs.index("/instansi/010.bangda/")


def test_a_regional_government_links_to_its_region(client, reference):
    html = client.get(reverse("registry:agency_detail", args=["pemda.33"])).content.decode()
    assert '<a href="/wilayah/33/">Jawa Tengah</a>' in html


def test_a_successor_names_its_predecessor(client, restructured):
    html = client.get(reverse("registry:agency_detail", args=["139"])).content.decode()
    assert "Menggantikan" in html and "/instansi/023/" in html


def test_an_unknown_agency_is_a_404(client, reference):
    assert client.get(reverse("registry:agency_detail", args=["999"])).status_code == 404


def test_the_agency_list_query_count_does_not_grow_with_agencies(client, restructured, django_assert_max_num_queries):
    for i in range(50):
        ministry = Agency.objects.create(
            code=f"9{i:02d}", name=f"Badan {i}", kind=AgencyKind.MINISTRY, budget_code=f"9{i:02d}"
        )
        Agency.objects.create(code=f"9{i:02d}.u", name=f"Unit {i}", kind=AgencyKind.UNIT, parent=ministry)
    with django_assert_max_num_queries(7):
        assert client.get(reverse("registry:agency_list")).status_code == 200
