"""The flag pages: raising one from the plan's flags page, answering it."""

from __future__ import annotations

import pytest
from django.urls import reverse

from selaras.flags.models import Flag, FlagStatus

pytestmark = pytest.mark.django_db


def test_the_plan_page_links_to_its_flags(client, stage, cast):
    client.force_login(cast.officer_jateng)
    response = client.get(reverse("plans:plan_detail", args=[stage.plan_b.pk]))
    assert reverse("flags:plan", args=[stage.plan_b.pk]) in response.content.decode()


def test_an_officer_sees_tandai_on_activities_in_their_region(client, stage, cast):
    client.force_login(cast.officer_jateng)
    response = client.get(reverse("flags:plan", args=[stage.plan_b.pk]))
    assert response.status_code == 200
    assert reverse("flags:create", args=[stage.activity_jateng.pk]) in response.content.decode()


def test_a_planner_sees_no_tandai(client, stage, cast):
    client.force_login(cast.planner_b)
    response = client.get(reverse("flags:plan", args=[stage.plan_b.pk]))
    assert response.status_code == 200
    assert reverse("flags:create", args=[stage.activity_jateng.pk]) not in response.content.decode()


def test_an_officer_raises_a_flag(client, stage, cast):
    client.force_login(cast.officer_jateng)
    url = reverse("flags:create", args=[stage.activity_jateng.pk])
    response = client.post(url, {"reason": "wrong_location", "comment": "Lokasinya di Cilacap, bukan Banyumas."})
    flag = Flag.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("flags:detail", args=[flag.pk])
    assert flag.author == cast.officer_jateng and flag.reason == "wrong_location"


@pytest.mark.parametrize("who", ["officer_jateng", "officer_papua", "planner_a"])
def test_flagging_an_activity_outside_my_region_is_not_found(client, stage, cast, who):
    client.force_login(getattr(cast, who))
    activity = stage.activity_papua if who == "officer_jateng" else stage.activity_jateng
    response = client.post(reverse("flags:create", args=[activity.pk]), {"reason": "funded", "comment": "x"})
    assert response.status_code == 404
    assert not Flag.objects.exists()


def test_the_owning_planner_answers_on_the_flag_page(client, flag, cast):
    client.force_login(cast.planner_b)
    page = client.get(reverse("flags:detail", args=[flag.pk]))
    assert reverse("flags:act", args=[flag.pk, "answer"]) in page.content.decode()
    client.post(reverse("flags:act", args=[flag.pk, "answer"]), {"text": "Kami tinjau ulang."})
    flag.refresh_from_db()
    assert flag.status == FlagStatus.ANSWERED


def test_another_regions_officer_does_not_find_the_flag(client, flag, cast):
    client.force_login(cast.officer_papua)
    assert client.get(reverse("flags:detail", args=[flag.pk])).status_code == 404


def test_the_coordinator_is_offered_to_make_it_a_finding(client, flag, cast):
    client.force_login(cast.coordinator)
    page = client.get(reverse("flags:detail", args=[flag.pk])).content.decode()
    assert reverse("sync:finding_from_flag", args=[flag.pk]) in page


def test_the_api_lists_a_flag_to_the_owning_planner_only(client, flag, cast):
    client.force_login(cast.planner_b)
    assert [f["id"] for f in client.get("/api/flags/").json()["results"]] == [flag.pk]
    client.force_login(cast.planner_a)
    assert client.get("/api/flags/").json()["results"] == []


def test_the_plan_flags_page_reads_as_many_queries_for_five_activities_as_for_one(client, stage, cast, reference):
    from decimal import Decimal

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from selaras.plans.models import Activity, ActivityLocation

    client.force_login(cast.officer_jateng)
    url = reverse("flags:plan", args=[stage.plan_b.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    added = []
    for n, region in enumerate([reference.banyumas, reference.cilacap, reference.banyumas_kec, reference.jayapura]):
        activity = Activity.objects.create(plan=stage.plan_b, title=f"Kegiatan tambahan {n}", position=10 + n)
        ActivityLocation.objects.create(activity=activity, region=region, budget=Decimal("1"))
        added.append(activity)
    with CaptureQueriesContext(connection) as five:
        html = client.get(url).content.decode()
    assert len(five) == len(one)
    # the three in Jawa Tengah may be flagged by its officer, the one in Papua not
    assert [reverse("flags:create", args=[a.pk]) in html for a in added] == [True, True, True, False]
