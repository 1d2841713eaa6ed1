"""The plan workbook round trip: template → filled by a person → import →
export → import again gives the same plan."""

from __future__ import annotations

import io

import openpyxl
import pytest
from python_calamine import CalamineWorkbook

from tests.plans.badfiles import filled_bytes, load, template_bytes, to_bytes


@pytest.fixture(name="targets")
def sdg_targets(db):
    from selaras.registry.models import DevelopmentTarget, FrameworkKind, TargetFramework

    sdg = TargetFramework.objects.create(code="sdg", name="SDGs", kind=FrameworkKind.SDG)
    return [DevelopmentTarget.objects.create(framework=sdg, code=c, name=f"Tujuan {c}") for c in ("3", "4")]


def _content(plan) -> dict:
    """The plan's snapshot without anything that changes on re-import."""
    from selaras.plans.revisions import plan_snapshot

    snap = plan_snapshot(plan)
    return [snap["activities"][uid] for uid in snap["order"]]


def test_the_template_has_instructions_code_lists_and_protected_headers(plans):
    wb = load(template_bytes(plans.cycle, owner=plans.plan_a.owner))
    assert wb.sheetnames[:4] == ["Petunjuk", "Kegiatan", "Lokasi", "Indikator"]
    assert wb["Kode"].sheet_state == "hidden"
    assert "Cara mengisi" in [c.value for c in wb["Petunjuk"]["A"]]
    kegiatan = wb["Kegiatan"]
    assert kegiatan["A1"].value == "Kode" and kegiatan["E1"].value == "Sumber Dana"
    assert kegiatan.protection.sheet and kegiatan["A1"].protection.locked
    assert kegiatan.column_dimensions["B"].protection.locked is False
    formulas = {str(dv.sqref).split(":")[0]: dv.formula1 for dv in kegiatan.data_validations.dataValidation}
    assert formulas["D2"].startswith("=Kode!$A$2")  # affairs
    regions = wb["Lokasi"].data_validations.dataValidation[0]
    assert regions.formula1.startswith("=Kode!") and regions.showErrorMessage is False  # desa codes may be typed
    codes = wb["Kode"]
    assert "1.02.01" in [row[0] for row in codes.iter_rows(min_row=2, values_only=True)]
    kode_values = {c.value for col in codes.iter_cols() for c in col}
    assert {"33.02", "91.03", "pemda.33", "partner"} <= kode_values


def test_a_filled_template_imports_every_activity_location_and_indicator(plans, cast, targets):
    from selaras.plans.imports import plan_import

    result = plan_import(plan=plans.plan_a, by=cast.planner_a, file=filled_bytes(plans.cycle), name="rkt.xlsx")
    assert (result.activities, result.locations, result.indicators) == (2, 3, 3)
    first, second = _content(plans.plan_a)
    assert first["code"] == "K001" and first["affair"] == "1.02.01" and first["quarters"] == [2, 3]
    assert first["budget"] == "300000000" and first["partner_budget"] == "19000.5"
    assert first["description"] == "Pelatihan dua hari\nuntuk kader"
    assert first["recipient"] == "pemda.33" and first["implementing_agency"] == "024"
    assert first["targets"] == ["sdg:3"]
    assert first["locations"]["33.02"]["budget"] == "200000000"
    assert [i["target"] for i in first["indicators"]] == ["120", "25.5"]
    assert second["budget"] == "150000000.25" and second["requires_matching_funds"] is True
    assert second["quarters"] == [4] and list(second["locations"]) == ["91.03"]


def test_export_then_import_gives_the_same_plan(plans, cast, targets):
    from selaras.plans.imports import plan_import
    from selaras.plans.spreadsheets.exporter import export_plan

    plan_import(plan=plans.plan_a, by=cast.planner_a, file=filled_bytes(plans.cycle))
    before = _content(plans.plan_a)
    exported = io.BytesIO()
    export_plan(plans.plan_a, exported)
    plan_import(plan=plans.plan_a, by=cast.planner_a, file=exported.getvalue())
    assert _content(plans.plan_a) == before
    # And into another ministry's plan: the same content.
    plan_import(plan=plans.plan_b, by=cast.planner_b, file=exported.getvalue())
    assert _content(plans.plan_b) == before


def test_a_plan_entered_through_the_services_round_trips(plans, cast, reference):
    from selaras.plans.imports import plan_import
    from selaras.plans.services import activity_create
    from selaras.plans.spreadsheets.exporter import export_plan
    from tests.plans.conftest import activity_data

    activity_create(plan=plans.plan_a, by=cast.planner_a, data=activity_data(reference, plans.affair))
    before = _content(plans.plan_a)
    out = io.BytesIO()
    export_plan(plans.plan_a, out)
    plan_import(plan=plans.plan_a, by=cast.planner_a, file=out.getvalue())
    after = _content(plans.plan_a)
    # The only difference: an activity without a code is given one so its
    # locations can point at it.
    assert after[0].pop("code") == "K001" and before[0].pop("code") == ""
    assert after == before


def test_the_bulk_path_stores_what_the_per_row_service_stores(plans, cast, targets):
    from selaras.plans.services import plan_replace_activities
    from selaras.plans.spreadsheets.reader import read_plan_workbook

    data = filled_bytes(plans.cycle)
    plan_replace_activities(plan=plans.plan_a, by=cast.planner_a, activities=read_plan_workbook(data))
    per_row = _content(plans.plan_a)
    from selaras.plans.imports import plan_import

    plan_import(plan=plans.plan_a, by=cast.planner_a, file=data)
    assert _content(plans.plan_a) == per_row


def test_an_import_replaces_the_content_and_leaves_one_audit_event(plans, cast, targets):
    from selaras.audit.models import AuditEntry
    from selaras.plans.imports import plan_import

    plan_import(plan=plans.plan_a, by=cast.planner_a, file=filled_bytes(plans.cycle))
    plan_import(plan=plans.plan_a, by=cast.planner_a, file=filled_bytes(plans.cycle))
    assert plans.plan_a.activities.count() == 2
    events = AuditEntry.objects.filter(object_pk=plans.plan_a.pk, action="event", message__startswith="Impor")
    assert events.count() == 2


def test_the_exported_workbook_is_read_with_values_not_formulas(plans, cast, targets):
    from selaras.plans.imports import plan_import
    from selaras.plans.spreadsheets.exporter import build_export

    plan_import(plan=plans.plan_a, by=cast.planner_a, file=filled_bytes(plans.cycle))
    data = to_bytes(build_export(plans.plan_a))
    rows = CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_name("Lokasi").to_python()
    assert rows[1][:3] == ["K001", "33.01", 100000000.0]
    assert openpyxl.load_workbook(io.BytesIO(data))["Kegiatan"]["B2"].protection.locked is False


def test_it_refuses_to_import_into_another_ministrys_plan(plans, cast, targets):
    from django.core.exceptions import PermissionDenied

    from selaras.plans.imports import plan_import

    with pytest.raises(PermissionDenied):
        plan_import(plan=plans.plan_b, by=cast.planner_a, file=filled_bytes(plans.cycle))
    assert not plans.plan_b.activities.exists()


def test_a_reimport_keeps_the_stable_uid_of_activities_found_by_code(plans, cast, targets):
    from selaras.plans.imports import plan_import
    from selaras.plans.revisions import plan_snapshot

    data = filled_bytes(plans.cycle)
    plan_import(plan=plans.plan_a, by=cast.planner_a, file=data)
    before = plan_snapshot(plans.plan_a)["order"]
    plan_import(plan=plans.plan_a, by=cast.planner_a, file=data)
    assert plan_snapshot(plans.plan_a)["order"] == before
