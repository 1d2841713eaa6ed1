"""Opening an uploaded file safely before reading any cell: size limit,
empty file, a file that is not an .xlsx workbook whatever its name says,
and the cells Selaras refuses (formulas, merged cells).

python-calamine reads values fast but hides formulas (it returns their last
cached value), so formulas are found in the sheet XML itself: one regular
expression over each data sheet, far cheaper than loading it in openpyxl.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from xml.etree import ElementTree

from django.conf import settings
from django.utils.translation import gettext as _
from python_calamine import CalamineWorkbook

from selaras.plans.spreadsheets.errors import ImportErrorList, column_letter

DEFAULT_MAX_BYTES = 20 * 1024 * 1024

_FORMULA_CELL = re.compile(rb"<(?:\w+:)?c\b([^>]*)>\s*<(?:\w+:)?f[\s>/]")
_ANY_FORMULA = re.compile(rb"<(?:\w+:)?f[\s>/]")
_CELL_REF = re.compile(rb'\br="([A-Z]+[0-9]+)"')
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


def open_xlsx(source: Source, errors: ImportErrorList) -> tuple[CalamineWorkbook, zipfile.ZipFile] | None:
    """The workbook for reading values and its zip for checking the XML, or
    None with the reason added to `errors`."""
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
    try:
        archive = zipfile.ZipFile(source.open())
        if "xl/workbook.xml" not in archive.namelist():
            errors.file(not_excel)
            return None
        book = (
            CalamineWorkbook.from_path(str(source.path))
            if source.path
            else CalamineWorkbook.from_filelike(io.BytesIO(source.data))
        )
    except Exception:
        errors.file(_("Buku kerja Excel “%(name)s” rusak atau tidak dapat dibaca.") % {"name": source.name})
        return None
    return book, archive


def sheet_paths(archive: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name → path of its XML inside the archive."""
    workbook = ElementTree.fromstring(archive.read("xl/workbook.xml"))
    rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    targets = {r.get("Id"): r.get("Target", "") for r in rels}
    paths = {}
    for sheet in workbook.iter(f"{_NS_MAIN}sheet"):
        target = targets.get(sheet.get(f"{_NS_REL}id"), "")
        target = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
        paths[sheet.get("name")] = target
    return paths


def formula_cells(archive: zipfile.ZipFile, path: str) -> list[str]:
    """References (e.g. "F5") of every cell holding a formula."""
    try:
        data = archive.read(path)
    except KeyError:
        return []
    if not _ANY_FORMULA.search(data):
        return []
    refs = []
    for match in _FORMULA_CELL.finditer(data):
        ref = _CELL_REF.search(match.group(1))
        if ref:
            refs.append(ref.group(1).decode())
    return refs


def split_ref(ref: str) -> tuple[str, int]:
    letters = ref.rstrip("0123456789")
    return letters, int(ref[len(letters) :])


def check_cells(
    book: CalamineWorkbook, archive: zipfile.ZipFile, sheet: str, errors: ImportErrorList, headers: dict[str, str]
) -> bool:
    """Refuse formulas and merged cells in a data sheet. `headers` maps a
    column letter to its header, for the message. True when clean."""
    clean = True
    paths = sheet_paths(archive)
    for ref in formula_cells(archive, paths.get(sheet, "")):
        letter, row = split_ref(ref)
        errors.add(
            _("Sel berisi rumus. Ganti rumus dengan nilainya (salin lalu tempel sebagai nilai)."),
            sheet=sheet,
            row=row,
            column=letter,
            header=headers.get(letter, ""),
        )
        clean = False
    for (r0, c0), (r1, c1) in book.get_sheet_by_name(sheet).merged_cell_ranges or []:
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
