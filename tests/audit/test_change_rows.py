"""Change rows of the history: any key of an entry is shown with a readable
label, and values by their meaning (choice labels, names of related
records), so the page never fails on an entry it did not foresee."""

from __future__ import annotations

from django.urls import reverse

from selaras.audit.models import AuditAction, AuditEntry
from selaras.audit.recorder import record_event
from selaras.audit.selectors import change_rows, field_label, with_change_rows
from selaras.core.context import acting_as
from selaras.plans.models import Plan, PlanRevision
from selaras.plans.services import plan_transition
from tests.plans.badfiles import filled_bytes
from tests.plans.helpers import add_activity


def _rows_by_field(entry) -> dict:
    return {row["field"]: row for row in change_rows(entry)}


def test_the_plan_page_and_its_history_load_after_an_excel_import(client, plans, cast):
    from selaras.plans.imports import plan_import
    from selaras.registry.models import DevelopmentTarget, FrameworkKind, TargetFramework

    sdg = TargetFramework.objects.create(code="sdg", name="SDGs", kind=FrameworkKind.SDG)
    DevelopmentTarget.objects.create(framework=sdg, code="3", name="Tujuan 3")
    plan_import(plan=plans.plan_a, by=cast.planner_a, file=filled_bytes(plans.cycle))
    client.force_login(cast.planner_a)
    page = client.get(reverse("plans:plan_detail", args=[plans.plan_a.pk]))
    assert page.status_code == 200
    history = client.get(reverse("audit:history", args=["plans.plan", plans.plan_a.pk]))
    assert history.status_code == 200
    html = history.content.decode()
    assert "Jumlah kegiatan" in html
    assert "Kegiatan yang diganti" in html


def test_any_key_gets_an_indonesian_label(plans):
    entry = record_event(plans.plan_a, "ringkasan", {"activities": 3, "replaced_activities": 1, "tak_dikenal": 2})
    rows = _rows_by_field(entry)
    assert rows["activities"]["label"] == "jumlah kegiatan"
    assert rows["activities"]["after"] == "3"
    assert rows["replaced_activities"]["label"] == "kegiatan yang diganti"
    assert rows["tak_dikenal"]["label"] == "tak dikenal"


def test_a_reverse_relation_is_labelled_by_its_model(plans):
    assert field_label(Plan, "revisions") == str(PlanRevision._meta.verbose_name_plural)


def test_choices_show_their_labels_and_foreign_keys_their_names(plans, reference, cast):
    add_activity(plans, reference, cast.planner_a)
    with acting_as(cast.planner_a, "test"):
        plan_transition(plan=plans.plan_a, action="submit", by=cast.planner_a)
    with acting_as(cast.coordinator, "test"):
        plan_transition(plan=plans.plan_a, action="start_review", by=cast.coordinator)
    entries = with_change_rows(AuditEntry.objects.filter(content_type__model="plan", object_pk=plans.plan_a.pk))
    status_rows = [row for e in entries for row in e.change_rows if row["field"] == "status"]
    assert ("Diajukan", "Dalam penelaahan") in {(row["before"], row["after"]) for row in status_rows}
    messages = [e.message for e in entries if e.action == AuditAction.EVENT]
    assert "Mulai penelaahan" in messages
    assert not any("start_review" in m or "in_review" in m for m in messages)
    created = next(e for e in entries if e.action == AuditAction.CREATE)
    owner = next(row for row in created.change_rows if row["field"] == "owner")
    assert owner["after"] == str(reference.ministry_a)


def test_a_deleted_related_record_is_named_by_its_id(plans, reference):
    entry = AuditEntry.objects.create(
        action=AuditAction.UPDATE,
        content_type=AuditEntry.objects.filter(content_type__model="plan").first().content_type,
        object_pk=plans.plan_a.pk,
        object_repr=str(plans.plan_a),
        changes={"owner": [reference.ministry_a.pk, 999999], "status": ["draft", "bukan-status"]},
    )
    rows = _rows_by_field(entry)
    assert rows["owner"]["before"] == str(reference.ministry_a)
    assert rows["owner"]["after"] == "#999999 (sudah dihapus)"
    assert rows["status"]["before"] == "Draf"
    assert rows["status"]["after"] == "bukan-status"


def test_many_to_many_changes_show_names(plans, reference):
    entry = AuditEntry.objects.create(
        action=AuditAction.UPDATE,
        content_type=AuditEntry.objects.filter(content_type__model="programme").first().content_type,
        object_pk=plans.programme.pk,
        object_repr=str(plans.programme),
        changes={"loci": {"added": [reference.jateng.pk, reference.papua.pk]}},
    )
    row = _rows_by_field(entry)["loci"]
    assert row["after"] == "ditambahkan: 33 Jawa Tengah, 91 Papua"


def test_odd_shapes_of_changes_do_not_break_the_rows(plans):
    entry = record_event(
        plans.plan_a, "aneh", {"nested": {"created": 2, "updated": 0}, "flag": True, "list": [1, 2, 3]}
    )
    rows = _rows_by_field(entry)
    assert rows["nested"]["after"] == "dibuat: 2; diubah: 0"
    assert rows["flag"]["after"] == "ya"
    assert rows["list"]["after"] == "1, 2, 3"
