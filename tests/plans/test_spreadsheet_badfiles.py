"""Every bad workbook of the corpus gives a clear error naming where, and
imports nothing: the plan keeps exactly what it had."""

from __future__ import annotations

import pytest
from django.utils import translation

from tests.plans.badfiles import CORPUS, fill, filled_bytes, junk, load, template_bytes, to_bytes
from tests.plans.test_spreadsheet import _content, sdg_targets  # noqa: F401 (the `targets` fixture)


@pytest.fixture
def imported(plans, cast, targets):
    """Plan A with the good workbook already imported: a bad import must
    leave this content untouched."""
    from selaras.plans.imports import plan_import

    plan_import(plan=plans.plan_a, by=cast.planner_a, file=filled_bytes(plans.cycle))
    plans.plan_a.refresh_from_db()
    return plans.plan_a


def _import_bad(plan, user, data: bytes, name: str = "rencana.xlsx"):
    from selaras.plans.imports import plan_import
    from selaras.plans.spreadsheets.errors import SpreadsheetImportError

    with pytest.raises(SpreadsheetImportError) as caught:
        plan_import(plan=plan, by=user, file=data, name=name)
    return caught.value.errors


@pytest.mark.parametrize("case", sorted(CORPUS))
def test_each_bad_workbook_names_where_and_imports_nothing(case, plans, cast, imported):
    build, (sheet, row, column), fragment = CORPUS[case]
    before, version = _content(imported), imported.version
    errors = _import_bad(imported, cast.planner_a, build(plans.cycle))
    first = next(iter(errors))
    assert (first.sheet, first.row, first.column) == (sheet, row, column), str(first)
    assert fragment in first.message
    if column:
        assert first.header and f"kolom {column} ({first.header})" in str(first)
    imported.refresh_from_db()
    assert _content(imported) == before and imported.version == version


def test_all_errors_of_a_workbook_are_reported_at_once(plans, cast, imported):
    wb = fill(load(template_bytes(plans.cycle)))
    wb["Kegiatan"]["D2"] = "9.99"
    wb["Kegiatan"]["F3"] = "banyak"
    wb["Lokasi"]["B2"] = "33.99"
    wb["Indikator"]["B3"] = None  # indicator name is required
    errors = _import_bad(imported, cast.planner_a, to_bytes(wb))
    places = {(e.sheet, e.row, e.column) for e in errors}
    assert {("Kegiatan", 2, "D"), ("Kegiatan", 3, "F"), ("Lokasi", 2, "B"), ("Indikator", 3, "B")} <= places


def test_the_messages_are_in_english_when_the_language_is_english(plans, cast, imported):
    wb = fill(load(template_bytes(plans.cycle)))
    wb["Kegiatan"]["F3"] = "banyak"
    with translation.override("en"):
        errors = _import_bad(imported, cast.planner_a, to_bytes(wb))
    text = str(next(iter(errors)))
    assert text == "Sheet Kegiatan, row 3, column F (Anggaran (Rp)): \u201cbanyak\u201d is not a number."


def test_the_messages_are_in_indonesian_by_default(plans, cast, imported):
    wb = fill(load(template_bytes(plans.cycle)))
    wb["Kegiatan"]["F3"] = "banyak"
    errors = _import_bad(imported, cast.planner_a, to_bytes(wb))
    assert (
        str(next(iter(errors))) == "Lembar Kegiatan, baris 3, kolom F (Anggaran (Rp)): \u201cbanyak\u201d bukan angka."
    )


def test_it_refuses_a_file_over_the_upload_limit(plans, cast, imported, settings):
    settings.PLAN_IMPORT_MAX_BYTES = 1024 * 1024
    errors = _import_bad(imported, cast.planner_a, junk(2 * 1024 * 1024))
    assert "terlalu besar" in next(iter(errors)).message and "1,0 MB" in next(iter(errors)).message


def test_an_old_xls_file_is_told_to_be_saved_as_xlsx(plans, cast, imported):
    errors = _import_bad(imported, cast.planner_a, b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + junk(1024), "lama.xls")
    assert ".xls" in next(iter(errors)).message


def test_codes_typed_as_numbers_are_still_understood(plans, cast, targets):
    from selaras.plans.imports import plan_import

    wb = fill(load(template_bytes(plans.cycle)))
    wb["Lokasi"]["B2"] = 33.02  # Excel turned the region code into a number
    wb["Kegiatan"]["N2"] = 24  # BA code 024 without its leading zero
    plan_import(plan=plans.plan_a, by=cast.planner_a, file=to_bytes(wb))
    first = _content(plans.plan_a)[0]
    assert "33.02" in first["locations"] and first["implementing_agency"] == "024"


def test_indonesian_number_text_is_read_as_a_number(plans, cast, targets):
    from selaras.plans.imports import plan_import

    wb = fill(load(template_bytes(plans.cycle)))
    wb["Kegiatan"]["F3"] = "150.000.000,25"
    plan_import(plan=plans.plan_a, by=cast.planner_a, file=to_bytes(wb))
    assert _content(plans.plan_a)[1]["budget"] == "150000000.25"
