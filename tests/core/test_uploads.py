"""The upload guard judges a file from its first bytes, its zip directory
and one streaming pass over a sheet, before any reader may load it."""

from __future__ import annotations

import io
import zipfile

import pytest

from selaras.core import uploads
from selaras.core.uploads import SheetLimits, UploadRefused, ZipLimits
from selaras.plans.spreadsheets.layout import ACTIVITIES
from tests.plans.badfiles.hostile import SHEET_TAIL, bomb_chunks, header_row, inline, sheet_head, xlsx

LIMITS = SheetLimits(max_rows=101, max_columns=40, max_cells=101 * 40, max_text_bytes=1024 * 1024)


def _scan(data: bytes, limits: SheetLimits = LIMITS) -> uploads.SheetScan:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        shared = uploads.shared_string_sizes(archive, "xl/sharedStrings.xml", max_count=10**6)
        return uploads.scan_sheet(archive, "xl/worksheets/sheet1.xml", sheet="Kegiatan", limits=limits, shared=shared)


def _check_zip(data: bytes, limits: ZipLimits | None = None) -> None:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        uploads.check_zip(archive, limits or ZipLimits())


def _sheet(rows: str, dimension: str = "") -> bytes:
    return xlsx(sheet_head(dimension) + header_row() + rows + SHEET_TAIL)


def test_it_tells_a_workbook_from_a_renamed_file_by_its_first_bytes():
    data = xlsx()
    names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    assert uploads.sniff_type(data[:8], names) == uploads.XLSX_TYPE
    assert uploads.sniff_type(data[:8]) == "application/zip"
    assert uploads.sniff_type(b"%PDF-1.7\n") == "application/pdf"
    assert uploads.sniff_type(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1") == "application/x-ole-storage"
    assert uploads.sniff_type(b"Kode;Judul\nK001;Pelatihan kader\n") == "text/plain"
    assert uploads.sniff_type(b"\x00\x01\x02binary") == "application/octet-stream"


def test_an_ordinary_sheet_passes_with_its_extent_and_formulas():
    rows = '<row r="2">' + inline("A2", "K001") + '<c r="F2"><f>1+1</f><v>2</v></c></row>'
    width = len(ACTIVITIES.columns)
    scan = _scan(_sheet(rows, f"A1:{uploads.column_letters(width)}2"))
    assert (scan.rows, scan.columns) == (2, width)
    assert scan.formulas == ["F2"]


def test_it_refuses_a_cell_at_xfd1048576_naming_the_sheet_and_the_cell():
    rows = '<row r="1048576">' + inline("XFD1048576", "x") + "</row>"
    with pytest.raises(UploadRefused) as refused:
        _scan(_sheet(rows))
    assert refused.value.sheet == "Kegiatan"
    assert "Sel XFD1048576 berada di luar batas" in refused.value.message
    assert "kolom AN dan baris 101" in refused.value.message


def test_it_refuses_a_far_column_even_without_cell_references():
    # Cells without r="…" take the next column: 50 of them reach AX.
    rows = "<row>" + "<c><v>1</v></c>" * 50 + "</row>"
    with pytest.raises(UploadRefused, match="Sel AO2 berada"):
        _scan(_sheet(rows))


def test_it_refuses_a_sheet_that_claims_a_million_rows():
    with pytest.raises(UploadRefused) as refused:
        _scan(_sheet("", "A1:S1000000"))
    assert "ukuran A1:S1000000" in refused.value.message and refused.value.sheet == "Kegiatan"


def test_it_refuses_one_long_text_repeated_in_every_cell():
    # 100 rows x 19 cells x 20 KB = 38 MB of text, from a file of a few KB.
    long_text = "x" * 20_000
    cells = "".join(f'<c r="{chr(65 + i)}{{r}}" t="s"><v>0</v></c>' for i in range(19))
    rows = "".join(f'<row r="{r}">' + cells.replace("{r}", str(r)) + "</row>" for r in range(2, 101))
    data = xlsx(sheet_head() + header_row() + rows + SHEET_TAIL, shared=[long_text])
    assert len(data) < 50_000
    with pytest.raises(UploadRefused, match="memuat teks lebih dari 1,0 MB"):
        _scan(data)


def test_it_refuses_a_zip_bomb_from_the_directory_without_unpacking_it():
    data = xlsx(bomb_chunks(200))  # 200 MB of rows in well under 1 MB
    assert len(data) < 1024 * 1024
    with pytest.raises(UploadRefused) as refused:
        _check_zip(data)
    assert "xl/worksheets/sheet1.xml" in refused.value.message and "mengembang" in refused.value.message


def test_it_refuses_content_larger_than_the_limit_once_unpacked():
    data = xlsx(bomb_chunks(3))
    with pytest.raises(UploadRefused, match="paling besar 2,0 MB"):
        _check_zip(data, ZipLimits(max_entry_bytes=2 * uploads.MB, max_ratio=10_000))


def test_it_refuses_too_many_entries():
    extra = {f"xl/media/image{i}.png": b"\x89PNG" for i in range(400)}
    with pytest.raises(UploadRefused, match="bagian; paling banyak 300"):
        _check_zip(xlsx(extra=extra))


@pytest.mark.parametrize(
    ("extra", "fragment"),
    [
        ({"../../etc/passwd": b"x"}, "tidak wajar"),
        ({"xl/embeddings/inner.zip": b"PK"}, "arsip lain"),
    ],
)
def test_it_refuses_odd_entries(extra, fragment):
    with pytest.raises(UploadRefused, match=fragment):
        _check_zip(xlsx(extra=extra))


def test_it_refuses_a_bzip2_compressed_sheet_naming_the_entry():
    with pytest.raises(UploadRefused) as refused:
        _check_zip(xlsx(method=zipfile.ZIP_BZIP2))
    assert "xl/worksheets/sheet1.xml" in refused.value.message and "tidak didukung" in refused.value.message


def test_csv_rows_stop_at_the_row_limit():
    text = io.StringIO("a;b\n" * 50)
    rows = uploads.csv_rows(text, delimiter=";", max_rows=10)
    got = []
    with pytest.raises(UploadRefused, match="lebih dari 10 baris"):
        for row in rows:
            got.append(row)
    assert len(got) == 10


def test_csv_rows_refuse_a_line_without_end():
    text = io.StringIO(";" * 3_000_000)
    with pytest.raises(UploadRefused, match="Baris 1 lebih panjang"):
        list(uploads.csv_rows(text, delimiter=";", max_rows=10))
