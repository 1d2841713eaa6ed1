"""The activity form carries the recipient level and the matrix item: the
level for delegated activities (checked by the plans service), the item
suggested from the title, description and affair, confirmable or changed."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from selaras.core.context import acting_as
from selaras.plans import services
from selaras.plans.models import Activity, Cycle, Plan, Programme, ProgrammeKind
from tests.plans.conftest import activity_data
from tests.plans.helpers import activity_post


def delegation_plan(reference, kind=ProgrammeKind.DEKON_BINWAS) -> Plan:
    programme = Programme.objects.create(
        code=f"P-{kind}", name=f"Program {kind}", kind=kind, coordinator=reference.supd4, start_year=2024, end_year=2026
    )
    cycle = Cycle.objects.create(programme=programme, year=2025)
    return Plan.objects.create(cycle=cycle, owner=reference.ministry_a, title=f"Rencana {kind}")


@pytest.fixture
def items(plans):
    from selaras.registry.models import AuthorityRule

    def item(level, position, text):
        return AuthorityRule.objects.create(affair=plans.affair, level=level, position=position, text=text)

    return {
        "pusat": item("pusat", 1, "Pengelolaan UKP rujukan nasional/lintas Daerah provinsi"),
        "provinsi": item("provinsi", 1, "Pengelolaan UKP rujukan tingkat Daerah provinsi/lintas Daerah kabupaten/kota"),
        "kabkota": item("kabkota", 1, "Pengelolaan UKM dan UKP Daerah kabupaten/kota"),
        "imunisasi": item("kabkota", 2, "Penyelenggaraan imunisasi dan surveilans penyakit menular"),
    }


def delegated_post(reference, affair, **extra):
    return activity_post(
        locations=[("33", "300000000", "100")],
        affair=str(affair.pk),
        recipient=str(reference.pemprov_jateng.pk),
        delegated_content="pembinaan",
        **extra,
    )


def test_the_dekon_form_shows_the_level_and_saves_it_with_the_confirmed_item(client, plans, cast, reference, items):
    plan = delegation_plan(reference)
    client.force_login(cast.planner_a)
    url = reverse("plans:activity_create", args=[plan.pk])
    html = client.get(url).content.decode()
    assert 'name="recipient_level"' in html and "Gubernur sebagai wakil Pemerintah Pusat (GWPP)" in html
    assert reverse("sync:authority_item_suggestion") in html
    body = delegated_post(reference, plans.affair, recipient_level="gwpp", authority_item=str(items["provinsi"].pk))
    response = client.post(url, body)
    assert response.status_code == 302, response.content.decode()[:2000]
    saved = Activity.objects.get(plan=plan)
    assert (saved.recipient_level, saved.authority_item) == ("gwpp", items["provinsi"])

    edit = client.get(reverse("plans:activity_edit", args=[saved.pk])).context["form"]
    assert edit["recipient_level"].value() == "gwpp" and edit["authority_item"].value() == items["provinsi"].pk
    assert set(edit.fields["authority_item"].queryset) == set(items.values())


def test_a_dekon_activity_for_the_autonomous_province_is_refused_next_to_the_level(client, plans, cast, reference):
    plan = delegation_plan(reference)
    client.force_login(cast.planner_a)
    response = client.post(
        reverse("plans:activity_create", args=[plan.pk]),
        delegated_post(reference, plans.affair, recipient_level="provinsi"),
    )
    assert response.status_code == 400
    assert "Dekonsentrasi hanya dilimpahkan kepada gubernur sebagai wakil Pemerintah Pusat" in (
        " ".join(response.context["form"].errors["recipient_level"])
    )
    assert not Activity.objects.filter(plan=plan).exists()


def test_a_cooperation_activity_has_no_recipient_level_and_keeps_the_item(client, plans, cast, items):
    client.force_login(cast.planner_a)
    url = reverse("plans:activity_create", args=[plans.plan_a.pk])
    assert "recipient_level" not in client.get(url).context["form"].fields
    body = activity_post(affair=str(plans.affair.pk), authority_item=str(items["kabkota"].pk))
    assert client.post(url, body).status_code == 302
    assert Activity.objects.get(plan=plans.plan_a).authority_item == items["kabkota"]


def test_the_form_refuses_an_item_of_another_affair(client, plans, cast, items):
    from selaras.registry.models import Affair, AffairLevel, AuthorityRule

    other = Affair.objects.create(code="1.02.02", name="Lain", level=AffairLevel.SUB, parent=plans.affair.parent)
    foreign = AuthorityRule.objects.create(affair=other, level="provinsi", position=1, text="Penerbitan izin apotek")
    client.force_login(cast.planner_a)
    url = reverse("plans:activity_create", args=[plans.plan_a.pk])
    response = client.post(url, activity_post(affair=str(plans.affair.pk), authority_item=str(foreign.pk)))
    assert response.status_code == 400
    assert "tidak termasuk urusan kegiatan ini" in response.context["form"].errors["authority_item"][0]


# --- the service ------------------------------------------------------------------------
@pytest.mark.parametrize("kind", [ProgrammeKind.DEKON_BINWAS, ProgrammeKind.DEKON_GWPP])
@pytest.mark.parametrize("level", ["provinsi", "kabkota"])
def test_the_service_refuses_a_dekon_activity_not_given_to_the_gwpp(plans, cast, reference, kind, level):
    plan = delegation_plan(reference, kind)
    data = activity_data(reference, plans.affair, locations=[])
    data.recipient, data.delegated_content, data.recipient_level = reference.pemprov_jateng, "pembinaan", level
    with acting_as(cast.planner_a, "test"), pytest.raises(ValidationError) as error:
        services.activity_create(plan=plan, by=cast.planner_a, data=data)
    assert "GWPP" in error.value.message_dict["recipient_level"][0]
    data.recipient_level = "gwpp"
    with acting_as(cast.planner_a, "test"):
        assert services.activity_create(plan=plan, by=cast.planner_a, data=data).recipient_level == "gwpp"


@pytest.mark.parametrize("kind", [ProgrammeKind.TP_PUSAT, ProgrammeKind.TP_PROVINSI])
def test_the_service_refuses_co_administration_given_to_the_gwpp(plans, cast, reference, kind):
    plan = delegation_plan(reference, kind)
    data = activity_data(reference, plans.affair, locations=[])
    data.recipient, data.delegated_content, data.recipient_level = reference.pemprov_jateng, "pelaksanaan", "gwpp"
    with acting_as(cast.planner_a, "test"), pytest.raises(ValidationError) as error:
        services.activity_create(plan=plan, by=cast.planner_a, data=data)
    assert "Tugas pembantuan diberikan kepada pemerintah daerah" in error.value.message_dict["recipient_level"][0]
    data.recipient_level = "provinsi"
    with acting_as(cast.planner_a, "test"):
        assert services.activity_create(plan=plan, by=cast.planner_a, data=data).recipient_level == "provinsi"


# --- the suggestion -----------------------------------------------------------------------
def suggestion(client, **params):
    return client.get(reverse("sync:authority_item_suggestion"), params)


def test_the_suggestion_names_the_inferred_item_and_the_words_that_decided(client, plans, cast, items):
    client.force_login(cast.planner_a)
    response = suggestion(
        client,
        affair=plans.affair.pk,
        title="Peningkatan mutu rumah sakit rujukan lintas kabupaten/kota",
        description="Pengelolaan UKP rujukan tingkat provinsi",
    )
    assert response.status_code == 200
    html = response.content.decode()
    match = response.context["match"]
    assert match.item == items["provinsi"]
    assert "rujukan" in match.words
    assert f'data-authority-item="{items["provinsi"].pk}"' in html and "Pakai butir ini" in html
    assert "<mark>rujukan</mark>" in html
    # The select offers the affair's items, nothing chosen yet.
    assert html.count("<option value=") == 1 + len(items) and "selected" not in html


def test_the_suggestion_keeps_the_item_already_chosen(client, plans, cast, items):
    client.force_login(cast.planner_a)
    chosen = items["imunisasi"]
    html = suggestion(
        client, affair=plans.affair.pk, title="Pelatihan kader Posyandu", authority_item=chosen.pk
    ).content.decode()
    assert f'<option value="{chosen.pk}" selected>' in html


def test_the_suggestion_asks_for_an_affair_first(client, plans, cast, items):
    client.force_login(cast.planner_a)
    response = suggestion(client, title="Pengelolaan UKP rujukan provinsi")
    assert response.context["match"] is None
    assert "Pilih urusan agar Selaras dapat menyarankan butir kewenangan." in response.content.decode()


def test_an_anonymous_visitor_gets_no_suggestion(client, plans, items):
    response = suggestion(client, affair=plans.affair.pk, title="Pengelolaan UKP rujukan provinsi")
    assert response.status_code == 302 and "login" in response["Location"]
