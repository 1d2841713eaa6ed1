"""Opening an uploaded file safely before reading any cell: size limit,
empty file, a file that is not an .xlsx workbook whatever its name says,
a zip or a sheet too large to read (`selaras.core.uploads`), and the cells
Selaras refuses (formulas, merged cells).

python-calamine reads values fast but hides formulas (it returns their last
cached value), so formulas are found in the sheet XML itself, by the same
streaming pass that checks the sheet's size before calamine loads it.
"""

from __future__ import annotations

import io
import zipfile
from array import array
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from xml.etree import ElementTree

from django.conf import settings
from django.utils.translation import gettext as _
from python_calamine import CalamineError, CalamineWorkbook

from selaras.core import uploads
from selaras.core.uploads import MB
from selaras.plans.spreadsheets.errors import ImportErrorList, column_letter

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
DEFAULT_MAX_ROWS = 30_000
PLAN_MAX_COLUMNS = 40
PLAN_ZIP_LIMITS = uploads.ZipLimits()
MAX_SHARED_STRINGS = 3_000_000
_NS_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_NS_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"


def max_upload_bytes() -> int:
    return int(getattr(settings, "PLAN_IMPORT_MAX_BYTES", DEFAULT_MAX_BYTES))


@dataclass
class Source:
    """An uploaded or local file, as a path when there is one (calamine and
    zipfile read a path without copying it into memory)."""

    name: str
    path: Path | None = None
    data: bytes | None = None

    @property
    def size(self) -> int:
        return self.path.stat().st_size if self.path is not None else len(self.data or b"")

    def head(self, n: int = 8) -> bytes:
        if self.path is not None:
            with self.path.open("rb") as fh:
                return fh.read(n)
        return (self.data or b"")[:n]

    def open(self):
        return self.path.open("rb") if self.path is not None else io.BytesIO(self.data or b"")

    @property
    def suffix(self) -> str:
        return PurePosixPath(self.name).suffix.lower()


def as_source(file, name: str | None = None) -> Source:
    """Accept a path, bytes, or a file object (Django's UploadedFile too)."""
    if isinstance(file, (str, Path)):
        path = Path(file)
        return Source(name or path.name, path=path)
    if isinstance(file, (bytes, bytearray)):
        return Source(name or "berkas.xlsx", data=bytes(file))
    temp = getattr(file, "temporary_file_path", None)
    if callable(temp):
        return Source(name or getattr(file, "name", "") or "berkas", path=Path(temp()))
    if hasattr(file, "seek"):
        file.seek(0)
    data = file.read()
    return Source(name or Path(getattr(file, "name", "") or "berkas").name, data=data)


def check_size(source: Source, errors: ImportErrorList, limit: int | None = None) -> bool:
    limit = max_upload_bytes() if limit is None else limit
    size = source.size
    if size == 0:
        errors.file(_("Berkas kosong: tidak ada isinya."))
        return False
    if size > limit:
        errors.file(
            _("Berkas terlalu besar (%(size)s MB); batas unggahan %(limit)s MB. Bagi berkas menjadi beberapa bagian.")
            % {"size": _mb(size), "limit": _mb(limit)}
        )
        return False
    return True


def _mb(n: int) -> str:
    return f"{n / 1024 / 1024:.1f}".replace(".", ",")


def plan_sheet_limits() -> uploads.SheetLimits:
    """How far a plan sheet may reach: the layout needs 19 columns (room is
    left for a note column or two) and the configured number of rows."""
    rows = int(getattr(settings, "PLAN_IMPORT_MAX_ROWS", DEFAULT_MAX_ROWS)) + 1
    return uploads.SheetLimits(
        max_rows=rows, max_columns=PLAN_MAX_COLUMNS, max_cells=rows * PLAN_MAX_COLUMNS, max_text_bytes=32 * MB
    )


def open_xlsx(source: Source, errors: ImportErrorList, limits: uploads.ZipLimits = PLAN_ZIP_LIMITS) -> Workbook | None:
    """The workbook, its zip checked (`uploads.check_zip`), or None with the
    reason added to `errors`. Sheets are loaded one by one, each checked
    first, through `Workbook.sheet`."""
    head = source.head()
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        errors.file(_("Berkas berformat Excel lama (.xls). Simpan ulang sebagai buku kerja Excel (.xlsx)."))
        return None
    not_excel = _(
        "Berkas “%(name)s” bukan buku kerja Excel (.xlsx), meskipun namanya demikian. "
        "Unggah berkas .xlsx yang diunduh dari templat Selaras."
    ) % {"name": source.name}
    if not head.startswith(b"PK\x03\x04"):
        errors.file(not_excel)
        return None
    broken = _("Buku kerja Excel “%(name)s” rusak atau tidak dapat dibaca.") % {"name": source.name}
    try:
        archive = zipfile.ZipFile(source.open())
    except Exception:
        errors.file(broken)
        return None
    try:
        if "xl/workbook.xml" not in archive.NameToInfo:
            errors.file(not_excel)
            return None
        uploads.check_zip(archive, limits)
        for part in (*_SMALL_PARTS, *(n for n in archive.NameToInfo if n.endswith(".rels"))):
            info = archive.NameToInfo.get(part)
            if info is not None and info.file_size > SMALL_PART_BYTES:
                raise uploads.UploadRefused(
                    _("Bagian “%(entry)s” terlalu besar untuk buku kerja biasa.") % {"entry": part}
                )
        paths, shared_path = _parts(archive)
        # calamine loads every shared string when it opens the workbook.
        shared = uploads.shared_string_sizes(archive, shared_path, max_count=MAX_SHARED_STRINGS)
        book = (
            CalamineWorkbook.from_path(str(source.path))
            if source.path
            else CalamineWorkbook.from_filelike(io.BytesIO(source.data))
        )
    except uploads.UploadRefused as refused:
        errors.file(refused.message)
        archive.close()
        return None
    except Exception:
        errors.file(broken)
        archive.close()
        return None
    return Workbook(book, archive, paths, shared)


def precheck(
    file, name: str | None = None, *, limits: uploads.ZipLimits = PLAN_ZIP_LIMITS, max_bytes: int | None = None
) -> None:
    """What can be judged while the person waits, without unpacking: size,
    and for a zip its directory. Raises `SpreadsheetImportError`, so a
    hostile file is refused at upload instead of in a background job."""
    errors = ImportErrorList()
    source = as_source(file, name)
    if check_size(source, errors, max_bytes) and source.head(4) == b"PK\x03\x04":
        try:
            with zipfile.ZipFile(source.open()) as archive:
                uploads.check_zip(archive, limits)
        except uploads.UploadRefused as refused:
            errors.file(refused.message)
        except Exception:
            errors.file(_("Buku kerja Excel “%(name)s” rusak atau tidak dapat dibaca.") % {"name": source.name})
    if hasattr(file, "seek"):
        file.seek(0)
    errors.raise_if_any()


@dataclass
class Workbook:
    """An opened upload: calamine for values, the zip for checking the XML."""

    book: CalamineWorkbook
    archive: zipfile.ZipFile
    paths: dict[str, str]  # sheet name → its XML inside the archive
    shared: array  # byte length of each shared string

    @property
    def sheet_names(self) -> list[str]:
        return list(self.book.sheet_names)

    def close(self) -> None:
        self.archive.close()

    def sheet(self, name: str, errors: ImportErrorList, limits: uploads.SheetLimits):
        """(calamine sheet, scan) of sheet `name` once its XML passed
        `uploads.scan_sheet`, or None with the reason in `errors`: a reader
        never loads a sheet that would not fit in memory."""
        try:
            path = self.paths.get(name)
            if path is None or path not in self.archive.NameToInfo:
                raise uploads.UploadRefused(_("Lembar tidak ditemukan di dalam berkas."), sheet=name)
            scan = uploads.scan_sheet(self.archive, path, sheet=name, limits=limits, shared=self.shared)
        except uploads.UploadRefused as refused:
            errors.add(refused.message, sheet=refused.sheet or name)
            return None
        try:
            return self.book.get_sheet_by_name(name), scan
        except (CalamineError, ValueError, NotImplementedError, OSError):
            errors.add(_("Lembar ini tidak dapat dibaca; simpan ulang berkas dengan Excel."), sheet=name)
            return None


def iter_rows(sheet_data) -> Iterator[list]:
    """Every row from row 1 and column A, one at a time: calamine starts
    its rows at row 1 but its columns at the first used one."""
    start = (sheet_data.start or (0, 0))[1] if sheet_data.height else 0
    pad = [""] * start
    for values in sheet_data.iter_rows():
        yield pad + values if pad else values


_SMALL_PARTS = ("xl/workbook.xml", "xl/styles.xml", "[Content_Types].xml")
SMALL_PART_BYTES = 16 * MB


def _parts(archive: zipfile.ZipFile) -> tuple[dict[str, str], str]:
    """Sheet name → path of its XML inside the archive, and the path of the
    shared strings."""
    workbook = ElementTree.fromstring(archive.read("xl/workbook.xml"))
    rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    targets = {r.get("Id"): _target(r.get("Target", "")) for r in rels}
    shared = next(
        (_target(r.get("Target", "")) for r in rels if r.get("Type", "").endswith("/sharedStrings")),
        "xl/sharedStrings.xml",
    )
    paths = {}
    for sheet in workbook.iter(f"{_NS_MAIN}sheet"):
        paths[sheet.get("name")] = targets.get(sheet.get(f"{_NS_REL}id"), "")
    return paths, shared


def _target(target: str) -> str:
    return target.lstrip("/") if target.startswith("/") else f"xl/{target}"


def split_ref(ref: str) -> tuple[str, int]:
    letters = ref.rstrip("0123456789")
    return letters, int(ref[len(letters) :])


def check_cells(
    sheet_data, scan: uploads.SheetScan, sheet: str, errors: ImportErrorList, headers: dict[str, str]
) -> bool:
    """Refuse formulas and merged cells in a data sheet (`sheet_data` and
    `scan` as `Workbook.sheet` gives them). `headers` maps a column letter
    to its header, for the message. True when clean."""
    clean = True
    for ref in scan.formulas:
        letter, row = split_ref(ref)
        errors.add(
            _("Sel berisi rumus. Ganti rumus dengan nilainya (salin lalu tempel sebagai nilai)."),
            sheet=sheet,
            row=row,
            column=letter,
            header=headers.get(letter, ""),
        )
        clean = False
    for (r0, c0), (r1, c1) in sheet_data.merged_cell_ranges or []:
        rng = f"{column_letter(c0)}{r0 + 1}:{column_letter(c1)}{r1 + 1}"
        errors.add(
            _("Sel %(range)s digabung (merge). Pisahkan sel gabungan: setiap sel diisi sendiri.") % {"range": rng},
            sheet=sheet,
            row=r0 + 1,
            column=column_letter(c0),
            header=headers.get(column_letter(c0), ""),
        )
        clean = False
    return clean
