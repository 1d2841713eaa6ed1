"""The region's coordination matrix as a landscape A4 PDF (reportlab): the
title, the matrix table grouped by affair with its totals, and a summary per
agency, with "Halaman n dari N" and the title at the foot of every page.
Each part is built by its own small function; `matrix_pdf` puts them
together."""

from __future__ import annotations

import io
from dataclasses import dataclass
from xml.sax.saxutils import escape

from django.http import HttpResponse
from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas as pdfcanvas
from reportlab.platypus import LongTable, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from selaras.core.formatting import format_rupiah
from selaras.plans.exports.matrix import (
    ProgressFn,
    activity_text,
    affair_title,
    column_headers,
    export_filename,
    generated_text,
    locations_text,
    matrix_title,
)
from selaras.plans.selectors import RegionMatrix

HEADER_FILL = colors.HexColor("#0B3D6E")
GRID_COLOUR = colors.HexColor("#C9D2DC")
GROUP_FILL = colors.HexColor("#E8EFF7")
TOTAL_FILL = colors.HexColor("#F0F4F8")
FOOTER_COLOUR = colors.HexColor("#4F5B67")
MATRIX_WIDTHS = [9 * mm, 38 * mm, 24 * mm, 62 * mm, 24 * mm, 50 * mm, 30 * mm, 9 * mm, 9 * mm, 9 * mm, 9 * mm]
SUMMARY_WIDTHS = [90 * mm, 30 * mm, 40 * mm]
# About 25 rows a page: enough to move the progress bar page by page.
ROWS_PER_PAGE = 25


# --- styles -------------------------------------------------------------------
@dataclass(frozen=True)
class Styles:
    title: ParagraphStyle
    normal: ParagraphStyle
    heading: ParagraphStyle
    cell: ParagraphStyle
    cell_bold: ParagraphStyle
    head: ParagraphStyle
    money: ParagraphStyle
    money_bold: ParagraphStyle

    def p(self, text, style: ParagraphStyle | None = None) -> Paragraph:
        """A cell's text as a paragraph (escaped: titles are user input)."""
        return Paragraph(escape(str(text)), style or self.cell)


def pdf_styles() -> Styles:
    sheet = getSampleStyleSheet()
    cell = ParagraphStyle("cell", parent=sheet["BodyText"], fontSize=7.5, leading=9)
    money = ParagraphStyle("money", parent=cell, alignment=2)
    return Styles(
        title=sheet["Title"],
        normal=sheet["Normal"],
        heading=sheet["Heading2"],
        cell=cell,
        cell_bold=ParagraphStyle("cellb", parent=cell, fontName="Helvetica-Bold"),
        head=ParagraphStyle("head", parent=cell, fontName="Helvetica-Bold", textColor=colors.white),
        money=money,
        money_bold=ParagraphStyle("moneyb", parent=money, fontName="Helvetica-Bold"),
    )


def landscape_document(out, title: str) -> SimpleDocTemplate:
    """The landscape A4 page every Selaras table report is laid out on
    (region matrix, "my region" export, meeting pack)."""
    return SimpleDocTemplate(
        out,
        pagesize=landscape(A4),
        leftMargin=12 * mm,
        rightMargin=12 * mm,
        topMargin=12 * mm,
        bottomMargin=15 * mm,
        title=title,
        author="Selaras",
    )


def numbered_canvas(footer_text: str) -> type[pdfcanvas.Canvas]:
    """A canvas class drawing `footer_text` and "Halaman n dari N" on every
    page, once the page count is known."""
    page_label = _("Halaman %(page)s dari %(pages)s")

    class NumberedCanvas(pdfcanvas.Canvas):
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
                self.setFont("Helvetica", 8)
                self.setFillColor(FOOTER_COLOUR)
                width, _height = self._pagesize
                self.drawString(12 * mm, 8 * mm, footer_text)
                self.drawRightString(width - 12 * mm, 8 * mm, page_label % {"page": self._pageNumber, "pages": total})
                super().showPage()
            super().save()

    return NumberedCanvas


# --- the matrix table -----------------------------------------------------------
def header_row(styles: Styles) -> list:
    return [styles.p(h, styles.head) for h in column_headers()]


def activity_row(number: int, row, styles: Styles) -> list:
    quarters = set(row.activity.quarters)
    # Short cells are plain strings (styled by the table): a Paragraph
    # costs a line-breaking pass on every page split.
    return [
        str(number),
        styles.p(row.agency),
        styles.p(row.status_label),
        styles.p(activity_text(row)),
        styles.p(row.funding_source_label),
        styles.p(locations_text(row)),
        format_rupiah(row.budget_in_region, lang="id"),
        *("•" if q in quarters else "" for q in (1, 2, 3, 4)),
    ]


def total_row(label: Paragraph, amount: Paragraph) -> list:
    """A totals line: the label in the agency column, the amount in the budget column."""
    return ["", label, "", "", "", "", amount, "", "", "", ""]


def table_rows(matrix: RegionMatrix, groups: list[dict], styles: Styles) -> tuple[list[list], list[tuple]]:
    """The matrix table's rows (header, then per affair its title line, its
    activities, its agency totals and its total; the grand total last) and
    the table style commands that colour and span the group and total lines."""
    rows: list[list] = [header_row(styles)]
    commands: list[tuple] = [
        ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
        ("GRID", (0, 0), (-1, -1), 0.3, GRID_COLOUR),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("ALIGN", (7, 1), (-1, -1), "CENTER"),
        ("ALIGN", (6, 1), (6, -1), "RIGHT"),
        ("FONT", (0, 1), (-1, -1), "Helvetica", 7.5, 9),
    ]

    def add_total(label: Paragraph, amount) -> None:
        rows.append(total_row(label, styles.p(format_rupiah(amount, lang="id"), styles.money_bold)))
        r = len(rows) - 1
        commands.extend([("SPAN", (1, r), (5, r)), ("BACKGROUND", (0, r), (-1, r), TOTAL_FILL)])

    number = 0
    for group in groups:
        rows.append([styles.p(affair_title(group), styles.cell_bold)] + [""] * (len(rows[0]) - 1))
        r = len(rows) - 1
        commands.extend([("SPAN", (0, r), (-1, r)), ("BACKGROUND", (0, r), (-1, r), GROUP_FILL)])
        for row in group["rows"]:
            number += 1
            rows.append(activity_row(number, row, styles))
        for agency in group["agencies"]:
            label = styles.p(_("Jumlah %(agency)s") % {"agency": agency["agency"]})
            rows.append(total_row(label, styles.p(format_rupiah(agency["total"], lang="id"), styles.money)))
        label = _("Jumlah urusan %(affair)s") % {"affair": affair_title(group)}
        add_total(styles.p(label, styles.cell_bold), group["total"])
    add_total(styles.p(_("Jumlah seluruhnya"), styles.cell_bold), matrix.total_budget)
    return rows, commands


def matrix_table(rows: list[list], commands: list[tuple]) -> LongTable:
    # LongTable measures only the rows that fit the page at each split; a
    # plain Table measures the whole rest of the table again every page.
    table = LongTable(rows, colWidths=MATRIX_WIDTHS, repeatRows=1)
    table.setStyle(TableStyle(commands))
    return table


# --- the summary and the page -----------------------------------------------------
def summary_table(matrix: RegionMatrix, agency_totals: list[dict], styles: Styles) -> Table:
    """Per agency: its activities and its budget in the region, then the total."""
    p = styles.p
    headers = (_("Instansi"), _("Jumlah kegiatan"), _("Anggaran di wilayah (Rp)"))
    rows = [[p(h, styles.head) for h in headers]]
    for entry in agency_totals:
        rows.append([p(entry["agency"]), p(entry["count"]), p(format_rupiah(entry["total"], lang="id"), styles.money)])
    rows.append(
        [
            p(_("Jumlah seluruhnya"), styles.cell_bold),
            p(matrix.activity_count, styles.cell_bold),
            p(format_rupiah(matrix.total_budget, lang="id"), styles.money_bold),
        ]
    )
    table = Table(rows, colWidths=SUMMARY_WIDTHS, repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
                ("GRID", (0, 0), (-1, -1), 0.3, GRID_COLOUR),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    return table


def page_header(matrix: RegionMatrix, styles: Styles) -> list:
    """The title and the line saying when and from what the file was made."""
    return [
        Paragraph(escape(matrix_title(matrix)), styles.title),
        Paragraph(escape(generated_text()), styles.normal),
        Spacer(1, 4 * mm),
    ]


def story(matrix: RegionMatrix, groups: list[dict], agency_totals: list[dict], styles: Styles) -> tuple[list, int]:
    """Everything the PDF shows, in order, and its number of table rows."""
    flowables = page_header(matrix, styles)
    if not matrix.rows:
        empty = _("Belum ada kegiatan yang direncanakan di wilayah ini pada tahun tersebut.")
        return [*flowables, Paragraph(escape(empty), styles.normal)], 0
    rows, commands = table_rows(matrix, groups, styles)
    flowables += [
        matrix_table(rows, commands),
        Spacer(1, 6 * mm),
        Paragraph(escape(_("Ringkasan per instansi")), styles.heading),
        summary_table(matrix, agency_totals, styles),
    ]
    return flowables, len(rows)


def matrix_pdf(
    matrix: RegionMatrix, groups: list[dict], agency_totals: list[dict], progress: ProgressFn | None = None
) -> bytes:
    """The landscape PDF; `progress(done, total, message)` hears each page laid out."""
    flowables, row_count = story(matrix, groups, agency_totals, pdf_styles())
    out = io.BytesIO()
    doc = landscape_document(out, matrix_title(matrix))
    pages = max(1, row_count // ROWS_PER_PAGE)

    def on_page(canvas, _doc) -> None:
        if progress is not None:
            page = canvas.getPageNumber()
            progress(min(page, pages), pages, _("Menata halaman %(page)s") % {"page": page})

    doc.build(flowables, onFirstPage=on_page, onLaterPages=on_page, canvasmaker=numbered_canvas(matrix_title(matrix)))
    return out.getvalue()


def matrix_pdf_response(matrix: RegionMatrix, groups: list[dict], agency_totals: list[dict]) -> HttpResponse:
    response = HttpResponse(matrix_pdf(matrix, groups, agency_totals), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{export_filename(matrix, "pdf")}"'
    return response
