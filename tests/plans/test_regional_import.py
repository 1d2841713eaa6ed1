"""A region's own sub-activities imported from its planning system's export
(.csv or .xlsx): validated row by row, replacing the region-year wholesale."""

from __future__ import annotations

import io

import openpyxl
import pytest
from django.core.management import CommandError, call_command

HEADER = ["No", "Kode Sub Kegiatan", "Nama Sub Kegiatan", "Perangkat Daerah", "Pagu", "Lokasi", "Kode Urusan"]
ROWS = [
    [
        "1",
        "1.02.02.2.02.0001",
        "Pengelolaan Pelayanan Kesehatan Ibu Hamil",
        "Dinas Kesehatan",
        "1.250.000.000",
        "33.02.01",
        "1.02",
    ],
    [
        "2",
        "1.02.02.2.02.0002",
        "Pengelolaan Pelayanan Kesehatan Balita",
        "Dinas Kesehatan",
        "750000000",
        "Desa Sukamaju, Kec. Lumbir",
        "1.02",
    ],
    [
        "3",
        "1.01.02.2.01.0001",
        "Pembangunan Ruang Kelas Baru",
        "Dinas Pendidikan",
        "2.000.000.000,50",
        "Desa Tidak Ada",
        "",
    ],
]


@pytest.fixture
def region(reference):
    from selaras.registry.models import Affair, AffairLevel, Region, RegionLevel

    Affair.objects.create(code="1.02", name="Kesehatan", level=AffairLevel.FIELD)
    Region.objects.create(
        code="33.02.01.2001", name="Sukamaju", level=RegionLevel.VILLAGE, parent=reference.banyumas_kec, kind="desa"
    )
    return reference.banyumas


def _csv(rows=ROWS, header=HEADER, titles=True) -> bytes:
    lines = []
    if titles:
        lines += ["RENCANA KERJA PEMERINTAH DAERAH KABUPATEN BANYUMAS TAHUN 2024;;;;;;", ";;;;;;"]
    lines += [";".join(header)] + [";".join(r) for r in rows]
    return "\n".join(lines).encode("utf-8")


def _xlsx(rows=ROWS, header=HEADER) -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "RKPD"
    ws.append(["RKPD Kabupaten Banyumas 2024"])
    ws.merge_cells("A1:G1")  # a merged title above the header is allowed
    ws.append(header)
    for r in rows:
        ws.append([float(r[4].replace(".", "").replace(",", ".")) if i == 4 else v for i, v in enumerate(r)])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _import(region, user, data, name="rkpd.csv", year=2024):
    from selaras.plans.imports import regional_plan_import

    return regional_plan_import(region=region, year=year, by=user, file=data, name=name)


def _stored(region, year=2024):
    from selaras.plans.models import RegionalSubActivity

    return list(
        RegionalSubActivity.objects.filter(regional_plan__region=region, regional_plan__year=year)
        .order_by("row_number")
        .values_list("code", "name", "implementing_office", "budget", "location__code", "location_text", "affair__code")
    )


def test_it_imports_a_sipd_csv_with_title_rows_and_indonesian_numbers(region, cast):
    result = _import(region, cast.officer_jateng, _csv())
    assert (result.rows, result.located) == (3, 2)
    rows = _stored(region)
    assert [str(r[3]) for r in rows] == ["1250000000.00", "750000000.00", "2000000000.50"]
    assert rows[0][4] == "33.02.01" and rows[1][4] == "33.02.01.2001"
    # A name that matches no region is kept as the region wrote it.
    assert rows[2][4] is None and rows[2][5] == "Desa Tidak Ada"
    assert rows[0][6] == "1.02" and rows[2][6] is None


def test_it_imports_the_same_rows_from_xlsx(region, cast):
    _import(region, cast.officer_jateng, _csv())
    from_csv = _stored(region)
    result = _import(region, cast.officer_jateng, _xlsx(), name="rkpd.xlsx")
    assert result.rows == 3 and _stored(region) == from_csv


def test_a_reimport_replaces_the_region_year_wholesale(region, cast):
    _import(region, cast.officer_jateng, _csv())
    _import(region, cast.officer_jateng, _csv(rows=ROWS[:1]))
    assert len(_stored(region)) == 1
    _import(region, cast.officer_jateng, _csv(rows=ROWS[1:2]), year=2025)
    assert len(_stored(region)) == 1 and len(_stored(region, 2025)) == 1


@pytest.mark.parametrize(
    ("change", "column", "fragment"),
    [
        ((4, "-5"), "E", "negatif"),
        ((4, "lima juta"), "E", "bukan angka"),
        ((4, ""), "E", "Wajib diisi"),
        ((2, ""), "C", "Wajib diisi"),
        ((5, "33.02.99"), "F", "33.02.99"),
        ((5, "91.03"), "F", "di luar"),
        ((6, "9.99"), "G", "9.99"),
    ],
)
def test_a_bad_row_is_reported_with_its_place_and_nothing_changes(region, cast, change, column, fragment):
    from selaras.plans.spreadsheets.errors import SpreadsheetImportError

    _import(region, cast.officer_jateng, _csv())
    before = _stored(region)
    rows = [list(r) for r in ROWS]
    rows[1][change[0]] = change[1]
    with pytest.raises(SpreadsheetImportError) as caught:
        _import(region, cast.officer_jateng, _csv(rows=rows))
    issue = next(iter(caught.value.errors))
    # Two title rows and the header: the second data row is row 5.
    assert (issue.row, issue.column) == (5, column), str(issue)
    assert fragment in issue.message
    assert _stored(region) == before


def test_every_bad_row_of_the_file_is_reported(region, cast):
    from selaras.plans.spreadsheets.errors import SpreadsheetImportError

    rows = [list(r) for r in ROWS]
    rows[0][4], rows[2][5] = "x", "99.99"
    with pytest.raises(SpreadsheetImportError) as caught:
        _import(region, cast.officer_jateng, _xlsx_with_text(rows), name="rkpd.xlsx")
    assert {(i.row, i.column) for i in caught.value.errors} == {(3, "E"), (5, "F")}
    assert _stored(region) == []


def _xlsx_with_text(rows) -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["RKPD"])
    ws.append(HEADER)
    for r in rows:
        ws.append(r)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def test_a_file_without_the_sipd_columns_is_refused(region, cast):
    from selaras.plans.spreadsheets.errors import SpreadsheetImportError

    with pytest.raises(SpreadsheetImportError) as caught:
        _import(region, cast.officer_jateng, b"a;b;c\n1;2;3\n")
    assert "Nama Sub Kegiatan" in next(iter(caught.value.errors)).message


def test_formulas_in_the_data_rows_are_refused(region, cast):
    from selaras.plans.spreadsheets.errors import SpreadsheetImportError

    rows = [list(r) for r in ROWS]
    rows[0][4] = "=1000*1000"
    with pytest.raises(SpreadsheetImportError) as caught:
        _import(region, cast.officer_jateng, _xlsx_with_text(rows), name="rkpd.xlsx")
    issue = next(iter(caught.value.errors))
    assert (issue.row, issue.column) == (3, "E") and "rumus" in issue.message


def test_an_officer_of_another_region_may_not_import(region, cast):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        _import(region, cast.officer_papua, _csv())
    assert _stored(region) == []


def test_the_command_imports_and_exits_non_zero_with_every_error(region, cast, tmp_path):
    good, bad = tmp_path / "rkpd.csv", tmp_path / "salah.csv"
    good.write_bytes(_csv())
    rows = [list(r) for r in ROWS]
    rows[0][4], rows[1][4] = "-1", "abc"
    bad.write_bytes(_csv(rows=rows))
    out = io.StringIO()
    call_command("import_regional_plan", str(good), region="33.02", year=2024, stdout=out)
    assert "3 sub kegiatan" in out.getvalue()
    err = io.StringIO()
    with pytest.raises(CommandError) as caught:
        call_command("import_regional_plan", str(bad), region="33.02", year=2024, stderr=err)
    assert caught.value.returncode == 1
    assert "baris 4, kolom E (Pagu)" in err.getvalue() and "baris 5, kolom E (Pagu)" in err.getvalue()
    assert len(_stored(region)) == 3
