"""Checks an uploaded file passes before any reader opens it.

A reader trusts what a file says about itself: a workbook with one cell at
XFD1048576 makes a spreadsheet library allocate the whole rectangle up to it
(hundreds of GB), a 1 MB zip can unpack to gigabytes, and one long shared
string referenced by every cell is copied into each of them. So an upload is
judged first from what costs nothing to read (its first bytes, the zip
directory), then from one streaming pass over each sheet's XML that keeps
only counters; only then may a reader load it. Every refusal is an
`UploadRefused` saying what and where, in the user's language.

Generic on purpose: any app that accepts a workbook, a CSV or a document
uses these checks with limits of its own.

It stays whole over 400 lines: the zip, sheet and CSV checks are small and
share the limits, the counters and `UploadRefused`.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from array import array
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from django.utils.translation import gettext as _

MB = 1024 * 1024
EXCEL_MAX_ROWS = 1_048_576
EXCEL_MAX_COLUMNS = 16_384

# Zip compression methods every reader here can read: stored and deflate.
# Others (bzip2, lzma, deflate64 …) fail deep inside a reader.
READABLE_METHODS = {zipfile.ZIP_STORED: "stored", zipfile.ZIP_DEFLATED: "deflate"}
_ARCHIVE_SUFFIXES = {".zip", ".gz", ".tgz", ".bz2", ".xz", ".7z", ".rar", ".tar", ".zst", ".lz4"}
_CHUNK = 1 << 20


class UploadRefused(Exception):
    """The upload may not be read; `message` says why, `sheet`, `row` and
    `column` where (when known): the caller puts the place before the
    message ("Lembar Kegiatan: …"), as it does for any other error."""

    def __init__(self, message: str, *, sheet: str = "", row: int | None = None, column: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.sheet = sheet
        self.row = row
        self.column = column


# --- what a file is, by its first bytes -----------------------------------------
_MAGIC = (
    (b"PK\x03\x04", "application/zip"),
    (b"PK\x05\x06", "application/zip"),  # an empty zip
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "application/x-ole-storage"),  # .xls, .doc
    (b"%PDF-", "application/pdf"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
    (b"\x1f\x8b", "application/gzip"),
    (b"BZh", "application/x-bzip2"),
    (b"7z\xbc\xaf\x27\x1c", "application/x-7z-compressed"),
    (b"Rar!\x1a\x07", "application/vnd.rar"),
)
_OFFICE_PARTS = (
    ("xl/workbook.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    ("word/document.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    ("ppt/presentation.xml", "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
)
XLSX_TYPE = _OFFICE_PARTS[0][1]
DOCX_TYPE = _OFFICE_PARTS[1][1]


def sniff_type(head: bytes, names: Iterable[str] = ()) -> str:
    """The content type a file's first bytes show, whatever its name says:
    zip-based Office files by the part they hold (`names`, the zip's
    members, when the caller opened it), text when the start decodes as
    UTF-8 without control bytes, else application/octet-stream."""
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            if kind == "application/zip":
                members = set(names)
                for part, office in _OFFICE_PARTS:
                    if part in members:
                        return office
            return kind
    if head.startswith(b"\xef\xbb\xbf"):
        return "text/plain"
    try:
        text = head.decode("utf-8")
    except UnicodeDecodeError as exc:
        # A multi-byte character cut at the sample's end is still text.
        if exc.start < len(head) - 3:
            return "application/octet-stream"
        text = head[: exc.start].decode("utf-8")
    if any(ord(ch) < 32 and ch not in "\t\r\n\f" for ch in text):
        return "application/octet-stream"
    return "text/plain"


# --- the zip directory ------------------------------------------------------------
@dataclass(frozen=True)
class ZipLimits:
    """What a zip upload may hold, judged from its directory alone."""

    max_entries: int = 300
    max_total_bytes: int = 256 * MB  # uncompressed, all entries
    max_entry_bytes: int = 128 * MB  # uncompressed, one entry
    # Office XML compresses about 5-20 times; a bomb, hundreds of times.
    max_ratio: int = 100
    ratio_from_bytes: int = 1 * MB  # tiny entries may compress as they like


def _mb(n: int) -> str:
    return f"{n / MB:.1f}".replace(".", ",")


def check_zip(archive: zipfile.ZipFile, limits: ZipLimits = ZipLimits()) -> None:
    """Refuse a zip that would cost too much to unpack, or that readers
    could read differently (duplicate names, paths outside the archive,
    nested archives, encryption, unsupported compression). Reads only the
    directory: nothing is decompressed. The declared sizes are binding:
    Python's zipfile and the Rust readers stop at them."""
    infos = archive.infolist()
    if len(infos) > limits.max_entries:
        raise UploadRefused(
            _("Berkas memuat %(count)s bagian; paling banyak %(max)s. Berkas ini bukan buku kerja biasa.")
            % {"count": len(infos), "max": limits.max_entries}
        )
    seen: set[str] = set()
    total = 0
    for info in infos:
        name = info.filename
        if name in seen:
            raise UploadRefused(_("Bagian “%(entry)s” muncul dua kali di dalam berkas.") % {"entry": name[:120]})
        seen.add(name)
        path = PurePosixPath(name)
        if name.startswith(("/", "\\")) or "\\" in name or ".." in path.parts or ":" in name:
            raise UploadRefused(_("Berkas memuat bagian bernama tidak wajar: “%(entry)s”.") % {"entry": name[:120]})
        if path.suffix.lower() in _ARCHIVE_SUFFIXES:
            raise UploadRefused(
                _("Berkas memuat arsip lain di dalamnya (“%(entry)s”); arsip bertingkat tidak diterima.")
                % {"entry": name[:120]}
            )
        if info.flag_bits & 0x1:
            raise UploadRefused(_("Berkas dienkripsi atau dilindungi kata sandi. Simpan tanpa kata sandi."))
        if info.compress_type not in READABLE_METHODS:
            raise UploadRefused(
                _(
                    "Bagian “%(entry)s” dikompresi dengan metode yang tidak didukung (%(method)s). "
                    "Simpan ulang berkas dengan Excel atau LibreOffice."
                )
                % {"entry": name[:120], "method": info.compress_type}
            )
        if info.file_size > limits.ratio_from_bytes and info.file_size > limits.max_ratio * max(info.compress_size, 1):
            raise UploadRefused(
                _(
                    "Bagian “%(entry)s” mengembang %(ratio)s kali saat dibuka (%(size)s MB); "
                    "berkas seperti ini tidak diterima."
                )
                % {
                    "entry": name[:120],
                    "ratio": info.file_size // max(info.compress_size, 1),
                    "size": _mb(info.file_size),
                }
            )
        if info.file_size > limits.max_entry_bytes:
            raise UploadRefused(
                _("Bagian “%(entry)s” berukuran %(size)s MB setelah dibuka; paling besar %(max)s MB.")
                % {"entry": name[:120], "size": _mb(info.file_size), "max": _mb(limits.max_entry_bytes)}
            )
        total += info.file_size
    if total > limits.max_total_bytes:
        raise UploadRefused(
            _("Isi berkas berukuran %(size)s MB setelah dibuka; paling besar %(max)s MB.")
            % {"size": _mb(total), "max": _mb(limits.max_total_bytes)}
        )


def _chunks(archive: zipfile.ZipFile, path: str) -> Iterator[bytes]:
    try:
        with archive.open(path) as fh:
            while chunk := fh.read(_CHUNK):
                yield chunk
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError, RuntimeError):
        raise UploadRefused(_("Bagian “%(entry)s” rusak atau tidak dapat dibaca.") % {"entry": path}) from None


# --- one sheet of a workbook ----------------------------------------------------------
@dataclass(frozen=True)
class SheetLimits:
    """How far a sheet may reach before a reader loads it. `max_text_bytes`
    bounds the text its shared-string cells expand to (each such cell gets
    its own copy of the string)."""

    max_rows: int
    max_columns: int
    max_cells: int
    max_text_bytes: int = 64 * MB


@dataclass
class SheetScan:
    """What one pass over a sheet's XML found."""

    rows: int = 0  # highest row number
    columns: int = 0  # highest column number
    cells: int = 0
    text_bytes: int = 0
    formulas: list[str] = field(default_factory=list)  # refs, at most MAX_FORMULAS


MAX_FORMULAS = 1000
_TOKEN = re.compile(
    rb"<(?:[A-Za-z_][\w.-]*:)?(row|c|f|v|dimension)\b([^>]*)>(?:\s*(\d+)\s*(?=<))?",
)
_OPEN_V_TAIL = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?v\b[^<]*\Z")
_ATTR = re.compile(rb'\b(r|t|ref)\s*=\s*["\']([^"\']*)["\']')
_REF = re.compile(r"^\$?([A-Za-z]{1,4})\$?(\d{1,8})$")
_SI = re.compile(rb"<(/?)(?:[A-Za-z_][\w.-]*:)?si\b([^>]*)>")
_MAX_CARRY = 4 * MB


def column_number(letters: str) -> int:
    number = 0
    for ch in letters.upper():
        number = number * 26 + ord(ch) - 64
    return number


def column_letters(number: int) -> str:
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _parse_ref(ref: str) -> tuple[int, int] | None:
    """(row, column) of "XFD1048576", or None when it is not a cell."""
    match = _REF.match(ref.strip())
    if not match:
        return None
    return int(match.group(2)), column_number(match.group(1))


def _attrs(raw: bytes) -> dict[bytes, str]:
    return {k: v.decode("utf-8", "replace") for k, v in _ATTR.findall(raw)}


def _pieces(chunks: Iterable[bytes], path: str) -> Iterator[bytes]:
    """The XML cut only before a '<' (never inside a tag, nor between a
    value's <v> and its number), so a regular expression sees whole tags."""
    carry = b""
    for chunk in chunks:
        buffer = carry + chunk
        cut = buffer.rfind(b"<")
        if cut <= 0:
            carry = buffer
        else:
            tail = _OPEN_V_TAIL.search(buffer, 0, cut)
            if tail:
                cut = tail.start()
            carry = buffer[cut:]
            yield buffer[:cut]
        if len(carry) > _MAX_CARRY:
            raise UploadRefused(_("Bagian “%(entry)s” memuat tag XML yang tidak wajar.") % {"entry": path})
    if carry:
        yield carry


def shared_string_sizes(archive: zipfile.ZipFile, path: str, *, max_count: int) -> array:
    """The byte length of each shared string (an upper bound of its text),
    without keeping the strings."""
    sizes = array("I")
    if path not in archive.NameToInfo:
        return sizes
    offset = 0
    start: int | None = None
    for piece in _pieces(_chunks(archive, path), path):
        for match in _SI.finditer(piece):
            closing, attrs = match.group(1), match.group(2)
            if not closing and attrs.rstrip().endswith(b"/"):
                sizes.append(0)
            elif not closing:
                start = offset + match.end()
            elif start is not None:
                sizes.append(min(offset + match.start() - start, 0xFFFFFFFF))
                start = None
            if len(sizes) > max_count:
                raise UploadRefused(
                    _("Buku kerja memuat lebih dari %(max)s teks berbeda; berkas terlalu besar untuk dibaca.")
                    % {"max": max_count}
                )
        offset += len(piece)
    return sizes


def _refuse_far(sheet: str, row: int, column: int, limits: SheetLimits) -> UploadRefused:
    return UploadRefused(
        _(
            "Sel %(cell)s berada di luar batas yang dapat dibaca (paling jauh kolom %(column)s dan baris "
            "%(rows)s). Hapus isi dan format di luar tabel data, lalu unggah lagi."
        )
        % {
            "cell": f"{column_letters(column)}{row}",
            "column": column_letters(limits.max_columns),
            "rows": f"{limits.max_rows:,}".replace(",", "."),
        },
        sheet=sheet,
    )


def scan_sheet(
    archive: zipfile.ZipFile, path: str, *, sheet: str, limits: SheetLimits, shared: array | None = None
) -> SheetScan:
    """One streaming pass over a sheet's XML: its declared dimension, the
    farthest cell, the number of cells, the text its shared-string cells
    expand to, and where formulas are. Refuses as soon as a limit is passed,
    so a hostile sheet costs at most the bytes read until then."""
    scan = SheetScan()
    row = 0
    column = 0
    shared_cell = False
    cell_ref = ""
    shared = shared if shared is not None else array("I")
    for piece in _pieces(_chunks(archive, path), path):
        for match in _TOKEN.finditer(piece):
            tag, raw, number = match.group(1), match.group(2), match.group(3)
            if tag == b"c":
                attrs = _attrs(raw)
                place = _parse_ref(attrs.get(b"r", "")) if b"r" in attrs else None
                if place:
                    row, column = max(place[0], row), place[1]
                else:
                    column += 1
                row = max(row, 1)
                cell_ref = f"{column_letters(column)}{row}"
                scan.cells += 1
                if column > limits.max_columns or row > limits.max_rows:
                    raise _refuse_far(sheet, row, column, limits)
                scan.rows = max(scan.rows, row)
                scan.columns = max(scan.columns, column)
                if scan.rows * scan.columns > limits.max_cells or scan.cells > limits.max_cells:
                    raise UploadRefused(
                        _(
                            "Lembar terlalu besar: sampai sel %(cell)s melebihi %(max)s sel. "
                            "Bagi data menjadi beberapa berkas."
                        )
                        % {"cell": cell_ref, "max": f"{limits.max_cells:,}".replace(",", ".")},
                        sheet=sheet,
                    )
                shared_cell = attrs.get(b"t") == "s" and not raw.rstrip().endswith(b"/")
            elif tag == b"v":
                if shared_cell and number is not None:
                    index = int(number)
                    scan.text_bytes += shared[index] if index < len(shared) else 0
                    if scan.text_bytes > limits.max_text_bytes:
                        raise UploadRefused(
                            _(
                                "Lembar memuat teks lebih dari %(max)s MB (sampai sel %(cell)s); "
                                "berkas terlalu besar untuk dibaca."
                            )
                            % {"max": _mb(limits.max_text_bytes), "cell": cell_ref},
                            sheet=sheet,
                        )
                shared_cell = False
            elif tag == b"f":
                if len(scan.formulas) < MAX_FORMULAS and cell_ref:
                    scan.formulas.append(cell_ref)
            elif tag == b"row":
                attrs = _attrs(raw)
                given = attrs.get(b"r", "")
                # A row without cells costs nothing; its cells are judged.
                row = int(given) if given.isdigit() else row + 1
                column = 0
            else:  # dimension
                ref = _attrs(raw).get(b"ref", "")
                far = _parse_ref(ref.split(":")[-1]) if ref else None
                if far and (far[0] > limits.max_rows or far[1] > limits.max_columns):
                    raise UploadRefused(
                        _(
                            "Lembar menyatakan ukuran %(ref)s, melebihi batas %(rows)s baris dan kolom %(column)s. "
                            "Hapus baris dan kolom kosong di luar tabel data, lalu unggah lagi."
                        )
                        % {
                            "ref": ref[:40],
                            "rows": f"{limits.max_rows:,}".replace(",", "."),
                            "column": column_letters(limits.max_columns),
                        },
                        sheet=sheet,
                    )
    return scan


# --- CSV ------------------------------------------------------------------------------
def csv_rows(text, *, delimiter: str, max_rows: int, max_row_chars: int = 1 * MB) -> Iterator[list[str]]:
    """csv.reader over the text stream `text`, refusing a file past
    `max_rows` rows or a row longer than `max_row_chars`. Lines are read
    with a length limit: a file without line breaks, or a million
    delimiters on one line, never sits in memory whole."""
    import csv

    used = 0
    number = 0

    def budgeted() -> Iterator[str]:
        nonlocal used
        while line := text.readline(max_row_chars + 1):
            used += len(line)
            if used > max_row_chars:
                raise UploadRefused(
                    _("Baris %(row)s lebih panjang dari %(max)s karakter; berkas ini bukan tabel CSV biasa.")
                    % {"row": number + 1, "max": f"{max_row_chars:,}".replace(",", ".")},
                    row=number + 1,
                )
            yield line

    for values in csv.reader(budgeted(), delimiter=delimiter):
        number += 1
        used = 0
        if number > max_rows:
            raise UploadRefused(
                _("Berkas memuat lebih dari %(max)s baris. Bagi data menjadi beberapa berkas.")
                % {"max": f"{max_rows:,}".replace(",", ".")},
                row=number,
            )
        yield values


__all__ = [
    "DOCX_TYPE",
    "XLSX_TYPE",
    "SheetLimits",
    "SheetScan",
    "UploadRefused",
    "ZipLimits",
    "check_zip",
    "csv_rows",
    "scan_sheet",
    "shared_string_sizes",
    "sniff_type",
]
