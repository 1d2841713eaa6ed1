"""The plan list: filters, search, totals and scope."""

import pytest
from django.urls import reverse

from selaras.plans.models import Cycle, Plan
from tests.plans.helpers import add_activity, submit

pytestmark = pytest.mark.django_db

URL = reverse("plans:plan_list")


def titles(response) -> list[str]:
    return [str(p) for p in response.context["plans"]]


def test_it_asks_a_visitor_to_log_in(client, plans):
    response = client.get(URL)
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_a_planner_sees_only_their_own_draft(client, plans, cast):
    client.force_login(cast.planner_b)
    response = client.get(URL)
    assert response.status_code == 200
    assert titles(response) == ["RKT Kemendikdasmen 2024"]
    assert "RKT Kemenkes 2024" not in response.content.decode()


def test_a_coordinator_sees_submitted_plans_but_no_drafts(client, plans, cast, reference):
    add_activity(plans, reference, cast.planner_a)
    submit(plans.plan_a, cast.planner_a)
    client.force_login(cast.coordinator)
    assert titles(client.get(URL)) == ["RKT Kemenkes 2024"]


def test_it_shows_the_activity_count_and_budget_in_rupiah(client, plans, cast, reference):
    add_activity(plans, reference, cast.planner_a)
    add_activity(plans, reference, cast.planner_a, title="Kampanye imunisasi", budget="50000000", locations=[])
    client.force_login(cast.planner_a)
    response = client.get(URL)
    (plan,) = response.context["plans"]
    assert plan.activity_count == 2
    html = response.content.decode()
    assert "Rp350.000.000" in html
    assert "status-draft" in html


def test_filters_by_status_year_programme_region_and_affair(client, plans, cast, reference):
    add_activity(plans, reference, cast.planner_a)
    client.force_login(cast.admin)
    assert titles(client.get(URL, {"status": "draft"})) == ["RKT Kemenkes 2024", "RKT Kemendikdasmen 2024"]
    assert titles(client.get(URL, {"status": "submitted"})) == []
    assert titles(client.get(URL, {"year": "2023"})) == []
    assert len(titles(client.get(URL, {"year": "2024", "programme": "RI-UNICEF-2021"}))) == 2
    assert titles(client.get(URL, {"region": "33.02"})) == ["RKT Kemenkes 2024"]
    assert titles(client.get(URL, {"region": "91"})) == []
    assert titles(client.get(URL, {"affair": "1.02"})) == ["RKT Kemenkes 2024"]
    assert titles(client.get(URL, {"owner": "139"})) == ["RKT Kemendikdasmen 2024"]


def test_search_finds_a_plan_by_its_activity_title(client, plans, cast, reference):
    add_activity(plans, reference, cast.planner_a, title="Pelatihan sanitasi sekolah")
    client.force_login(cast.admin)
    assert titles(client.get(URL, {"q": "sanitasi"})) == ["RKT Kemenkes 2024"]
    assert titles(client.get(URL, {"q": "Kemendikdasmen"})) == ["RKT Kemendikdasmen 2024"]


def test_a_bad_year_is_reported_next_to_the_field_and_not_applied(client, plans, cast):
    client.force_login(cast.admin)
    response = client.get(URL, {"year": "tahun"})
    assert response.status_code == 200
    assert response.context["form"].errors["year"]
    assert len(titles(response)) == 2


def test_it_paginates(client, plans, cast, reference):
    for year in range(2021, 2024):
        cycle = Cycle.objects.create(programme=plans.programme, year=year)
        Plan.objects.create(cycle=cycle, owner=reference.ministry_a, title=f"RKT {year}")
    from selaras.plans.views import plan_list

    client.force_login(cast.planner_a)
    original = plan_list.PLANS_PER_PAGE
    plan_list.PLANS_PER_PAGE = 2
    try:
        first = client.get(URL)
        second = client.get(URL, {"page": "2"})
    finally:
        plan_list.PLANS_PER_PAGE = original
    assert len(first.context["plans"]) == 2
    assert len(second.context["plans"]) == 2
    assert set(titles(first)).isdisjoint(titles(second))
    assert "Halaman 1 dari 2" in first.content.decode()


def test_the_list_takes_a_bounded_number_of_queries(client, plans, cast, reference, django_assert_max_num_queries):
    for i in range(5):
        add_activity(plans, reference, cast.planner_a, title=f"Kegiatan {i}")
    for year in range(2021, 2024):
        cycle = Cycle.objects.create(programme=plans.programme, year=year)
        Plan.objects.create(cycle=cycle, owner=reference.ministry_a, title=f"RKT {year}")
    client.force_login(cast.admin)
    with django_assert_max_num_queries(15):
        response = client.get(URL)
    assert len(response.context["plans"]) == 5


def test_the_agency_column_is_named_in_the_singular(client, plans, cast):
    # A column holds one agency per row: "Agency", not the list page's "Agencies".
    # from the English catalogue itself (msgctxt "satu instansi"): a test that
    # wrote into the loaded catalogue and then deleted the entry left every
    # later test in the process without the real translation
    client.force_login(cast.planner_a)
    client.cookies["django_language"] = "en"
    html = client.get(URL).content.decode()
    assert '<th scope="col">Agency</th>' in html
    assert '<label for="id_owner">Agency</label>' in html
