"""Hostile workbooks built byte by byte (zipfile and the smallest
SpreadsheetML that readers accept): each would take the server down if a
reader opened it unchecked."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable

from selaras.plans.spreadsheets.layout import ACTIVITIES

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
CONTENT_TYPES = (
    '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    "</Types>"
)
ROOT_RELS = (
    '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    f'<Relationship Id="rId1" Type="{_REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
)
WORKBOOK_RELS = (
    '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    f'<Relationship Id="rId1" Type="{_REL}/worksheet" Target="worksheets/sheet1.xml"/>'
    f'<Relationship Id="rId2" Type="{_REL}/sharedStrings" Target="sharedStrings.xml"/></Relationships>'
)


def _workbook(sheet: str) -> str:
    return (
        f'<?xml version="1.0"?><workbook xmlns="{_MAIN}" xmlns:r="{_REL}">'
        f'<sheets><sheet name="{sheet}" sheetId="1" r:id="rId1"/></sheets></workbook>'
    )


def inline(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def header_row(headers: Iterable[str] | None = None) -> str:
    from selaras.core.uploads import column_letters

    headers = [c.header for c in ACTIVITIES.columns] if headers is None else headers
    cells = "".join(inline(f"{column_letters(i)}1", h) for i, h in enumerate(headers, start=1))
    return f'<row r="1">{cells}</row>'


def sheet_head(dimension: str = "") -> str:
    dim = f'<dimension ref="{dimension}"/>' if dimension else ""
    return f'<?xml version="1.0"?><worksheet xmlns="{_MAIN}">{dim}<sheetData>'


SHEET_TAIL = "</sheetData></worksheet>"


def xlsx(
    sheet_xml: str | bytes | Iterable[bytes] = "",
    *,
    sheet: str = ACTIVITIES.name,
    method: int = zipfile.ZIP_DEFLATED,
    shared: list[str] = (),
    extra: dict[str, bytes] | None = None,
    level: int | None = None,
) -> bytes:
    """A one-sheet workbook; `sheet_xml` may be an iterable of byte chunks
    (streamed into the zip, so a 200 MB sheet never sits in memory)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", ROOT_RELS)
        archive.writestr("xl/workbook.xml", _workbook(sheet))
        archive.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        if shared:
            items = "".join(f"<si><t>{s}</t></si>" for s in shared)
            archive.writestr("xl/sharedStrings.xml", f'<?xml version="1.0"?><sst xmlns="{_MAIN}">{items}</sst>')
        info = zipfile.ZipInfo("xl/worksheets/sheet1.xml", date_time=(2024, 1, 1, 0, 0, 0))
        info.compress_type = method
        if isinstance(sheet_xml, (str, bytes)):
            data = sheet_xml.encode() if isinstance(sheet_xml, str) else sheet_xml
            archive.writestr(info, data or (sheet_head() + header_row() + SHEET_TAIL).encode())
        else:
            with archive.open(info, "w", force_zip64=True) as fh:
                for chunk in sheet_xml:
                    fh.write(chunk)
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return out.getvalue()


def bomb_chunks(megabytes: int) -> Iterable[bytes]:
    """A plan sheet of `megabytes` MB of identical rows (no row numbers, so
    each chunk is the same bytes and compresses to almost nothing)."""
    yield (sheet_head() + header_row()).encode()
    row = ("<row>" + inline("", "Pelatihan kader Posyandu").replace(' r=""', "") + "</row>").encode()
    block = row * (1024 * 1024 // len(row))
    for _ in range(megabytes):
        yield block
    yield SHEET_TAIL.encode()
