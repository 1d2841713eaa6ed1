"""The default Word template of the recommendation letter, generated here so
that its placeholders are known to match the renderer. `selaras
letter-template` writes it; the result is committed as
`selaras/sync/letters/templates/rekomendasi.docx`."""

from __future__ import annotations

from pathlib import Path

from django.utils.translation import gettext as _
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

FONT = "Arial"


def _bottom_border(paragraph, size: int = 18) -> None:
    """The double rule under a kop surat."""
    p_pr = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    bottom.set(qn("w:val"), "thickThinSmallGap")
    bottom.set(qn("w:sz"), str(size))
    bottom.set(qn("w:space"), "1")
    bottom.set(qn("w:color"), "000000")
    borders.append(bottom)
    p_pr.append(borders)


def _page_number(paragraph) -> None:
    paragraph.add_run(_("Halaman") + " ")
    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)
        else:
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            run._r.append(instr)


def _line(document, text: str = "", *, bold: bool = False, size: float | None = None, align=None, space_after=0):
    paragraph = document.add_paragraph()
    if text:
        run = paragraph.add_run(text)
        run.bold = bold
        if size:
            run.font.size = Pt(size)
    if align is not None:
        paragraph.alignment = align
    paragraph.paragraph_format.space_after = Pt(space_after)
    return paragraph


def _no_borders(table) -> None:
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), "nil")
        borders.append(el)
    tbl_pr.append(borders)


def build_template() -> Document:
    document = Document()
    style = document.styles["Normal"]
    style.font.name = FONT
    style.font.size = Pt(11)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
    style.paragraph_format.space_after = Pt(6)

    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(2.0), Cm(2.0)
    section.left_margin, section.right_margin = Cm(2.5), Cm(2.0)
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _page_number(footer)

    # Kop surat
    _line(document, "KEMENTERIAN DALAM NEGERI", bold=True, size=14, align=WD_ALIGN_PARAGRAPH.CENTER)
    _line(document, "REPUBLIK INDONESIA", bold=True, size=14, align=WD_ALIGN_PARAGRAPH.CENTER)
    _line(document, "{{unit_penerbit}}", bold=True, size=12, align=WD_ALIGN_PARAGRAPH.CENTER)
    address = _line(document, "{{alamat}}", size=9, align=WD_ALIGN_PARAGRAPH.CENTER, space_after=12)
    _bottom_border(address)

    # Nomor, sifat, lampiran, perihal | tempat, tanggal
    head = document.add_table(rows=4, cols=4)
    _no_borders(head)
    head.alignment = WD_TABLE_ALIGNMENT.LEFT
    rows = (("Nomor", "{{nomor}}"), ("Sifat", "Penting"), ("Lampiran", "-"), ("Perihal", "{{perihal}}"))
    for row, (label, value) in zip(head.rows, rows, strict=True):
        row.cells[0].text = label
        row.cells[1].text = ":"
        row.cells[2].text = value
    head.rows[0].cells[3].text = "{{tempat}}, {{tanggal}}"
    head.rows[0].cells[3].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    for row in head.rows:
        for cell, width in zip(row.cells, (Cm(2.2), Cm(0.5), Cm(8.3), Cm(5.5)), strict=True):
            cell.width = width
    if head.rows[3].cells[2].paragraphs[0].runs:
        head.rows[3].cells[2].paragraphs[0].runs[0].bold = True

    _line(document, space_after=0)
    _line(document, "Yth. {{kepada}}")
    _line(document, "di", space_after=0)
    _line(document, "       Tempat", space_after=12)

    opening = _line(document, "{{pembuka}}", space_after=6)
    opening.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY

    points = document.add_table(rows=2, cols=3)
    points.style = "Table Grid"
    for cell, label in zip(points.rows[0].cells, ("No.", "Rekomendasi", "Dasar"), strict=True):
        cell.text = label
        cell.paragraphs[0].runs[0].bold = True
    for cell, value in zip(points.rows[1].cells, ("{{butir.nomor}}", "{{butir.teks}}", "{{butir.dasar}}"), strict=True):
        cell.text = value
    for row in points.rows:
        for cell, width in zip(row.cells, (Cm(1.0), Cm(10.5), Cm(5.0)), strict=True):
            cell.width = width

    closing = _line(document, space_after=6)
    closing.paragraph_format.space_before = Pt(10)
    closing.add_run("{{penutup}}")
    closing.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY

    # Signature block, right half
    for text, bold, after in (
        ("{{jabatan}},", False, 48),
        ("{{penanda_tangan}}", True, 0),
        ("NIP {{nip}}", False, 18),
    ):
        para = _line(document, text, bold=bold, space_after=after)
        para.paragraph_format.left_indent = Cm(9.0)

    _line(document, "{{tembusan}}", size=10)
    return document


def write_template(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    build_template().save(str(path))
    return path
