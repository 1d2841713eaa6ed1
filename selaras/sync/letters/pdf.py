"""Rendering a letter as PDF (A4, Indonesian): kop surat of the Ministry of
Home Affairs and the issuing unit, the letter head, numbered points with
their legal basis, the signature block, copies and page numbers."""

from __future__ import annotations

import io
from pathlib import Path
from xml.sax.saxutils import escape

from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas as pdf_canvas
from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from selaras.sync.letters.content import MINISTRY_LINES, LetterContent, letter_content
from selaras.sync.models import Recommendation

# A Unicode font when the system has one (curly quotes, dashes, accented
# names); otherwise the PDF standard fonts, which every reader has.
_FONT_CANDIDATES = (
    (
        "/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf",
        "/usr/share/fonts/truetype/liberation/LiberationSerif-Bold.ttf",
        "/usr/share/fonts/truetype/liberation/LiberationSerif-Italic.ttf",
    ),
    (
        "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf",
        "/usr/share/fonts/truetype/dejavu/DejaVuSerif-Bold.ttf",
        "/usr/share/fonts/truetype/dejavu/DejaVuSerif-Italic.ttf",
    ),
)


def _fonts() -> tuple[str, str, str]:
    if "SelarasSerif" in pdfmetrics.getRegisteredFontNames():
        return "SelarasSerif", "SelarasSerif-Bold", "SelarasSerif-Italic"
    for regular, bold, italic in _FONT_CANDIDATES:
        if all(Path(p).exists() for p in (regular, bold, italic)):
            pdfmetrics.registerFont(TTFont("SelarasSerif", regular))
            pdfmetrics.registerFont(TTFont("SelarasSerif-Bold", bold))
            pdfmetrics.registerFont(TTFont("SelarasSerif-Italic", italic))
            return "SelarasSerif", "SelarasSerif-Bold", "SelarasSerif-Italic"
    return "Times-Roman", "Times-Bold", "Times-Italic"


def _text(value: str) -> str:
    return escape(value).replace("\n", "<br/>")


class _NumberedCanvas(pdf_canvas.Canvas):
    """Writes "Halaman n dari N" once the page count is known."""

    font = "Times-Roman"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._pages: list[dict] = []

    def showPage(self):
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self):
        total = len(self._pages)
        for state in self._pages:
            self.__dict__.update(state)
            self.setFont(self.font, 9)
            self.setFillColor(colors.black)
            self.drawCentredString(
                A4[0] / 2, 1.2 * cm, _("Halaman %(page)s dari %(pages)s") % {"page": self._pageNumber, "pages": total}
            )
            super().showPage()
        super().save()


def _kop(canvas, doc, content: LetterContent, regular: str, bold: str) -> None:
    width, height = A4
    y = height - 2.0 * cm
    canvas.saveState()
    canvas.setFont(bold, 14)
    for line in MINISTRY_LINES:
        canvas.drawCentredString(width / 2, y, line)
        y -= 0.6 * cm
    canvas.setFont(bold, 12)
    for line in content.unit_penerbit:
        canvas.drawCentredString(width / 2, y, line)
        y -= 0.55 * cm
    canvas.setFont(regular, 9)
    canvas.drawCentredString(width / 2, y, content.alamat)
    y -= 0.3 * cm
    canvas.setLineWidth(2)
    canvas.line(2.5 * cm, y, width - 2 * cm, y)
    canvas.setLineWidth(0.6)
    canvas.line(2.5 * cm, y - 0.12 * cm, width - 2 * cm, y - 0.12 * cm)
    canvas.restoreState()


def render_pdf(letter: Recommendation) -> bytes:
    return render_content(letter_content(letter))


def render_content(content: LetterContent) -> bytes:
    regular, bold, italic = _fonts()
    base = ParagraphStyle("base", fontName=regular, fontSize=11, leading=15)
    justified = ParagraphStyle("justified", parent=base, alignment=TA_JUSTIFY, spaceAfter=6)
    right = ParagraphStyle("right", parent=base, alignment=TA_RIGHT)
    small = ParagraphStyle("small", parent=base, fontSize=10, leading=13)
    cite = ParagraphStyle(
        "cite", parent=base, fontName=italic, fontSize=9.5, leading=12, textColor=colors.HexColor("#333333")
    )
    head_cell = ParagraphStyle("head", parent=base, fontName=bold, alignment=TA_CENTER)

    kop_height = (1.2 + 0.55 * len(content.unit_penerbit) + 1.0) * cm
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=2.5 * cm,
        rightMargin=2.0 * cm,
        topMargin=2.0 * cm,
        bottomMargin=2.2 * cm,
        title=content.perihal,
        author=" ".join(MINISTRY_LINES),
        subject=content.nomor,
    )
    # The frame pads 6 pt on each side; tables sized to it line up with the text.
    width = doc.width - 12
    story: list = [Spacer(1, kop_height)]

    head = Table(
        [
            [
                Paragraph("Nomor", base),
                ":",
                Paragraph(_text(content.nomor), base),
                Paragraph(_text(f"{content.tempat}, {content.tanggal}"), right),
            ],
            [Paragraph("Sifat", base), ":", Paragraph("Penting", base), ""],
            [Paragraph("Lampiran", base), ":", Paragraph("-", base), ""],
            [
                Paragraph("Perihal", base),
                ":",
                Paragraph(f"<b>{_text(content.perihal)}</b>", ParagraphStyle("b", parent=base, fontName=bold)),
                "",
            ],
        ],
        colWidths=[2.2 * cm, 0.4 * cm, width - 8.1 * cm, 5.5 * cm],
    )
    head.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("FONTNAME", (0, 0), (-1, -1), regular),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                # Below the date line the value runs the full width.
                ("SPAN", (2, 1), (3, 1)),
                ("SPAN", (2, 2), (3, 2)),
                ("SPAN", (2, 3), (3, 3)),
            ]
        )
    )
    story += [head, Spacer(1, 0.5 * cm)]
    story += [
        Paragraph(f"Yth. {_text(content.kepada)}", base),
        Paragraph("di", base),
        Paragraph("&nbsp;" * 8 + "Tempat", base),
        Spacer(1, 0.4 * cm),
    ]
    if content.pembuka:
        story.append(Paragraph(_text(content.pembuka), justified))

    rows = [[Paragraph("No.", head_cell), Paragraph("Rekomendasi", head_cell), Paragraph("Dasar", head_cell)]]
    for point in content.butir:
        rows.append(
            [
                Paragraph(point.nomor + ".", base),
                Paragraph(_text(point.teks), base),
                Paragraph(_text(point.dasar) or "-", cite),
            ]
        )
    points = Table(rows, colWidths=[1.0 * cm, width - 5.8 * cm, 4.8 * cm], repeatRows=1)
    points.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8e8e8")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    story += [points, Spacer(1, 0.4 * cm)]
    if content.penutup:
        story.append(Paragraph(_text(content.penutup), justified))

    signature = [
        Paragraph(_text(content.jabatan) + ",", base),
        Spacer(1, 2.0 * cm),
        Paragraph(f"<b><u>{_text(content.penanda_tangan)}</u></b>", ParagraphStyle("sig", parent=base, fontName=bold)),
    ]
    if content.nip:
        signature.append(Paragraph(f"NIP {_text(content.nip)}", base))
    sign_table = Table([["", signature]], colWidths=[width - 7.5 * cm, 7.5 * cm])
    sign_table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
    story += [Spacer(1, 0.5 * cm), KeepTogether([sign_table])]
    if content.tembusan:
        copies = [Paragraph("Tembusan:", small)]
        copies += [Paragraph(f"{i}. {_text(line)}", small) for i, line in enumerate(content.tembusan, start=1)]
        story += [Spacer(1, 0.6 * cm), KeepTogether(copies)]

    class Canvas(_NumberedCanvas):
        font = regular

    doc.build(
        story,
        onFirstPage=lambda c, d: _kop(c, d, content, regular, bold),
        canvasmaker=Canvas,
    )
    return buffer.getvalue()
