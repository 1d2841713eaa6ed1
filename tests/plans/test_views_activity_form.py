"""The activity form: create with locations, edit, stale edits, errors,
delete, and the region look-up behind the location picker."""

from decimal import Decimal

import pytest
from django.urls import reverse

from selaras.core.context import acting_as
from selaras.plans import services
from selaras.plans.models import Activity
from selaras.registry.models import Region, RegionLevel
from tests.plans.conftest import activity_data
from tests.plans.helpers import activity_post, add_activity, submit

pytestmark = pytest.mark.django_db


def create_url(plan):
    return reverse("plans:activity_create", args=[plan.pk])


def test_it_creates_an_activity_with_locations_and_indicators(client, plans, cast):
    client.force_login(cast.planner_a)
    data = activity_post(
        locations=[("33.02", "200000000", "80"), ("33.01", "100000000", "40")],
        indicators=[("Kader terlatih", "orang", "0", "120")],
        affair=str(plans.affair.pk),
    )
    response = client.post(create_url(plans.plan_a), data)
    assert response.status_code == 302
    activity = Activity.objects.get(plan=plans.plan_a)
    assert activity.title == "Pelatihan kader Posyandu"
    assert activity.affair == plans.affair
    assert activity.quarters == [2, 3]
    assert {(loc.region.code, loc.budget, loc.target_share) for loc in activity.locations.all()} == {
        ("33.02", Decimal("200000000"), Decimal("80")),
        ("33.01", Decimal("100000000"), Decimal("40")),
    }
    (indicator,) = activity.indicators.all()
    assert (indicator.indicator, indicator.unit, indicator.target) == ("Kader terlatih", "orang", Decimal("120"))
    assert response["Location"].endswith(f"#kegiatan-{activity.pk}")


def test_the_form_page_renders_with_the_picker(client, plans, cast):
    client.force_login(cast.planner_a)
    response = client.get(create_url(plans.plan_a))
    html = response.content.decode()
    assert response.status_code == 200
    assert 'class="region-picker"' in html
    assert reverse("plans:region_search") in html
    assert "region-picker.js" in html
    assert "style=" not in html


def test_an_unknown_region_code_is_reported_on_its_row_and_nothing_is_saved(client, plans, cast):
    client.force_login(cast.planner_a)
    data = activity_post(locations=[("33.02", "200000000", ""), ("99.99", "100000000", "")])
    response = client.post(create_url(plans.plan_a), data)
    assert response.status_code == 400
    assert "Wilayah dengan kode 99.99 tidak ada atau sudah tidak berlaku." in response.content.decode()
    assert not Activity.objects.exists()
    # The user's input stays in the form.
    assert 'value="99.99"' in response.content.decode()


def test_location_budgets_that_do_not_add_up_are_shown_by_the_locations(client, plans, cast):
    client.force_login(cast.planner_a)
    data = activity_post(budget="300000000", locations=[("33.02", "100000000", ""), ("33.01", "100000000", "")])
    response = client.post(create_url(plans.plan_a), data)
    assert response.status_code == 400
    assert "tidak sama dengan anggaran kegiatan" in " ".join(response.context["locations"].service_errors)
    assert not Activity.objects.exists()


def test_a_missing_title_is_shown_next_to_the_field(client, plans, cast):
    client.force_login(cast.planner_a)
    response = client.post(create_url(plans.plan_a), activity_post(title=""))
    assert response.status_code == 400
    assert response.context["form"].errors["title"]


def test_another_ministrys_planner_cannot_open_the_form(client, plans, cast):
    client.force_login(cast.planner_b)
    assert client.get(create_url(plans.plan_a)).status_code == 404
    assert client.post(create_url(plans.plan_a), activity_post()).status_code == 404
    assert not Activity.objects.exists()


def test_a_submitted_plan_is_locked(client, plans, cast, reference):
    activity = add_activity(plans, reference, cast.planner_a)
    submit(plans.plan_a, cast.planner_a)
    client.force_login(cast.planner_a)
    response = client.get(reverse("plans:activity_edit", args=[activity.pk]), follow=True)
    assert response.redirect_chain[-1][0] == reverse("plans:plan_detail", args=[plans.plan_a.pk])
    assert any("terkunci" in str(m) for m in response.context["messages"])


def test_the_edit_form_is_filled_in_from_the_activity(client, plans, cast, reference):
    activity = add_activity(plans, reference, cast.planner_a)
    client.force_login(cast.planner_a)
    response = client.get(reverse("plans:activity_edit", args=[activity.pk]))
    assert response.context["form"].initial["version"] == activity.version
    assert [f.initial["region"] for f in response.context["locations"].initial_forms] == ["33.01", "33.02"]
    html = response.content.decode()
    assert "Kabupaten Banyumas" in html
    assert 'value="Kader terlatih"' in html


def test_editing_keeps_untouched_locations(client, plans, cast, reference):
    activity = add_activity(plans, reference, cast.planner_a)
    client.force_login(cast.planner_a)
    data = activity_post(
        title="Pelatihan kader Posyandu terpadu",
        locations=[("33.01", "100000000", ""), ("33.02", "200000000", "")],
        indicators=[("Kader terlatih", "orang", "0", "150")],
        initial_locations=2,
        initial_indicators=1,
        version=activity.version,
    )
    response = client.post(reverse("plans:activity_edit", args=[activity.pk]), data)
    assert response.status_code == 302
    activity.refresh_from_db()
    assert activity.title == "Pelatihan kader Posyandu terpadu"
    assert activity.locations.count() == 2
    assert activity.indicators.get().target == Decimal("150")


def test_a_stale_edit_keeps_the_input_and_lists_what_changed(client, plans, cast, reference):
    activity = add_activity(plans, reference, cast.planner_a)
    loaded = activity.version
    with acting_as(cast.planner_a, "web"):
        services.activity_update(
            activity=activity,
            by=cast.planner_a,
            expected_version=loaded,
            data=activity_data(reference, plans.affair, title="Judul dari rekan kerja"),
        )
    client.force_login(cast.planner_a)
    data = activity_post(
        title="Judul saya sendiri",
        locations=[("33.01", "100000000", ""), ("33.02", "200000000", "")],
        initial_locations=2,
        version=loaded,
    )
    response = client.post(reverse("plans:activity_edit", args=[activity.pk]), data)
    assert response.status_code == 409
    html = response.content.decode()
    assert "telah diubah oleh perencana_a" in html
    # What changed meanwhile: who, and the field before → after.
    stale = response.context["stale"]
    (change,) = stale["changes"]
    assert change["by"] == "perencana_a"
    title_row = next(row for row in change["fields"] if row["after"] == "Judul dari rekan kerja")
    assert title_row["before"] == "Pelatihan kader Posyandu"
    assert "Judul dari rekan kerja" in html
    # Nothing the user typed is lost, and a second save is possible.
    assert 'value="Judul saya sendiri"' in html
    assert response.context["form"]["version"].value() == str(activity.version + 1)
    activity.refresh_from_db()
    assert activity.title == "Judul dari rekan kerja"
    data["version"] = str(activity.version)
    assert client.post(reverse("plans:activity_edit", args=[activity.pk]), data).status_code == 302
    activity.refresh_from_db()
    assert activity.title == "Judul saya sendiri"


def test_delete_asks_first_then_deletes(client, plans, cast, reference):
    activity = add_activity(plans, reference, cast.planner_a)
    client.force_login(cast.planner_a)
    url = reverse("plans:activity_delete", args=[activity.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert "Hapus kegiatan?" in page.content.decode()
    assert Activity.objects.filter(pk=activity.pk).exists()
    response = client.post(url, {"version": activity.version})
    assert response.status_code == 302
    assert not Activity.objects.filter(pk=activity.pk).exists()


def test_a_stale_delete_is_refused(client, plans, cast, reference):
    activity = add_activity(plans, reference, cast.planner_a)
    client.force_login(cast.planner_a)
    response = client.post(
        reverse("plans:activity_delete", args=[activity.pk]), {"version": activity.version - 1}, follow=True
    )
    assert Activity.objects.filter(pk=activity.pk).exists()
    assert any("telah diubah" in str(m) for m in response.context["messages"])


def test_region_search_finds_current_regions_by_name_and_code(client, cast, reference):
    Region.objects.create(
        code="33.99",
        name="Kabupaten Banyumas Lama",
        level=RegionLevel.REGENCY,
        parent=reference.jateng,
        valid_until="2020-01-01",
    )
    client.force_login(cast.planner_a)
    url = reverse("plans:region_search")
    by_name = client.get(url, {"q": "banyumas"}).json()["results"]
    assert [r["code"] for r in by_name] == ["33.02"]
    assert by_name[0]["parent"] == "Jawa Tengah"
    by_code = client.get(url, {"q": "33"}).json()["results"]
    assert [r["code"] for r in by_code][:1] == ["33"]  # the province first
    assert "33.99" not in [r["code"] for r in by_code]
    children = client.get(url, {"parent": "33", "level": "kabkota"}).json()["results"]
    assert [r["code"] for r in children] == ["33.01", "33.02"]
    assert client.get(url, {"q": "a"}).json()["results"] == []


# --- delegated activities ------------------------------------------------------------------
@pytest.fixture
def dekon_plan(reference):
    from selaras.plans.models import Cycle, Plan, Programme, ProgrammeKind
    from selaras.registry.models import Agency, AgencyKind

    programme = Programme.objects.create(
        code="DK-KES", name="Dekonsentrasi Kesehatan", kind=ProgrammeKind.DEKON_BINWAS,
        coordinator=reference.supd4, start_year=2024, end_year=2026,
    )  # fmt: skip
    cycle = Cycle.objects.create(programme=programme, year=2025)
    # State institutions and a regency are in the register too; none receives deconcentration.
    Agency.objects.create(code="002", name="Dewan Perwakilan Rakyat", short_name="DPR", kind=AgencyKind.MINISTRY)
    Agency.objects.create(
        code="pemda.33.02", name="Pemerintah Kabupaten Banyumas", short_name="Pemkab Banyumas",
        kind=AgencyKind.REGIONAL_GOVERNMENT, region=reference.banyumas,
    )  # fmt: skip
    return Plan.objects.create(cycle=cycle, owner=reference.ministry_a, title="Dekon Kemenkes 2025")


def test_a_dekon_activity_offers_only_provincial_governments_as_recipient(client, dekon_plan, cast, reference):
    client.force_login(cast.planner_a)
    form = client.get(create_url(dekon_plan)).context["form"]
    assert list(form.fields["recipient"].queryset) == [reference.pemprov_jateng]


def test_a_dekon_activity_without_recipient_or_content_is_refused(client, dekon_plan, cast, reference):
    client.force_login(cast.planner_a)
    response = client.post(create_url(dekon_plan), activity_post(locations=[("33", "300000000", "100")]))
    assert response.status_code == 400
    html = response.content.decode()
    assert "wajib menyebut pemerintah penerima" in html
    assert "wajib menyebut muatan pelimpahan" in html
    assert not Activity.objects.filter(plan=dekon_plan).exists()


def test_the_service_refuses_a_state_institution_as_recipient(dekon_plan, cast, reference):
    from django.core.exceptions import ValidationError

    from selaras.registry.models import Agency

    data = activity_data(reference, locations=[])
    data.recipient = Agency.objects.get(short_name="DPR")
    data.delegated_content = "pembinaan"
    with acting_as(cast.planner_a, "test"), pytest.raises(ValidationError) as error:
        services.activity_create(plan=dekon_plan, by=cast.planner_a, data=data)
    assert "tidak dapat menerima" in error.value.message_dict["recipient"][0]

    data.recipient = reference.pemprov_jateng
    with acting_as(cast.planner_a, "test"):
        assert (
            services.activity_create(plan=dekon_plan, by=cast.planner_a, data=data).recipient
            == reference.pemprov_jateng
        )


# --- the likely-duplicates look-up beside the title -----------------------------------------
def test_the_duplicate_lookup_sends_the_year_and_the_chosen_locations(client, plans, cast):
    client.force_login(cast.planner_a)
    html = client.get(create_url(plans.plan_a)).content.decode()
    assert 'name="year" id="similar-year" value="2024"' in html
    assert "#similar-year, #location-rows input.location-code" in html


def test_the_duplicate_lookup_narrows_to_the_form_s_locations(client, plans, cast, monkeypatch):
    from selaras.sync import similarity_service

    asked = []
    monkeypatch.setattr(
        similarity_service, "lookup", lambda title, year, region, limit, user: asked.append((year, region)) or []
    )
    client.force_login(cast.planner_a)
    url = reverse("sync:similar_titles")
    client.get(url, {"title": "Pelatihan kader", "year": "2024", "loc-0-region": "33.02", "loc-1-region": "33.01"})
    assert asked == [(2024, "33.02"), (2024, "33.01")]


def test_the_duplicate_lookup_says_when_there_are_none(client, plans, cast):
    client.force_login(cast.planner_a)
    url = reverse("sync:similar_titles")
    html = client.get(url, {"title": "Pelatihan kader Posyandu", "year": "2031"}).content.decode()
    assert "Tidak ada kemungkinan duplikat." in html
    assert "Tidak ada kemungkinan duplikat." not in client.get(url, {"title": "Pel"}).content.decode()
