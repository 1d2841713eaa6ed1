"""'Wilayah saya': a regional officer's region, its exports, its limits."""

from __future__ import annotations

import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

pytestmark = pytest.mark.django_db

URL = "/wilayah-saya/33/?tahun=2025"


def test_it_shows_only_the_central_activities_in_my_region(world, cast, client):
    client.force_login(cast.officer_jateng)
    html = client.get(URL).content.decode()
    assert "Kegiatan plan_b_jateng" in html
    assert "Kegiatan plan_a_papua" not in html
    # The region's own government's plan is not a central activity.
    assert "Kegiatan plan_pemprov" not in html


def test_one_click_from_home_reaches_my_region(world, cast, client):
    client.force_login(cast.officer_jateng)
    assert 'href="/wilayah-saya/"' in client.get("/").content.decode()
    response = client.get("/wilayah-saya/")
    assert response.status_code == 302 and response.url == "/wilayah-saya/33/"


def test_a_papua_officer_cannot_open_jawa_tengah(world, cast, client):
    client.force_login(cast.officer_papua)
    assert client.get(URL).status_code == 404
    assert client.get(URL + "&format=xlsx").status_code == 404


def test_a_planner_has_no_district(world, cast, client):
    client.force_login(cast.planner_a)
    assert client.get("/wilayah-saya/").status_code == 404
    assert 'href="/wilayah-saya/"' not in client.get("/").content.decode()


def test_the_regional_plan_and_findings_are_beside_the_activities(world, cast, client):
    client.force_login(cast.officer_jateng)
    html = client.get(URL).content.decode()
    assert "/rencana/daerah/33.02/2025/" in html
    # The duplication findings touching Jawa Tengah (33) and Banyumas (33.02).
    assert html.count('<li><span class="badge">') == 2


def test_findings_never_show_the_other_side_unredacted(world, cast, client):
    # Ministry B's Jawa Tengah plan against ministry A's activity in Papua,
    # which the Jawa Tengah officer may not read.
    client.force_login(cast.officer_jateng)
    html = client.get(URL).content.decode()
    assert "Kegiatan plan_a_papua" not in html


def test_the_excel_export_opens(world, cast, client):
    from openpyxl import load_workbook

    client.force_login(cast.officer_jateng)
    response = client.get(URL + "&format=xlsx")
    wb = load_workbook(io.BytesIO(response.content))
    text = " ".join(str(c.value) for ws in wb for row in ws.iter_rows() for c in row if c.value)
    assert "Kegiatan plan_b_jateng" in text
    assert "Kegiatan plan_a_papua" not in text


def test_the_pdf_export_opens(world, cast, client):
    client.force_login(cast.officer_jateng)
    response = client.get(URL + "&format=pdf")
    assert response.content.startswith(b"%PDF")


def test_villages_are_labelled_with_their_kecamatan_and_kabupaten(world, cast, reference, client):
    from selaras.plans.models import ActivityLocation
    from selaras.registry.models import Region, RegionLevel

    desa = Region.objects.create(
        code="33.02.01.2001", name="Desa Cingebul", level=RegionLevel.VILLAGE, parent=reference.banyumas_kec
    )
    location = world.records["plans.activitylocation"]["location_b_jateng"]
    ActivityLocation.objects.create(activity=location.activity, region=desa)
    client.force_login(cast.officer_jateng)
    html = client.get(URL).content.decode()
    assert "Desa Cingebul, Kec. Lumbir, Kabupaten Banyumas" in html


def test_the_page_reads_in_a_bounded_number_of_queries(world, cast, client, reference):
    from decimal import Decimal

    from selaras.plans import services as plan_services
    from selaras.plans.services import ActivityData, LocationData

    client.force_login(cast.officer_jateng)
    client.get(URL)

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(URL).status_code == 200
        return len(ctx.captured_queries)

    before = count()
    plan = world.records["plans.plan"]["plan_a_draft"]
    for i in range(5):
        plan_services.activity_create(
            plan=plan,
            by=cast.planner_a,
            data=ActivityData(
                title=f"Tambahan {i}",
                funding_source="apbn",
                budget=Decimal("1000"),
                locations=[LocationData(region=reference.cilacap, budget=Decimal("1000"))],
            ),
        )
    plan_services.plan_transition(plan=plan, action="submit", by=cast.planner_a)
    assert count() <= before + 2


def test_a_flag_raised_by_my_region_shows_on_the_page_and_in_my_tasks(world, cast, client):
    from selaras.flags.services import flag_raise
    from selaras.home.selectors import tasks_for

    activity = world.records["plans.activity"]["activity_b_jateng"]
    flag = flag_raise(activity=activity, by=cast.officer_jateng, reason="funded", comment="Sudah APBD.")
    assert "flags_waiting" in {t.kind for t in tasks_for(cast.officer_jateng).tasks}
    assert "flags_waiting" not in {t.kind for t in tasks_for(cast.officer_papua).tasks}
    client.force_login(cast.officer_jateng)
    assert f"/tanda/{flag.pk}/" in client.get(URL).content.decode()


def test_without_a_year_it_opens_on_the_latest_year_with_plans(world, cast, client):
    from selaras.home.district import default_year

    # The world has cycles of 2025 and 2026 only.
    assert default_year(cast.officer_jateng, 2026) == 2026
    assert default_year(cast.officer_jateng, 2030) == 2026
    assert default_year(cast.officer_jateng, 2020) == 2020
    client.force_login(cast.officer_jateng)
    assert client.get("/wilayah-saya/33/?tahun=99999999999").status_code == 200
