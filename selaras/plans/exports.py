"""The region's coordination matrix as an Excel workbook (openpyxl) and as a
landscape A4 PDF (reportlab), for the coordination meeting's table and
handouts. Both take the matrix the page shows (already restricted to what
the user may read) and say the same thing: rows grouped by affair, totals
per affair and per agency, Rupiah in Indonesian format. Text reaches the
workbook through `append_row`: a title starting with "=" stays text.
"""

from __future__ import annotations

import io
from collections import OrderedDict
from collections.abc import Callable
from decimal import Decimal

from django.http import HttpResponse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from selaras.core.formatting import format_date, format_rupiah
from selaras.core.spreadsheets import append_row, write_text
from selaras.plans.selectors import MatrixRow, RegionMatrix

ProgressFn = Callable[[int, int, str], None]

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
RUPIAH_FORMAT = '"Rp"#,##0'


def _headers() -> list[str]:
    return [
        _("No."),
        _("Instansi"),
        _("Status rencana"),
        _("Kegiatan"),
        _("Sumber dana"),
        _("Lokasi di wilayah"),
        _("Anggaran di wilayah (Rp)"),
        _("TW I"),
        _("TW II"),
        _("TW III"),
        _("TW IV"),
    ]


def _title(matrix: RegionMatrix) -> str:
    return _("Matriks koordinasi kegiatan di %(region)s, tahun %(year)s") % {
        "region": matrix.region.name,
        "year": matrix.year,
    }


def _affair_title(group: dict) -> str:
    if not group["code"]:
        return _("Urusan belum ditentukan")
    return f"{group['code']} {group['name']}"


def _locations(row: MatrixRow) -> str:
    return "; ".join(f"{loc.name} ({loc.code})" for loc in row.locations)


def _activity(row: MatrixRow) -> str:
    return f"{row.activity.code} {row.activity.title}".strip()


def export_filename(matrix: RegionMatrix, ext: str) -> str:
    return f"matriks-{matrix.region.code}-{slugify(matrix.region.name)}-{matrix.year}.{ext}"


def _generated() -> str:
    return _("Dibuat %(date)s dari Selaras; hanya memuat rencana yang dapat Anda baca.") % {
        "date": format_date(timezone.now(), lang="id")
    }


# --- grouping (the page shows the same) ---------------------------------------
def affair_groups(matrix: RegionMatrix) -> list[dict]:
    """The matrix rows grouped by affair (in the matrix's order), each with
    its total and its per-agency totals."""
    groups: OrderedDict[str, dict] = OrderedDict()
    for row in matrix.rows:
        group = groups.get(row.affair_code)
        if group is None:
            group = groups[row.affair_code] = {
                "code": row.affair_code,
                "name": row.affair_name,
                "rows": [],
                "total": Decimal("0"),
                "agencies": OrderedDict(),
            }
        group["rows"].append(row)
        group["total"] += row.budget_in_region
        agency = group["agencies"].setdefault(row.agency.pk, {"agency": row.agency, "total": Decimal("0"), "count": 0})
        agency["total"] += row.budget_in_region
        agency["count"] += 1
    result = list(groups.values())
    for group in result:
        group["agencies"] = list(group["agencies"].values())
    return result


def agency_totals(matrix: RegionMatrix) -> list[dict]:
    totals: dict[int, dict] = {}
    for row in matrix.rows:
        entry = totals.setdefault(row.agency.pk, {"agency": row.agency, "total": Decimal("0"), "count": 0})
        entry["total"] += row.budget_in_region
        entry["count"] += 1
    return sorted(totals.values(), key=lambda e: e["agency"].code)


# --- Excel ------------------------------------------------------------------
def matrix_xlsx(
    matrix: RegionMatrix, groups: list[dict], agency_totals: list[dict], progress: ProgressFn | None = None
) -> bytes:
    """The workbook; `progress(done, total, message)` hears how far the rows are."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    ws = wb.active
    ws.title = _("Matriks")[:31]
    bold = Font(bold=True)
    header_fill = PatternFill("solid", fgColor="0B3D6E")
    group_fill = PatternFill("solid", fgColor="E8EFF7")
    total_fill = PatternFill("solid", fgColor="F0F4F8")
    thin = Side(style="thin", color="C9D2DC")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    wrap = Alignment(wrap_text=True, vertical="top")
    headers = _headers()
    width = len(headers)

    append_row(ws, [_title(matrix)])
    ws["A1"].font = Font(bold=True, size=14)
    append_row(ws, [_generated()])
    ws.append([])
    append_row(ws, headers)
    header_row = ws.max_row
    for cell in ws[header_row]:
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = header_fill
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        cell.border = border

    # Rows are counted here and styled through named styles: `ws.max_row`
    # and per-cell style objects each cost a pass over the sheet or a hash
    # of the style, which made a province's workbook quadratic.
    body = NamedStyle(name="matrix_body", alignment=wrap, border=border)
    money_body = NamedStyle(name="matrix_money", alignment=wrap, border=border, number_format=RUPIAH_FORMAT)
    wb.add_named_style(body)
    wb.add_named_style(money_body)
    r = header_row

    def put(values: list, style: str | None = None) -> int:
        nonlocal r
        r += 1
        for column, value in enumerate(values, start=1):
            cell = ws.cell(row=r, column=column)
            # The named style first: applying it resets the quote prefix
            # that keeps formula-like text as text.
            if style:
                cell.style = style
            write_text(cell, value)
        return r

    total = len(matrix.rows)
    number = 0
    for group in groups:
        put([_affair_title(group)])
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=width)
        ws.cell(r, 1).font = bold
        ws.cell(r, 1).fill = group_fill
        for row in group["rows"]:
            number += 1
            quarters = set(row.activity.quarters)
            put(
                [
                    number,
                    str(row.agency),
                    row.status_label,
                    _activity(row),
                    row.funding_source_label,
                    _locations(row),
                    row.budget_in_region,
                    *("✓" if q in quarters else "" for q in (1, 2, 3, 4)),
                ],
                "matrix_body",
            )
            ws.cell(r, 7).style = "matrix_money"
            if progress is not None and number % 200 == 0:
                progress(number, total, _("Menyusun baris Excel"))
        for agency in group["agencies"]:
            put(["", _("Jumlah %(agency)s") % {"agency": agency["agency"]}, "", "", "", "", agency["total"]])
            ws.cell(r, 7).number_format = RUPIAH_FORMAT
            ws.cell(r, 2).font = Font(italic=True)
        put(["", _("Jumlah urusan %(affair)s") % {"affair": _affair_title(group)}, "", "", "", "", group["total"]])
        for column in range(1, width + 1):
            ws.cell(r, column).font = bold
            ws.cell(r, column).fill = total_fill
        ws.cell(r, 7).number_format = RUPIAH_FORMAT
    put(["", _("Jumlah seluruhnya"), "", "", "", "", matrix.total_budget])
    for column in range(1, width + 1):
        ws.cell(r, column).font = bold
        ws.cell(r, column).fill = total_fill
    ws.cell(r, 7).number_format = RUPIAH_FORMAT

    for i, w in enumerate((6, 28, 16, 48, 18, 36, 20, 7, 7, 7, 7), start=1):
        ws.column_dimensions[get_column_letter(i)].width = w
    ws.freeze_panes = ws.cell(header_row + 1, 1)
    ws.print_options.gridLines = False
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = f"{header_row}:{header_row}"

    per_agency = wb.create_sheet(_("Per instansi")[:31])
    append_row(per_agency, [_title(matrix)])
    per_agency["A1"].font = Font(bold=True, size=14)
    per_agency.append([])
    append_row(per_agency, [_("Instansi"), _("Jumlah kegiatan"), _("Anggaran di wilayah (Rp)")])
    for cell in per_agency[per_agency.max_row]:
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = header_fill
    for entry in agency_totals:
        append_row(per_agency, [str(entry["agency"]), entry["count"], entry["total"]])
        per_agency.cell(per_agency.max_row, 3).number_format = RUPIAH_FORMAT
    append_row(per_agency, [_("Jumlah seluruhnya"), matrix.activity_count, matrix.total_budget])
    per_agency.cell(per_agency.max_row, 3).number_format = RUPIAH_FORMAT
    for cell in per_agency[per_agency.max_row]:
        cell.font = bold
    for i, w in enumerate((48, 16, 24), start=1):
        per_agency.column_dimensions[get_column_letter(i)].width = w

    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def matrix_xlsx_response(matrix: RegionMatrix, groups: list[dict], agency_totals: list[dict]) -> HttpResponse:
    response = HttpResponse(matrix_xlsx(matrix, groups, agency_totals), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{export_filename(matrix, "xlsx")}"'
    return response


# --- PDF ----------------------------------------------------------------------
def matrix_pdf(
    matrix: RegionMatrix, groups: list[dict], agency_totals: list[dict], progress: ProgressFn | None = None
) -> bytes:
    """The landscape PDF; `progress(done, total, message)` hears each page laid out."""
    from xml.sax.saxutils import escape

    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
    from reportlab.lib.units import mm
    from reportlab.pdfgen import canvas as pdfcanvas
    from reportlab.platypus import LongTable, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    page_label = _("Halaman %(page)s dari %(pages)s")
    footer_text = _title(matrix)

    class NumberedCanvas(pdfcanvas.Canvas):
        """Draws "Halaman n dari N" once the page count is known."""

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
                self.setFillColor(colors.HexColor("#4F5B67"))
                width, _height = self._pagesize
                self.drawString(12 * mm, 8 * mm, footer_text)
                self.drawRightString(width - 12 * mm, 8 * mm, page_label % {"page": self._pageNumber, "pages": total})
                super().showPage()
            super().save()

    styles = getSampleStyleSheet()
    cell = ParagraphStyle("cell", parent=styles["BodyText"], fontSize=7.5, leading=9)
    cell_bold = ParagraphStyle("cellb", parent=cell, fontName="Helvetica-Bold")
    head = ParagraphStyle("head", parent=cell, fontName="Helvetica-Bold", textColor=colors.white)
    money = ParagraphStyle("money", parent=cell, alignment=2)
    money_bold = ParagraphStyle("moneyb", parent=money, fontName="Helvetica-Bold")

    def p(text, style=cell):
        return Paragraph(escape(str(text)), style)

    headers = _headers()
    data: list[list] = [[p(h, head) for h in headers]]
    style_cmds: list[tuple] = [
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#0B3D6E")),
        ("GRID", (0, 0), (-1, -1), 0.3, colors.HexColor("#C9D2DC")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("ALIGN", (7, 1), (-1, -1), "CENTER"),
        ("ALIGN", (6, 1), (6, -1), "RIGHT"),
        ("FONT", (0, 1), (-1, -1), "Helvetica", 7.5, 9),
    ]
    number = 0
    for group in groups:
        data.append([p(_affair_title(group), cell_bold)] + [""] * (len(headers) - 1))
        r = len(data) - 1
        style_cmds += [("SPAN", (0, r), (-1, r)), ("BACKGROUND", (0, r), (-1, r), colors.HexColor("#E8EFF7"))]
        for row in group["rows"]:
            number += 1
            quarters = set(row.activity.quarters)
            # Short cells are plain strings (styled by the table): a
            # Paragraph costs a line-breaking pass on every page split.
            data.append(
                [
                    str(number),
                    p(row.agency),
                    p(row.status_label),
                    p(_activity(row)),
                    p(row.funding_source_label),
                    p(_locations(row)),
                    format_rupiah(row.budget_in_region, lang="id"),
                    *("•" if q in quarters else "" for q in (1, 2, 3, 4)),
                ]
            )
        for agency in group["agencies"]:
            data.append(
                [
                    "",
                    p(_("Jumlah %(agency)s") % {"agency": agency["agency"]}),
                    "",
                    "",
                    "",
                    "",
                    p(format_rupiah(agency["total"], lang="id"), money),
                    "",
                    "",
                    "",
                    "",
                ]
            )
        data.append(
            [
                "",
                p(_("Jumlah urusan %(affair)s") % {"affair": _affair_title(group)}, cell_bold),
                "",
                "",
                "",
                "",
                p(format_rupiah(group["total"], lang="id"), money_bold),
                "",
                "",
                "",
                "",
            ]
        )
        r = len(data) - 1
        style_cmds += [("SPAN", (1, r), (5, r)), ("BACKGROUND", (0, r), (-1, r), colors.HexColor("#F0F4F8"))]
    data.append(
        [
            "",
            p(_("Jumlah seluruhnya"), cell_bold),
            "",
            "",
            "",
            "",
            p(format_rupiah(matrix.total_budget, lang="id"), money_bold),
            "",
            "",
            "",
            "",
        ]
    )
    r = len(data) - 1
    style_cmds += [("SPAN", (1, r), (5, r)), ("BACKGROUND", (0, r), (-1, r), colors.HexColor("#F0F4F8"))]

    widths = [9 * mm, 38 * mm, 24 * mm, 62 * mm, 24 * mm, 50 * mm, 30 * mm, 9 * mm, 9 * mm, 9 * mm, 9 * mm]
    # LongTable measures only the rows that fit the page at each split; a
    # plain Table measures the whole rest of the table again every page.
    table = LongTable(data, colWidths=widths, repeatRows=1)
    table.setStyle(TableStyle(style_cmds))

    summary = [[p(_("Instansi"), head), p(_("Jumlah kegiatan"), head), p(_("Anggaran di wilayah (Rp)"), head)]]
    for entry in agency_totals:
        summary.append([p(entry["agency"]), p(entry["count"]), p(format_rupiah(entry["total"], lang="id"), money)])
    summary.append(
        [
            p(_("Jumlah seluruhnya"), cell_bold),
            p(matrix.activity_count, cell_bold),
            p(format_rupiah(matrix.total_budget, lang="id"), money_bold),
        ]
    )
    summary_table = Table(summary, colWidths=[90 * mm, 30 * mm, 40 * mm], repeatRows=1)
    summary_table.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#0B3D6E")),
                ("GRID", (0, 0), (-1, -1), 0.3, colors.HexColor("#C9D2DC")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )

    story = [
        Paragraph(escape(_title(matrix)), styles["Title"]),
        Paragraph(escape(_generated()), styles["Normal"]),
        Spacer(1, 4 * mm),
    ]
    if matrix.rows:
        story += [
            table,
            Spacer(1, 6 * mm),
            Paragraph(escape(_("Ringkasan per instansi")), styles["Heading2"]),
            summary_table,
        ]
    else:
        story.append(
            Paragraph(
                escape(_("Belum ada kegiatan yang direncanakan di wilayah ini pada tahun tersebut.")), styles["Normal"]
            )
        )

    out = io.BytesIO()
    doc = SimpleDocTemplate(
        out,
        pagesize=landscape(A4),
        leftMargin=12 * mm,
        rightMargin=12 * mm,
        topMargin=12 * mm,
        bottomMargin=15 * mm,
        title=_title(matrix),
        author="Selaras",
    )
    # About 25 rows a page: enough to move the bar page by page.
    pages = max(1, len(data) // 25)

    def on_page(canvas, _doc) -> None:
        if progress is not None:
            page = canvas.getPageNumber()
            progress(min(page, pages), pages, _("Menata halaman %(page)s") % {"page": page})

    doc.build(story, onFirstPage=on_page, onLaterPages=on_page, canvasmaker=NumberedCanvas)
    return out.getvalue()


def matrix_pdf_response(matrix: RegionMatrix, groups: list[dict], agency_totals: list[dict]) -> HttpResponse:
    response = HttpResponse(matrix_pdf(matrix, groups, agency_totals), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{export_filename(matrix, "pdf")}"'
    return response
