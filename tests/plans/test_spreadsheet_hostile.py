"""Hostile uploads are refused before any reader loads them, with a clear
message naming the sheet, and nothing is saved — on every import path."""

from __future__ import annotations

import zipfile

import pytest

from tests.plans.badfiles import fill, load, template_bytes, to_bytes
from tests.plans.badfiles.hostile import SHEET_TAIL, bomb_chunks, header_row, inline, sheet_head, xlsx
from tests.plans.test_regional_import import _csv, _import, _stored, region  # noqa: F401 (fixture)
from tests.plans.test_spreadsheet import _content, sdg_targets  # noqa: F401 (the `targets` fixture)
from tests.plans.test_spreadsheet_badfiles import _import_bad, imported  # noqa: F401 (fixture)


def _far_cell(cycle) -> bytes:
    wb = fill(load(template_bytes(cycle)))
    wb["Kegiatan"]["XFD1048576"] = "x"
    return to_bytes(wb)


def _shared_amplifier() -> bytes:
    cells = "".join(f'<c r="{chr(65 + i)}{{r}}" t="s"><v>0</v></c>' for i in range(19))
    rows = "".join(f'<row r="{r}">' + cells.replace("{r}", str(r)) + "</row>" for r in range(2, 200))
    return xlsx(sheet_head() + header_row() + rows + SHEET_TAIL, shared=["x" * 30_000])


HOSTILE = {
    "far_cell": (_far_cell, "A1:XFD1048576"),
    "zip_bomb": (lambda c: xlsx(bomb_chunks(50)), "mengembang"),
    "million_rows_declared": (
        lambda c: xlsx(sheet_head("A1:S1000000") + header_row() + SHEET_TAIL),
        "ukuran A1:S1000000",
    ),
    "too_many_entries": (lambda c: xlsx(extra={f"xl/media/p{i}.png": b"x" for i in range(400)}), "paling banyak 300"),
    "bzip2_sheet": (lambda c: xlsx(method=zipfile.ZIP_BZIP2), "tidak didukung"),
    "one_text_in_every_cell": (lambda c: _shared_amplifier(), "memuat teks lebih dari"),
}


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_a_hostile_plan_workbook_is_refused_and_nothing_is_saved(case, plans, cast, imported):  # noqa: F811
    build, fragment = HOSTILE[case]
    before, version = _content(imported), imported.version
    errors = _import_bad(imported, cast.planner_a, build(plans.cycle))
    assert any(fragment in issue.message for issue in errors), errors.messages()
    imported.refresh_from_db()
    assert _content(imported) == before and imported.version == version


def test_the_far_cell_message_names_the_sheet(plans, cast, imported):  # noqa: F811
    first = next(iter(_import_bad(imported, cast.planner_a, _far_cell(plans.cycle))))
    assert first.sheet == "Kegiatan" and str(first).startswith("Lembar Kegiatan: ")


def test_a_workbook_within_the_row_limit_still_imports(plans, cast, targets, settings):
    from selaras.plans.imports import plan_import

    settings.PLAN_IMPORT_MAX_ROWS = 3
    wb = fill(load(template_bytes(plans.cycle)))
    plan_import(plan=plans.plan_a, by=cast.planner_a, file=to_bytes(wb))
    wb["Kegiatan"]["B6"] = "Baris kelima"
    errors = _import_bad(plans.plan_a, cast.planner_a, to_bytes(wb))
    # The template's last column (U, Butir Kewenangan) bounds the declared size.
    assert "A1:U6" in next(iter(errors)).message


def test_a_hostile_upload_for_the_background_is_refused_at_once(plans, cast):
    from selaras.core.models import Job
    from selaras.plans.imports import plan_import_start
    from selaras.plans.spreadsheets.errors import SpreadsheetImportError

    with pytest.raises(SpreadsheetImportError) as caught:
        plan_import_start(plan=plans.plan_a, by=cast.planner_a, file=xlsx(bomb_chunks(50)), name="besar.xlsx")
    assert "mengembang" in caught.value.errors.messages()[0]
    assert not Job.objects.exists()


def test_the_import_page_answers_a_far_cell_with_the_located_error(client, plans, cast):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    client.force_login(cast.planner_a)
    upload = SimpleUploadedFile("rencana.xlsx", _far_cell(plans.cycle))
    response = client.post(reverse("plans:plan_import", args=[plans.plan_a.pk]), {"file": upload})
    assert response.status_code == 400
    assert "XFD1048576" in response.content.decode()


# --- the regional plan -------------------------------------------------------------
def _refused(target, user, data, name):
    from selaras.plans.spreadsheets.errors import SpreadsheetImportError

    with pytest.raises(SpreadsheetImportError) as caught:
        _import(target, user, data, name=name)
    return caught.value.errors


def test_a_regional_workbook_with_a_far_cell_is_refused(region, cast):  # noqa: F811
    _import(region, cast.officer_jateng, _csv())
    before = _stored(region)
    rows = '<row r="2">' + inline("XFD1048576", "x") + "</row>"
    data = xlsx(sheet_head() + header_row(["Nama Sub Kegiatan"]) + rows + SHEET_TAIL, sheet="RKPD")
    assert len(data) < 5000
    errors = _refused(region, cast.officer_jateng, data, "rkpd.xlsx")
    first = next(iter(errors))
    assert first.sheet == "RKPD" and "Sel XFD1048576 berada" in first.message
    assert _stored(region) == before


def test_a_regional_csv_past_the_row_limit_is_refused_and_nothing_saved(region, cast, settings):  # noqa: F811
    from tests.plans.test_regional_import import ROWS

    _import(region, cast.officer_jateng, _csv())
    before = _stored(region)
    settings.REGIONAL_IMPORT_MAX_ROWS = 5
    errors = _refused(region, cast.officer_jateng, _csv(rows=ROWS * 8), "rkpd.csv")
    assert any("lebih dari 20 baris" in issue.message for issue in errors), errors.messages()
    assert _stored(region) == before


def test_a_regional_csv_over_the_size_limit_is_refused(region, cast, settings):  # noqa: F811
    settings.REGIONAL_IMPORT_MAX_BYTES = 100
    errors = _refused(region, cast.officer_jateng, _csv(), "rkpd.csv")
    assert "terlalu besar" in next(iter(errors)).message
    assert _stored(region) == []


def test_a_regional_csv_without_line_ends_is_refused(region, cast):  # noqa: F811
    data = _csv() + b"\n" + b";" * 3_000_000
    errors = _refused(region, cast.officer_jateng, data, "rkpd.csv")
    assert any("lebih panjang dari" in issue.message for issue in errors), errors.messages()
    assert _stored(region) == []
