"""Plan selectors: the filtered list with totals, the regional matrix and
the agency page, each scoped to the user and bounded in queries."""

from __future__ import annotations

from decimal import Decimal

import pytest

from selaras.core.context import acting_as
from selaras.plans import selectors, services
from selaras.plans.selectors import PlanFilters
from selaras.plans.services import LocationData
from tests.plans.conftest import activity_data


@pytest.fixture
def planned(plans, cast, reference):
    """plan_a submitted with two activities (Banyumas+Cilacap, and Banyumas
    + Jayapura); plan_b a draft with one activity in Banyumas."""
    with acting_as(cast.planner_a, "test"):
        services.activity_create(plan=plans.plan_a, by=cast.planner_a, data=activity_data(reference, plans.affair))
        services.activity_create(
            plan=plans.plan_a,
            by=cast.planner_a,
            data=activity_data(
                reference,
                None,
                title="Kampanye imunisasi",
                budget="90000000",
                locations=[
                    LocationData(reference.banyumas, Decimal("40000000")),
                    LocationData(reference.jayapura, Decimal("50000000")),
                ],
            ),
        )
        services.plan_transition(plan=plans.plan_a, action="submit", by=cast.planner_a)
    with acting_as(cast.planner_b, "test"):
        services.activity_create(
            plan=plans.plan_b,
            by=cast.planner_b,
            data=activity_data(
                reference,
                None,
                title="Rehabilitasi ruang kelas",
                budget="70000000",
                locations=[LocationData(reference.banyumas, Decimal("70000000"))],
            ),
        )
    return plans


def test_the_plan_list_carries_totals_without_a_query_per_plan(planned, cast, django_assert_max_num_queries):
    with django_assert_max_num_queries(3):
        rows = list(selectors.plans_for(cast.admin))
        summary = [(p.owner.code, p.cycle.programme.code, p.budget_total, p.activity_count) for p in rows]
    assert sorted(summary) == [
        ("024", "RI-UNICEF-2021", Decimal("390000000"), 2),
        ("139", "RI-UNICEF-2021", Decimal("70000000"), 1),
    ]


def test_region_and_search_filters_do_not_inflate_totals(planned, cast):
    (plan,) = selectors.plans_for(cast.admin, PlanFilters(region="33", q="imunisasi"))
    assert plan.pk == planned.plan_a.pk
    assert plan.budget_total == Decimal("390000000") and plan.activity_count == 2


def test_the_plan_list_never_shows_another_ministrys_draft(planned, cast):
    assert [p.pk for p in selectors.plans_for(cast.planner_a)] == [planned.plan_a.pk]
    assert [p.pk for p in selectors.plans_for(cast.planner_b)] == [planned.plan_b.pk]
    assert list(selectors.plans_for(cast.officer_papua, PlanFilters(status="draft"))) == []


def test_the_filters_reject_a_bad_year_by_name():
    with pytest.raises(ValueError, match="year"):
        PlanFilters.from_params({"year": "duaribu"})


def test_the_region_matrix_lists_readable_activities_with_the_share_in_the_region(
    planned, cast, reference, django_assert_max_num_queries
):
    with django_assert_max_num_queries(3):
        matrix = selectors.region_matrix(cast.officer_jateng, "33", 2024)
        rows = [
            (
                r.agency.code,
                r.activity.title,
                r.affair_code,
                [loc.code for loc in r.locations],
                r.budget_in_region,
                r.status,
            )
            for r in matrix.rows
        ]
    # Ordered by affair (activities without one last), then agency; plan_b is
    # Jawa Tengah's to see only once submitted.
    assert rows == [
        ("024", "Pelatihan kader Posyandu", "1.02.01", ["33.01", "33.02"], Decimal("300000000"), "submitted"),
        ("024", "Kampanye imunisasi", "", ["33.02"], Decimal("40000000"), "submitted"),
    ]
    assert matrix.total_budget == Decimal("340000000")
    assert matrix.agency_count == 1 and matrix.activity_count == 2


def test_the_region_matrix_narrows_to_a_district_and_respects_the_year(planned, cast, reference):
    matrix = selectors.region_matrix(cast.admin, reference.banyumas, 2024)
    assert {r.activity.title for r in matrix.rows} == {
        "Pelatihan kader Posyandu",
        "Kampanye imunisasi",
        "Rehabilitasi ruang kelas",
    }
    assert matrix.total_budget == Decimal("200000000") + Decimal("40000000") + Decimal("70000000")
    assert selectors.region_matrix(cast.admin, reference.banyumas, 2025).rows == []
    papua = selectors.region_matrix(cast.officer_papua, "91", 2024)
    assert [(r.activity.title, r.budget_in_region) for r in papua.rows] == [("Kampanye imunisasi", Decimal("50000000"))]


def test_the_agency_page_sums_plans_of_the_agency_and_its_units(
    planned, cast, reference, django_assert_max_num_queries
):
    selectors.plans_for(cast.coordinator).exists()  # memberships are read once per request
    with django_assert_max_num_queries(5):
        page = selectors.agency_plans(cast.coordinator, reference.ministry_a)
    assert [p.pk for p in page.plans] == [planned.plan_a.pk]
    assert page.budget_total == Decimal("390000000") and page.activity_count == 2
    assert page.budget_by_province == [
        ("33", "Jawa Tengah", Decimal("340000000")),
        ("91", "Papua", Decimal("50000000")),
    ]
    assert selectors.agency_plans(cast.coordinator, reference.ministry_b).plans == []
