"""The region's coordination matrix as an Excel workbook (openpyxl): the
matrix sheet grouped by affair with its totals, and a sheet per agency.
Text reaches the workbook through `append_row`/`write_text`: a title
starting with "=" stays text."""

from __future__ import annotations

import io

from django.http import HttpResponse
from django.utils.translation import gettext as _

from selaras.core.spreadsheets import append_row, write_text
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

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
RUPIAH_FORMAT = '"Rp"#,##0'


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
    headers = column_headers()
    width = len(headers)

    append_row(ws, [matrix_title(matrix)])
    ws["A1"].font = Font(bold=True, size=14)
    append_row(ws, [generated_text()])
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
        put([affair_title(group)])
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
                    activity_text(row),
                    row.funding_source_label,
                    locations_text(row),
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
        put(["", _("Jumlah urusan %(affair)s") % {"affair": affair_title(group)}, "", "", "", "", group["total"]])
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
    append_row(per_agency, [matrix_title(matrix)])
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
