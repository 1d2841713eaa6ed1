"""Creating an agency's plan in a cycle, and editing a plan's title and
notes with the stale-edit guard."""

from __future__ import annotations

import pytest
from django.urls import reverse

from selaras.core.context import acting_as
from selaras.plans import services
from selaras.plans.models import Plan
from selaras.registry.models import Agency, AgencyKind
from tests.plans.helpers import add_activity, submit

pytestmark = pytest.mark.django_db


@pytest.fixture
def open_cycle(plans):
    """A 2025 cycle of the same programme with no plans yet."""
    from selaras.plans.models import Cycle

    return Cycle.objects.create(programme=plans.programme, year=2025)


def create_url(cycle):
    return reverse("plans:plan_create", args=[cycle.pk])


# --- creating -------------------------------------------------------------------
def test_a_planner_creates_the_plan_of_its_own_ministry(client, open_cycle, cast, reference):
    client.force_login(cast.planner_a)
    page = client.get(create_url(open_cycle))
    owners = list(page.context["form"].fields["owner"].queryset)
    assert owners == [reference.ministry_a, reference.ministry_a_unit]
    response = client.post(create_url(open_cycle), {"owner": reference.ministry_a.pk, "title": "RKT Kemenkes 2025"})
    plan = Plan.objects.get(cycle=open_cycle)
    assert response.status_code == 302 and response["Location"] == reverse("plans:plan_detail", args=[plan.pk])
    assert (plan.owner, plan.title, plan.status) == (reference.ministry_a, "RKT Kemenkes 2025", "draft")


def test_a_planner_cannot_create_a_plan_for_another_ministry(client, open_cycle, cast, reference):
    client.force_login(cast.planner_a)
    response = client.post(create_url(open_cycle), {"owner": reference.ministry_b.pk})
    assert response.status_code == 400
    assert response.context["form"].errors["owner"]
    assert not Plan.objects.filter(cycle=open_cycle).exists()


def test_a_regional_officer_creates_the_plan_of_its_government(client, open_cycle, cast, reference):
    client.force_login(cast.officer_jateng)
    owners = list(client.get(create_url(open_cycle)).context["form"].fields["owner"].queryset)
    assert owners == [reference.pemprov_jateng]
    client.post(create_url(open_cycle), {"owner": reference.pemprov_jateng.pk})
    assert Plan.objects.get(cycle=open_cycle).owner == reference.pemprov_jateng


def test_the_cycle_page_offers_plan_creation_only_to_those_who_may(client, open_cycle, cast):
    url = reverse("plans:cycle_detail", args=[open_cycle.pk])
    for user, expected in (
        (cast.planner_a, True),
        (cast.officer_jateng, True),
        (cast.coordinator, False),
        (cast.viewer, False),
    ):
        client.force_login(user)
        html = client.get(url).content.decode()
        assert (create_url(open_cycle) in html) is expected, user
    client.force_login(cast.coordinator)
    assert client.get(create_url(open_cycle)).status_code == 403


def test_an_agency_with_a_plan_in_the_cycle_is_not_offered_again(client, plans, cast, reference):
    client.force_login(cast.planner_a)
    owners = list(client.get(create_url(plans.cycle)).context["form"].fields["owner"].queryset)
    assert owners == [reference.ministry_a_unit]


def test_a_restructured_ministry_is_not_offered_after_it_ended(client, open_cycle, cast, reference):
    Agency.objects.filter(pk=reference.ministry_a_unit.pk).update(valid_until_year=2024)
    client.force_login(cast.planner_a)
    owners = list(client.get(create_url(open_cycle)).context["form"].fields["owner"].queryset)
    assert owners == [reference.ministry_a]
    assert reference.ministry_a_unit.kind == AgencyKind.UNIT


def test_a_closed_cycle_takes_no_new_plan(client, open_cycle, cast, reference):
    open_cycle.is_open = False
    open_cycle.save()
    client.force_login(cast.planner_a)
    response = client.post(create_url(open_cycle), {"owner": reference.ministry_a.pk})
    assert response.status_code == 302
    assert not Plan.objects.filter(cycle=open_cycle).exists()


# --- header edit -----------------------------------------------------------------
def edit_url(plan):
    return reverse("plans:plan_edit", args=[plan.pk])


def test_the_owner_edits_title_and_notes(client, plans, cast):
    client.force_login(cast.planner_a)
    page = client.get(edit_url(plans.plan_a))
    assert page.context["form"].initial["version"] == plans.plan_a.version
    response = client.post(
        edit_url(plans.plan_a),
        {"title": "RKT Kemenkes 2024 (revisi)", "notes": "Catatan baru", "version": plans.plan_a.version},
    )
    assert response.status_code == 302
    plans.plan_a.refresh_from_db()
    assert (plans.plan_a.title, plans.plan_a.notes) == ("RKT Kemenkes 2024 (revisi)", "Catatan baru")


def test_a_stale_header_edit_keeps_the_input_and_shows_what_changed(client, plans, cast):
    loaded = plans.plan_a.version
    with acting_as(cast.planner_a, "test"):
        services.plan_update(
            plan=plans.plan_a, by=cast.planner_a, expected_version=loaded, title="Judul rekan", notes=""
        )
    client.force_login(cast.planner_a)
    response = client.post(edit_url(plans.plan_a), {"title": "Judul saya", "notes": "", "version": loaded})
    assert response.status_code == 409
    html = response.content.decode()
    assert 'value="Judul saya"' in html and "Judul rekan" in html
    plans.plan_a.refresh_from_db()
    assert plans.plan_a.title == "Judul rekan"
    # Saving again with the version shown is a deliberate overwrite.
    assert response.context["form"]["version"].value() == str(plans.plan_a.version)
    again = client.post(edit_url(plans.plan_a), {"title": "Judul saya", "notes": "", "version": plans.plan_a.version})
    assert again.status_code == 302
    plans.plan_a.refresh_from_db()
    assert plans.plan_a.title == "Judul saya"


def test_a_title_too_long_is_shown_next_to_the_field(client, plans, cast):
    client.force_login(cast.planner_a)
    response = client.post(edit_url(plans.plan_a), {"title": "x" * 300, "notes": "", "version": plans.plan_a.version})
    assert response.status_code == 400 and response.context["form"].errors["title"]
    plans.plan_a.refresh_from_db()
    assert plans.plan_a.title == "RKT Kemenkes 2024"


def test_a_planner_of_another_ministry_cannot_edit_the_header(client, plans, cast):
    client.force_login(cast.planner_b)
    assert client.get(edit_url(plans.plan_a)).status_code == 404
    assert client.post(edit_url(plans.plan_a), {"title": "Diambil alih", "notes": ""}).status_code == 404
    plans.plan_a.refresh_from_db()
    assert plans.plan_a.title == "RKT Kemenkes 2024"


def test_a_submitted_plan_header_is_locked(client, plans, cast, reference):
    add_activity(plans, reference, cast.planner_a)
    submit(plans.plan_a, cast.planner_a)
    client.force_login(cast.planner_a)
    response = client.post(edit_url(plans.plan_a), {"title": "Diubah", "notes": "", "version": 99})
    assert response.status_code == 302
    plans.plan_a.refresh_from_db()
    assert plans.plan_a.title == "RKT Kemenkes 2024"
    html = client.get(reverse("plans:plan_detail", args=[plans.plan_a.pk])).content.decode()
    assert edit_url(plans.plan_a) not in html
