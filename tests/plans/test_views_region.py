"""The region's coordination matrix and the agency page."""

import pytest
from django.urls import reverse

from selaras.plans.models import Plan
from selaras.plans.services import LocationData
from tests.plans.helpers import add_activity, submit

pytestmark = pytest.mark.django_db


def matrix_url(code="33", year=2024):
    return reverse("plans:region_matrix", args=[code]) + f"?tahun={year}"


@pytest.fixture
def planned(plans, cast, reference):
    """Kemenkes: one submitted activity in Banyumas and Cilacap. Kemendikdasmen:
    one draft activity in Banyumas."""
    a = add_activity(plans, reference, cast.planner_a)
    submit(plans.plan_a, cast.planner_a)
    b = add_activity(
        plans,
        reference,
        cast.planner_b,
        plan=plans.plan_b,
        title="Rehabilitasi ruang kelas",
        budget="90000000",
        locations=[LocationData(reference.banyumas, 90_000_000)],
    )
    return a, b


def test_the_coordinator_sees_the_submitted_activity_in_the_province(client, cast, planned):
    submitted, draft = planned
    client.force_login(cast.coordinator)
    response = client.get(matrix_url())
    assert response.status_code == 200
    rows = response.context["matrix"].rows
    assert [r.activity.pk for r in rows] == [submitted.pk]
    html = response.content.decode()
    assert submitted.title in html
    assert draft.title not in html
    assert "Rp300.000.000" in html
    assert reverse("plans:plan_detail", args=[submitted.plan_id]) in html


def test_a_regency_page_counts_only_the_share_inside_it(client, cast, planned):
    client.force_login(cast.coordinator)
    response = client.get(matrix_url("33.02"))
    (row,) = response.context["matrix"].rows
    assert [loc.code for loc in row.locations] == ["33.02"]
    assert "Rp200.000.000" in response.content.decode()


def test_another_planner_never_sees_a_draft_in_the_matrix(client, cast, planned):
    submitted, draft = planned
    client.force_login(cast.planner_b)
    rows = client.get(matrix_url()).context["matrix"].rows
    assert draft.pk in [r.activity.pk for r in rows]
    # planner_b sees Kemenkes's activity only because it is submitted.
    Plan.objects.filter(pk=submitted.plan_id).update(status="draft")
    rows = client.get(matrix_url()).context["matrix"].rows
    assert [r.activity.pk for r in rows] == [draft.pk]


def test_the_regional_officer_of_papua_sees_nothing_in_jawa_tengah(client, cast, planned):
    client.force_login(cast.officer_papua)
    response = client.get(matrix_url())
    assert response.context["matrix"].rows == []
    assert "Belum ada kegiatan" in response.content.decode()


def test_rows_are_grouped_by_affair_with_totals(client, plans, cast, reference, planned):
    add_activity(
        plans,
        reference,
        cast.planner_b,
        plan=plans.plan_b,
        title="Tanpa urusan",
        budget="10000000",
        affair=None,
        locations=[LocationData(reference.cilacap, 10_000_000)],
    )
    submit(plans.plan_b, cast.planner_b)
    client.force_login(cast.coordinator)
    response = client.get(matrix_url())
    groups = response.context["groups"]
    totals = {g["code"]: g["total"] for g in groups}
    assert totals == {"1.02.01": 390_000_000, "": 10_000_000}
    agencies = {a["agency"].code: a["total"] for a in response.context["agency_totals"]}
    assert agencies == {"024": 300_000_000, "139": 100_000_000}
    assert "Rp400.000.000" in response.content.decode()


def test_a_non_numeric_year_is_a_404(client, cast, planned):
    client.force_login(cast.coordinator)
    assert client.get(reverse("plans:region_matrix", args=["33"]), {"tahun": "x"}).status_code == 404


def test_the_region_page_links_to_the_matrix(client, cast, reference):
    client.force_login(cast.officer_jateng)
    html = client.get(reverse("registry:region_detail", args=["33"])).content.decode()
    assert reverse("plans:region_matrix", args=["33"]) in html


def test_the_matrix_takes_a_bounded_number_of_queries(client, plans, cast, reference, django_assert_max_num_queries):
    for i in range(8):
        add_activity(plans, reference, cast.planner_a, title=f"Kegiatan {i}")
    submit(plans.plan_a, cast.planner_a)
    client.force_login(cast.coordinator)
    with django_assert_max_num_queries(15):
        response = client.get(matrix_url())
    assert len(response.context["matrix"].rows) == 8


def test_the_matrix_takes_as_many_queries_for_60_activities_as_for_10(client, plans, cast, reference):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries_with(n):
        while Plan.objects.get(pk=plans.plan_a.pk).activities.count() < n:
            add_activity(plans, reference, cast.planner_a, title="Kegiatan tambahan")
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(matrix_url())
        assert len(response.context["matrix"].rows) == n
        return len(ctx)

    client.force_login(cast.planner_a)  # the owner reads the draft plan it keeps adding to
    assert queries_with(10) == queries_with(60)


def test_the_matrix_rows_escape_what_planners_typed(client, plans, cast, reference):
    activity = add_activity(plans, reference, cast.planner_a, title="<script>alert(1)</script> & <b>kader</b>")
    submit(plans.plan_a, cast.planner_a)
    client.force_login(cast.coordinator)
    html = client.get(matrix_url()).content.decode()
    assert "<script>alert(1)" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;kader&lt;/b&gt;" in html
    assert f'href="{reverse("plans:plan_detail", args=[plans.plan_a.pk])}#kegiatan-{activity.pk}"' in html
    assert f'href="{reverse("plans:agency_plans", args=["024"])}"' in html


def test_the_agency_page_lists_plans_with_totals(client, plans, cast, planned):
    client.force_login(cast.coordinator)
    response = client.get(reverse("plans:agency_plans", args=["024"]))
    assert response.status_code == 200
    result = response.context["result"]
    assert [p.pk for p in result.plans] == [plans.plan_a.pk]
    assert result.budget_total == 300_000_000
    html = response.content.decode()
    assert "Program Kerja Sama RI–UNICEF 2021–2025" in html
    assert "Rp300.000.000" in html
    assert "Jawa Tengah" in html


def test_the_agency_page_hides_another_ministrys_draft(client, plans, cast):
    client.force_login(cast.planner_b)
    response = client.get(reverse("plans:agency_plans", args=["024"]))
    assert response.context["result"].plans == []
    assert "RKT Kemenkes 2024" not in response.content.decode()


def test_without_a_year_it_shows_the_latest_cycle_when_none_runs_this_year(client, cast, planned, plans):
    client.force_login(cast.coordinator)
    response = client.get(reverse("plans:region_matrix", args=["33"]))
    # The only cycle is 2024's, whatever year the test runs in.
    assert response.context["year"] == 2024
    assert len(response.context["matrix"].rows) == 1
