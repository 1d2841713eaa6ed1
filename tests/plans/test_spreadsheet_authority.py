"""The recipient level and the matrix item in the plan workbook: two
optional columns with drop-downs, written by the export and read back; a
workbook made before them still imports, with the item left for the check
to infer."""

from __future__ import annotations

import io

import pytest

from selaras.plans.models import Activity
from tests.plans.badfiles import ACTIVITY_ROWS, fill, load, template_bytes, to_bytes
from tests.plans.test_spreadsheet import sdg_targets  # noqa: F401 (the `targets` fixture)
from tests.plans.test_spreadsheet_badfiles import _import_bad


@pytest.fixture
def items(plans):
    from selaras.registry.models import AuthorityRule

    return {
        level: AuthorityRule.objects.create(affair=plans.affair, level=level, position=1, text=text)
        for level, text in (
            ("provinsi", "Pengelolaan UKP rujukan tingkat Daerah provinsi"),
            ("kabkota", "Pengelolaan UKM dan UKP Daerah kabupaten/kota"),
        )
    }


def rows(**first):
    return [{**ACTIVITY_ROWS[0], **first}, *ACTIVITY_ROWS[1:]]


def workbook(cycle, **first) -> bytes:
    return to_bytes(fill(load(template_bytes(cycle)), activities=rows(**first)))


def stored(plan) -> list[tuple[str, str, object]]:
    return list(plan.activities.order_by("position").values_list("code", "recipient_level", "authority_item"))


def test_the_template_has_both_columns_with_drop_downs(plans, items):
    wb = load(template_bytes(plans.cycle))
    sheet = wb["Kegiatan"]
    assert (sheet["T1"].value, sheet["U1"].value) == ("Tingkat Penerima", "Butir Kewenangan")
    formulas = {str(dv.sqref).split(":")[0]: dv.formula1 for dv in sheet.data_validations.dataValidation}
    assert formulas["T2"].startswith("=Kode!") and formulas["U2"].startswith("=Kode!")
    codes = {c.value for col in wb["Kode"].iter_cols() for c in col}
    assert {"GWPP", "Provinsi", "Kabupaten/Kota", "1.02.01:provinsi:1", "1.02.01:kabkota:1"} <= codes


def test_the_level_and_item_are_imported_and_round_trip_through_the_export(plans, cast, targets, items):
    from selaras.plans.imports import plan_import
    from selaras.plans.spreadsheets.exporter import export_plan

    data = workbook(plans.cycle, recipient_level="Kabupaten/Kota", authority_item="1.02.01:kabkota:1")
    plan_import(plan=plans.plan_a, by=cast.planner_a, file=data)
    before = stored(plans.plan_a)
    assert before == [("K001", "kabkota", items["kabkota"].pk), ("K002", "", None)]
    out = io.BytesIO()
    export_plan(plans.plan_a, out)
    exported = load(out.getvalue())["Kegiatan"]
    assert (exported["T2"].value, exported["U2"].value) == ("Kabupaten/Kota", "1.02.01:kabkota:1")
    plan_import(plan=plans.plan_b, by=cast.planner_b, file=out.getvalue())
    assert stored(plans.plan_b) == before


def test_a_level_may_be_written_as_its_code_or_in_any_case(plans, cast, targets, items):
    from selaras.plans.imports import plan_import

    plan_import(plan=plans.plan_a, by=cast.planner_a, file=workbook(plans.cycle, recipient_level="PROVINSI"))
    assert stored(plans.plan_a)[0][1] == "provinsi"
    plan_import(plan=plans.plan_a, by=cast.planner_a, file=workbook(plans.cycle, recipient_level="kabkota"))
    assert stored(plans.plan_a)[0][1] == "kabkota"


def test_a_workbook_without_the_columns_still_imports_with_the_item_left_empty(plans, cast, targets, items):
    from selaras.plans.imports import plan_import

    wb = fill(load(template_bytes(plans.cycle)))
    wb["Kegiatan"].delete_cols(20, 2)  # a template made before the columns existed
    assert wb["Kegiatan"]["T1"].value is None
    result = plan_import(plan=plans.plan_a, by=cast.planner_a, file=to_bytes(wb))
    assert result.activities == 2
    assert stored(plans.plan_a) == [("K001", "", None), ("K002", "", None)]


@pytest.mark.parametrize(
    ("first", "column", "fragment"),
    [
        ({"recipient_level": "Kecamatan"}, "T", "Tingkat penerima “Kecamatan” tidak dikenal"),
        ({"authority_item": "1.02.01:provinsi:9"}, "U", "Butir kewenangan “1.02.01:provinsi:9” tidak dikenal"),
        ({"affair": "1.02", "authority_item": "9.99:pusat:1"}, "U", "tidak dikenal"),
    ],
)
def test_an_unknown_level_or_item_is_a_located_error_and_nothing_is_saved(
    plans, cast, targets, items, first, column, fragment
):
    errors = _import_bad(plans.plan_a, cast.planner_a, workbook(plans.cycle, **first))
    issue = next(e for e in errors if e.column == column)
    assert (issue.sheet, issue.row, issue.header) == (
        "Kegiatan",
        2,
        "Tingkat Penerima" if column == "T" else "Butir Kewenangan",
    )
    assert fragment in issue.message
    assert not Activity.objects.filter(plan=plans.plan_a).exists()


def test_an_item_of_another_affair_is_a_located_error(plans, cast, targets, items):
    from selaras.registry.models import Affair, AffairLevel, AuthorityRule

    other = Affair.objects.create(code="1.02.02", name="Lain", level=AffairLevel.SUB, parent=plans.affair.parent)
    AuthorityRule.objects.create(affair=other, level="provinsi", position=1, text="Penerbitan izin apotek")
    errors = _import_bad(plans.plan_a, cast.planner_a, workbook(plans.cycle, authority_item="1.02.02:provinsi:1"))
    issue = next(iter(errors))
    assert (issue.sheet, issue.row, issue.column) == ("Kegiatan", 2, "U")
    assert "bukan butir urusan 1.02.01" in issue.message


def test_a_dekon_plan_refuses_a_provincial_level_at_its_cell(plans, cast, targets, items, reference):
    from selaras.plans.imports import plan_import
    from tests.plans.test_views_activity_authority import delegation_plan

    plan = delegation_plan(reference)
    errors = _import_bad(plan, cast.planner_a, workbook(plan.cycle, recipient_level="Provinsi"))
    issue = next(iter(errors))
    assert (issue.sheet, issue.row, issue.column) == ("Kegiatan", 2, "T")
    assert "GWPP" in issue.message
    plan_import(plan=plan, by=cast.planner_a, file=workbook(plan.cycle, recipient_level="GWPP"))
    assert stored(plan)[0][1] == "gwpp"
