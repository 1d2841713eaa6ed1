"""Programme list and page, the coordinator's programme and cycle forms,
and a cycle's page with its deadlines and legal acts."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from selaras.audit.models import AuditEntry
from selaras.plans.models import Cycle, Programme, ProgrammeKind
from selaras.plans.views.cycles import deadline_rows

pytestmark = pytest.mark.django_db


@pytest.fixture
def delegation(reference):
    """A tugas pembantuan programme of Kemenkes coordinated by SUPD IV, with
    a 2025 cycle carrying the PP 19/2022 deadlines."""
    programme = Programme.objects.create(
        code="TP-KES",
        name="Tugas Pembantuan Kesehatan",
        kind=ProgrammeKind.TP_PUSAT,
        coordinator=reference.supd4,
        start_year=2024,
        end_year=2027,
    )
    cycle = Cycle.objects.create(
        programme=programme, year=2025, regulation_deadline=dt.date(2024, 11, 30), decree_deadline=dt.date(2024, 12, 31)
    )
    return cycle


def texts(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def programme_post(reference, **extra) -> dict:
    data = {
        "code": "RI-UNICEF-2026",
        "name": "Program Kerja Sama RI–UNICEF 2026–2030",
        "kind": "cooperation",
        "coordinator": str(reference.supd4.pk),
        "partner": str(reference.unicef.pk),
        "start_year": "2026",
        "end_year": "2030",
        "partner_currency": "USD",
        "loci": [str(reference.jateng.pk), str(reference.jayapura.pk)],
        "participants": [str(reference.ministry_a.pk), str(reference.ministry_b.pk)],
    }
    data.update(extra)
    return data


# --- list and page ------------------------------------------------------------------
def test_the_plan_list_links_to_the_programmes(client, plans, cast):
    client.force_login(cast.viewer)
    assert reverse("plans:programme_list") in client.get(reverse("plans:plan_list")).content.decode()


def test_the_programme_list_shows_programmes_and_the_create_button_to_coordinators(client, plans, cast):
    client.force_login(cast.coordinator)
    html = client.get(reverse("plans:programme_list")).content.decode()
    assert "Program Kerja Sama RI–UNICEF 2021–2025" in html
    assert reverse("plans:programme_create") in html
    client.force_login(cast.planner_a)
    html = client.get(reverse("plans:programme_list")).content.decode()
    assert "Program Kerja Sama RI–UNICEF 2021–2025" in html
    assert reverse("plans:programme_create") not in html


def test_the_programme_page_shows_loci_participants_cycles_and_readable_plans(client, plans, cast, reference):
    plans.programme.participants.set([reference.ministry_a, reference.ministry_b])
    client.force_login(cast.planner_a)
    response = client.get(reverse("plans:programme_detail", args=[plans.programme.pk]))
    html = response.content.decode()
    assert f'href="{reverse("registry:region_detail", args=["33"])}">Jawa Tengah</a>' in html
    assert "Kementerian Pendidikan Dasar dan Menengah" in html  # a participant
    assert reverse("plans:cycle_detail", args=[plans.cycle.pk]) in html
    (cycle,) = response.context["cycles"]
    # The other ministry's draft stays hidden.
    assert cycle.visible_plans == [plans.plan_a]
    assert reverse("plans:programme_edit", args=[plans.programme.pk]) not in html


def test_a_visitor_without_membership_finds_no_programme(client, plans, django_user_model):
    stranger = django_user_model.objects.create_user(username="tamu", email="tamu@selaras.test", password="x")
    client.force_login(stranger)
    assert client.get(reverse("plans:programme_detail", args=[plans.programme.pk])).status_code == 404


# --- create and edit ------------------------------------------------------------------
def test_a_coordinator_creates_a_programme_with_loci_and_participants(client, reference, cast):
    client.force_login(cast.coordinator)
    form = client.get(reverse("plans:programme_create")).context["form"]
    assert list(form.fields["coordinator"].queryset) == [reference.supd4]
    assert reference.banyumas_kec not in form.fields["loci"].queryset  # kecamatan are not loci
    response = client.post(reverse("plans:programme_create"), programme_post(reference))
    programme = Programme.objects.get(code="RI-UNICEF-2026")
    assert response.status_code == 302
    assert set(programme.loci.values_list("code", flat=True)) == {"33", "91.03"}
    assert set(programme.participants.all()) == {reference.ministry_a, reference.ministry_b}
    assert AuditEntry.objects.filter(object_pk=str(programme.pk), actor=cast.coordinator).exists()


def test_a_planner_may_not_create_a_programme(client, reference, cast):
    client.force_login(cast.planner_a)
    assert client.get(reverse("plans:programme_create")).status_code == 403
    assert client.post(reverse("plans:programme_create"), programme_post(reference)).status_code == 403
    assert not Programme.objects.filter(code="RI-UNICEF-2026").exists()


def test_a_programme_with_a_reversed_period_is_refused(client, reference, cast):
    client.force_login(cast.coordinator)
    response = client.post(
        reverse("plans:programme_create"), programme_post(reference, start_year="2030", end_year="2026")
    )
    assert response.status_code == 400
    assert not Programme.objects.filter(code="RI-UNICEF-2026").exists()


def test_a_duplicate_programme_code_is_shown_by_the_field(client, plans, reference, cast):
    client.force_login(cast.coordinator)
    response = client.post(reverse("plans:programme_create"), programme_post(reference, code="RI-UNICEF-2021"))
    assert response.status_code == 400
    assert response.context["form"].errors["code"]


def test_the_coordinator_edits_the_programme_but_cannot_cut_off_its_cycles(client, plans, reference, cast):
    url = reverse("plans:programme_edit", args=[plans.programme.pk])
    client.force_login(cast.coordinator)
    version = client.get(url).context["form"].initial["version"]
    data = programme_post(
        reference, code="RI-UNICEF-2021", name="Nama baru", start_year="2021", end_year="2025", version=version
    )
    assert client.post(url, data).status_code == 302
    plans.programme.refresh_from_db()
    assert plans.programme.name == "Nama baru"
    cut = programme_post(
        reference, code="RI-UNICEF-2021", start_year="2025", end_year="2025", version=plans.programme.version
    )
    response = client.post(url, cut)
    assert response.status_code == 400
    assert "2024" in " ".join(response.context["form"].errors["start_year"])
    plans.programme.refresh_from_db()
    assert plans.programme.start_year == 2021


def test_a_stale_programme_edit_is_refused(client, plans, reference, cast):
    url = reverse("plans:programme_edit", args=[plans.programme.pk])
    client.force_login(cast.coordinator)
    stale = programme_post(
        reference, code="RI-UNICEF-2021", start_year="2021", end_year="2025", version=plans.programme.version - 1
    )
    response = client.post(url, stale)
    assert response.status_code == 409
    plans.programme.refresh_from_db()
    assert plans.programme.name == "Program Kerja Sama RI–UNICEF 2021–2025"


def test_a_planner_may_not_edit_a_programme(client, plans, reference, cast):
    client.force_login(cast.planner_a)
    assert client.get(reverse("plans:programme_edit", args=[plans.programme.pk])).status_code == 403


# --- cycles ------------------------------------------------------------------------------
def test_opening_a_delegation_cycle_prefills_the_pp_19_2022_deadlines(client, delegation, cast):
    url = reverse("plans:cycle_open", args=[delegation.programme.pk])
    client.force_login(cast.coordinator)
    response = client.get(url, {"tahun": "2026"})
    form = response.context["form"]
    assert response.context["years"] == [2024, 2026, 2027]  # 2025 is taken
    assert form.initial["regulation_deadline"] == dt.date(2025, 11, 30)
    assert form.initial["decree_deadline"] == dt.date(2025, 12, 31)
    assert 'value="2025-11-30"' in response.content.decode()
    # An edited deadline is kept; a blank one takes the default.
    client.post(url, {"year": "2026", "regulation_deadline": "2025-10-15", "decree_deadline": ""})
    cycle = Cycle.objects.get(programme=delegation.programme, year=2026)
    assert (cycle.regulation_deadline, cycle.decree_deadline) == (dt.date(2025, 10, 15), dt.date(2025, 12, 31))


def test_a_cooperation_programme_offers_no_default_deadlines(client, plans, delegation, cast):
    client.force_login(cast.coordinator)
    cooperation = client.get(reverse("plans:cycle_open", args=[plans.programme.pk])).content.decode()
    assert "Isi tenggat bawaan" not in cooperation
    assert "PP 19/2022" not in cooperation
    dekon = client.get(reverse("plans:cycle_open", args=[delegation.programme.pk])).content.decode()
    assert "Isi tenggat bawaan" in dekon


def test_a_year_outside_the_period_cannot_be_opened(client, delegation, cast):
    client.force_login(cast.coordinator)
    response = client.post(reverse("plans:cycle_open", args=[delegation.programme.pk]), {"year": "2031"})
    assert response.status_code == 400 and response.context["form"].errors["year"]
    assert not Cycle.objects.filter(year=2031).exists()


def test_a_planner_may_not_open_a_cycle(client, delegation, cast):
    client.force_login(cast.planner_a)
    response = client.post(reverse("plans:cycle_open", args=[delegation.programme.pk]), {"year": "2026"})
    assert response.status_code == 403
    assert not Cycle.objects.filter(year=2026).exists()


def test_the_cycle_page_shows_countdowns_plans_and_the_template_link(client, plans, cast, reference):
    plans.cycle.submission_deadline = dt.date(2099, 1, 31)
    plans.cycle.save()
    client.force_login(cast.planner_a)
    response = client.get(reverse("plans:cycle_detail", args=[plans.cycle.pk]))
    html = response.content.decode()
    assert reverse("plans:cycle_template", args=[plans.cycle.pk]) in html
    assert "Unduh templat Excel" in html
    assert "countdown-ahead" in html and "hari lagi" in html
    assert [p.pk for p in response.context["plans"]] == [plans.plan_a.pk]
    assert reverse("plans:regional_plan", args=["33", 2024]) in html
    assert reverse("plans:cycle_legal_acts", args=[plans.cycle.pk]) not in html  # not a delegation


def test_deadline_rows_tell_whether_the_acts_were_issued_in_time(delegation):
    delegation.regulation_recorded_on = dt.date(2024, 12, 5)
    rows = {str(r["label"]): r for r in deadline_rows(delegation, today=dt.date(2024, 12, 20))}
    regulation = rows["batas peraturan menteri/gubernur"]
    decree = rows["batas keputusan kepala daerah"]
    assert (regulation["state"], regulation["text"]) == ("overdue", "ditetapkan melewati tenggat")
    assert (decree["state"], decree["text"]) == ("soon", "11 hari lagi")


def test_the_coordinator_records_when_the_regulation_and_decrees_were_issued(client, delegation, cast):
    client.force_login(cast.coordinator)
    page = client.get(reverse("plans:cycle_detail", args=[delegation.pk])).content.decode()
    assert reverse("plans:cycle_legal_acts", args=[delegation.pk]) in page
    response = client.post(
        reverse("plans:cycle_legal_acts", args=[delegation.pk]),
        {"regulation_recorded_on": "2024-11-20", "decree_recorded_on": "", "version": delegation.version},
    )
    assert response.status_code == 302
    delegation.refresh_from_db()
    assert (delegation.regulation_recorded_on, delegation.decree_recorded_on) == (dt.date(2024, 11, 20), None)
    entry = AuditEntry.objects.filter(object_pk=str(delegation.pk), actor=cast.coordinator).latest("id")
    assert "regulation_recorded_on" in entry.changes
    assert "ditetapkan tepat waktu" in client.get(reverse("plans:cycle_detail", args=[delegation.pk])).content.decode()


def test_an_issue_date_in_the_future_is_refused(client, delegation, cast):
    client.force_login(cast.coordinator)
    response = client.post(
        reverse("plans:cycle_legal_acts", args=[delegation.pk]),
        {"regulation_recorded_on": "2999-01-01", "version": delegation.version},
    )
    assert "tidak boleh setelah hari ini" in " ".join(texts(response))
    delegation.refresh_from_db()
    assert delegation.regulation_recorded_on is None


def test_only_the_coordinators_record_legal_acts(client, delegation, cast):
    for user in (cast.planner_a, cast.officer_jateng):
        client.force_login(user)
        assert (
            reverse("plans:cycle_legal_acts", args=[delegation.pk])
            not in client.get(reverse("plans:cycle_detail", args=[delegation.pk])).content.decode()
        )
        response = client.post(
            reverse("plans:cycle_legal_acts", args=[delegation.pk]), {"regulation_recorded_on": "2024-11-20"}
        )
        assert response.status_code == 403
    delegation.refresh_from_db()
    assert delegation.regulation_recorded_on is None


def test_the_coordinator_closes_a_cycle(client, plans, cast):
    client.force_login(cast.coordinator)
    url = reverse("plans:cycle_edit", args=[plans.cycle.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"submission_deadline": "2024-03-31", "version": plans.cycle.version})
    assert response.status_code == 302
    plans.cycle.refresh_from_db()
    assert plans.cycle.is_open is False and plans.cycle.submission_deadline == dt.date(2024, 3, 31)
    client.force_login(cast.planner_a)
    assert client.get(url).status_code == 403


def test_a_stale_programme_edit_shows_what_changed_meanwhile(client, plans, reference, cast):
    from selaras.core.context import acting_as
    from selaras.plans import services

    loaded = plans.programme.version
    with acting_as(cast.coordinator, "web"):
        services.programme_update(
            programme=plans.programme, by=cast.coordinator, expected_version=loaded, name="Nama dari rekan"
        )
    client.force_login(cast.coordinator)
    mine = programme_post(
        reference, code="RI-UNICEF-2021", start_year="2021", end_year="2025", name="Nama saya", version=loaded
    )
    response = client.post(reverse("plans:programme_edit", args=[plans.programme.pk]), mine)
    assert response.status_code == 409
    (change,) = response.context["stale"]["changes"]
    assert change["by"] == cast.coordinator.username
    assert {"before": "Program Kerja Sama RI–UNICEF 2021–2025", "after": "Nama dari rekan"} in [
        {"before": f["before"], "after": f["after"]} for f in change["fields"]
    ]
    assert response.context["form"]["name"].value() == "Nama saya"
