"""Reading a region's own sub-activities (its RKPD as exported from a
SIPD-like planning system) from .xlsx or .csv.

The file may start with title rows: the header row is the first of the
first rows that names "Nama Sub Kegiatan". Rows are read as a stream and
handed over in batches, so a million sub-activities never sit in memory at
once; the caller inserts batches inside one transaction and rolls back if
any row had an error.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from django.utils.translation import gettext as _

from selaras.core import uploads
from selaras.plans.spreadsheets import cells, workbook
from selaras.plans.spreadsheets.errors import ImportErrorList, column_letter
from selaras.plans.spreadsheets.layout import normalise_header
from selaras.registry.models import Affair, Region

HEADER_SEARCH_ROWS = 15
DEFAULT_MAX_BYTES = 512 * 1024 * 1024
DEFAULT_MAX_ROWS = 1_000_000
# A workbook is loaded whole by calamine, a CSV streamed: a workbook gets
# fewer cells (about 450 MB at most), a region with more rows sends a CSV.
XLSX_MAX_COLUMNS = 60
XLSX_MAX_CELLS = 3_000_000
XLSX_ZIP_LIMITS = uploads.ZipLimits(max_total_bytes=384 * uploads.MB, max_entry_bytes=256 * uploads.MB)


def max_rows() -> int:
    from django.conf import settings

    return int(getattr(settings, "REGIONAL_IMPORT_MAX_ROWS", DEFAULT_MAX_ROWS))


def max_upload_bytes() -> int:
    from django.conf import settings

    return int(getattr(settings, "REGIONAL_IMPORT_MAX_BYTES", DEFAULT_MAX_BYTES))


def xlsx_limits() -> uploads.SheetLimits:
    return uploads.SheetLimits(
        max_rows=max_rows() + HEADER_SEARCH_ROWS,
        max_columns=XLSX_MAX_COLUMNS,
        max_cells=XLSX_MAX_CELLS,
        max_text_bytes=128 * uploads.MB,
    )


CODE, NAME, OFFICE, BUDGET, LOCATION, AFFAIR = "code", "name", "office", "budget", "location", "affair"
HEADERS = {
    CODE: ("Kode Sub Kegiatan", ("kode sub kegiatan", "kode subkegiatan")),
    NAME: ("Nama Sub Kegiatan", ("nama sub kegiatan", "nama subkegiatan", "sub kegiatan")),
    OFFICE: ("Perangkat Daerah", ("perangkat daerah", "skpd", "opd", "unit")),
    BUDGET: ("Pagu", ("pagu", "pagu indikatif", "anggaran", "pagu (rp)")),
    LOCATION: ("Lokasi", ("lokasi",)),
    AFFAIR: ("Kode Urusan", ("kode urusan", "kode bidang urusan")),
}
REQUIRED = (CODE, NAME, OFFICE, BUDGET, LOCATION)
# The `RegionalSubActivity` fields each row tuple gives, in order.
COLUMNS = ("code", "name", "implementing_office", "budget", "location", "location_text", "affair", "row_number")
MAX_LENGTH = {CODE: 40, NAME: 500, OFFICE: 255}

_REGION_CODE = re.compile(r"^\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?$")
_PREFIX = re.compile(
    r"^(desa|kelurahan|kel\.?|kecamatan|kec\.?|kabupaten|kab\.?|kota|distrik|kampung|provinsi|prov\.?)\s+",
    re.IGNORECASE,
)

Progress = Callable[[int, int, str], None]


@dataclass
class RegionalRead:
    """What was read: rows in batches of tuples in `COLUMNS` order
    (consumed once), counts afterwards."""

    sheet: str
    batches: Iterator[list[tuple]]
    rows: int = 0
    located: int = 0


def _plain_name(text: str) -> str:
    return " ".join(_PREFIX.sub("", text.strip()).split()).casefold()


class Locations:
    """Resolves a location cell to a region inside the importing region: a
    Kemendagri code, or names such as "Desa Sukamaju, Kec. Lumbir"."""

    def __init__(self, region: Region) -> None:
        self.root = region
        rows = Region.objects.within(region.code).values_list("id", "code", "name", "valid_until")
        self.by_code = {code: (pk, name, until) for pk, code, name, until in rows}
        self.by_name: dict[str, list[str]] = {}
        for code, (_pk, name, _until) in self.by_code.items():
            self.by_name.setdefault(_plain_name(name), []).append(code)

    def resolve(self, text: str) -> tuple[int | None, str | None]:
        """(region id or None, error message or None)."""
        if _REGION_CODE.match(text):
            found = self.by_code.get(text)
            if found is None:
                if Region.objects.filter(code=text).exists():
                    return None, _("Wilayah %(code)s berada di luar %(region)s.") % {
                        "code": text,
                        "region": self.root.name,
                    }
                return None, _("Kode wilayah “%(code)s” tidak dikenal.") % {"code": text}
            if found[2] is not None:
                return None, _("Wilayah %(code)s sudah tidak berlaku.") % {"code": text}
            return found[0], None
        parts = [_plain_name(p) for p in text.split(",") if p.strip()]
        if not parts:
            return None, None
        candidates = self.by_name.get(parts[0], [])
        for parent_name in parts[1:]:
            narrowed = [
                c
                for c in candidates
                if any(_plain_name(self.by_code[a][1]) == parent_name for a in _ancestors(c) if a in self.by_code)
            ]
            candidates = narrowed
        current = [c for c in candidates if self.by_code[c][2] is None]
        # A name that matches no region, or several, stays as text: the
        # region's own wording is kept, never guessed.
        return (self.by_code[current[0]][0], None) if len(current) == 1 else (None, None)


def _ancestors(code: str) -> list[str]:
    parts = code.split(".")
    return [".".join(parts[:i]) for i in range(1, len(parts))]


def _csv_rows(source: workbook.Source, errors: ImportErrorList) -> Iterator[list[str]] | None:
    raw = source.open()
    sample = raw.read(65536)
    raw.seek(0)
    if b"\x00" in sample:
        errors.file(_("Berkas “%(name)s” bukan berkas CSV teks.") % {"name": source.name})
        return None
    try:
        sample.decode("utf-8-sig")
        encoding = "utf-8-sig"
    except UnicodeDecodeError as exc:
        # A multi-byte character cut at the sample's end is still UTF-8.
        encoding = "utf-8-sig" if exc.start >= len(sample) - 4 else "cp1252"
    text = io.TextIOWrapper(raw, encoding=encoding, errors="strict", newline="")
    first = sample.decode(encoding, errors="ignore").splitlines()[:HEADER_SEARCH_ROWS]
    counts = {d: sum(line.count(d) for line in first) for d in (";", ",", "\t", "|")}
    delimiter = max(counts, key=counts.get)

    def rows() -> Iterator[list[str]]:
        try:
            yield from uploads.csv_rows(text, delimiter=delimiter, max_rows=max_rows() + HEADER_SEARCH_ROWS)
        except uploads.UploadRefused as refused:
            errors.add(refused.message, sheet=source.name, row=refused.row)
        except (UnicodeDecodeError, csv.Error) as exc:
            errors.file(_("Berkas CSV tidak dapat dibaca: %(reason)s") % {"reason": str(exc)[:200]})

    return rows()


def _xlsx_rows(source: workbook.Source, errors: ImportErrorList) -> tuple[str, Iterator[list], object] | None:
    opened = workbook.open_xlsx(source, errors, XLSX_ZIP_LIMITS)
    if opened is None:
        return None
    try:
        names = opened.sheet_names
        if not names:
            errors.file(_("Buku kerja tidak memiliki lembar."))
            return None
        name = names[0]
        loaded = opened.sheet(name, errors, xlsx_limits())
    finally:
        opened.close()
    if loaded is None:
        return None
    sheet_data, scan = loaded
    return name, workbook.iter_rows(sheet_data), (sheet_data, scan)


def _locate_header(rows: Iterator[list]) -> tuple[int, list, list[list]]:
    """(1-based header row number, header, rows before it); header empty when
    not found in the first rows."""
    seen = []
    for number, row in enumerate(rows, start=1):
        names = {normalise_header(v) for v in row}
        if names & set(HEADERS[NAME][1]):
            return number, row, seen
        seen.append(row)
        if number >= HEADER_SEARCH_ROWS:
            break
    return 0, [], seen


def read_regional_file(
    file,
    *,
    region: Region,
    errors: ImportErrorList,
    name: str | None = None,
    batch_size: int = 5000,
    max_bytes: int | None = None,
) -> RegionalRead | None:
    """Open and check the file's structure; rows come from `batches`. Row
    errors are added to `errors` as the batches are consumed."""
    source = workbook.as_source(file, name)
    limit = max_bytes or max_upload_bytes()
    if not workbook.check_size(source, errors, limit):
        return None
    is_xlsx = source.head(4) == b"PK\x03\x04" or source.suffix in (".xlsx", ".xlsm", ".xls")
    checked = None
    if is_xlsx:
        opened = _xlsx_rows(source, errors)
        if opened is None:
            return None
        sheet, rows, checked = opened
    else:
        sheet = source.name
        rows = _csv_rows(source, errors)
        if rows is None:
            return None
    header_row, header, _before = _locate_header(rows)
    if not header:
        errors.add(
            _("Baris judul kolom tidak ditemukan: kolom %(columns)s wajib ada.")
            % {"columns": ", ".join(f"“{HEADERS[k][0]}”" for k in REQUIRED)},
            sheet=sheet,
        )
        return None
    positions: dict[str, int] = {}
    for index, text in enumerate(header):
        key = next((k for k, (_label, names) in HEADERS.items() if normalise_header(text) in names), None)
        if key and key not in positions:
            positions[key] = index
    missing = [k for k in REQUIRED if k not in positions]
    for key in missing:
        errors.add(
            _("Kolom wajib “%(header)s” tidak ada di baris judul.") % {"header": HEADERS[key][0]},
            sheet=sheet,
            row=header_row,
        )
    if checked is not None:
        sheet_data, scan = checked
        letters = {column_letter(i): HEADERS[k][0] for k, i in positions.items()}
        _check_data_cells(sheet_data, scan, sheet, header_row, letters, errors)
    if missing:
        return None
    result = RegionalRead(sheet=sheet, batches=iter(()))
    result.batches = _batches(rows, header_row, positions, region, errors, result, batch_size)
    return result


def _check_data_cells(sheet_data, scan, sheet, header_row, letters, errors: ImportErrorList) -> None:
    # Title rows above the header are often merged in exports; only the
    # header and data rows must be plain cells.
    scratch = ImportErrorList()
    workbook.check_cells(sheet_data, scan, sheet, scratch, letters)
    for issue in scratch:
        if issue.row is not None and issue.row >= header_row:
            errors.add(issue.message, sheet=issue.sheet, row=issue.row, column=issue.column, header=issue.header)


def _batches(
    rows, header_row, positions, region, errors: ImportErrorList, result: RegionalRead, batch_size: int
) -> Iterator[list[tuple]]:
    locations = Locations(region)
    affairs = {code: pk for code, pk in Affair.objects.values_list("code", "id")} if AFFAIR in positions else {}
    batch: list[tuple] = []
    sheet = result.sheet

    def cell(values, key):
        index = positions.get(key)
        return values[index] if index is not None and index < len(values) else ""

    for number, values in enumerate(rows, start=header_row + 1):
        if all(cells.is_blank(v) for v in values):
            continue
        result.rows += 1
        ok = True

        def fail(key, message, number=number):
            nonlocal ok
            ok = False
            errors.add(message, sheet=sheet, row=number, column=column_letter(positions[key]), header=HEADERS[key][0])

        texts = {}
        for key in (CODE, NAME, OFFICE):
            try:
                texts[key] = cells.as_code(cell(values, key)) if key == CODE else cells.as_text(cell(values, key))
            except cells.CellError as exc:
                fail(key, str(exc))
                texts[key] = ""
            if len(texts[key]) > MAX_LENGTH[key]:
                fail(
                    key,
                    _("Terlalu panjang: %(length)s karakter, paling banyak %(max)s.")
                    % {"length": len(texts[key]), "max": MAX_LENGTH[key]},
                )
        if not texts[NAME]:
            fail(NAME, _("Wajib diisi."))
        budget = None
        try:
            budget = cells.as_decimal(cell(values, BUDGET))
            if budget is None:
                fail(BUDGET, _("Wajib diisi."))
        except cells.CellError as exc:
            fail(BUDGET, str(exc))
        location_text = cells.as_text(cell(values, LOCATION))
        location_id = None
        if location_text:
            location_id, message = locations.resolve(cells.as_code(cell(values, LOCATION)) or location_text)
            if message:
                fail(LOCATION, message)
        affair_id = None
        affair_code = cells.as_code(cell(values, AFFAIR)) if AFFAIR in positions else ""
        if affair_code:
            affair_id = affairs.get(affair_code)
            if affair_id is None:
                fail(AFFAIR, _("Kode urusan “%(code)s” tidak dikenal.") % {"code": affair_code})
        if not ok or errors:
            continue  # keep checking; nothing more is inserted once a row failed
        result.located += location_id is not None
        batch.append(
            (texts[CODE], texts[NAME], texts[OFFICE], budget, location_id, location_text[:255], affair_id, number)
        )
        if len(batch) >= batch_size:
            yield batch
            batch = []
    if batch and not errors:
        yield batch


__all__ = ["RegionalRead", "read_regional_file"]
