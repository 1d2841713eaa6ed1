""" "Wilayah saya" as Excel and PDF: the region matrix's workbook and PDF
(selaras.plans.exports) of the central activities, followed by the region's
own plans, the findings touching it and its flags, as the page shows them
(already restricted and redacted for the reader)."""

from __future__ import annotations

import io

from django.http import HttpResponse
from django.utils.translation import gettext as _

from selaras.core.formatting import format_rupiah
from selaras.core.spreadsheets import append_row
from selaras.home.district import District
from selaras.plans import exports as matrix_exports
from selaras.plans.exports.matrix import matrix_title


def _regional_rows(d: District) -> list[list[object]]:
    return [[p.region.name, p.source_name, p.sub_count, float(p.budget_total)] for p in d.regional_plans]


def _finding_rows(d: District) -> list[list[str]]:
    return [
        [
            str(row.finding.get_severity_display()),
            str(row.finding.get_status_display()),
            str(row.finding.plan or ""),
            row.message,
        ]
        for row in d.findings
    ]


def _flag_rows(d: District) -> list[list[str]]:
    return [
        [
            f.region.name,
            str(f.activity),
            str(f.activity.plan.owner),
            str(f.get_reason_display()),
            str(f.get_status_display()),
            f.comment,
        ]
        for f in d.flags or ()
    ]


def _sections(d: District) -> list[tuple[str, list[str], list[list[object]]]]:
    sections = [
        (
            _("Rencana daerah"),
            [_("Wilayah"), _("Berkas sumber"), _("Sub kegiatan"), _("Pagu (Rp)")],
            _regional_rows(d),
        ),
        (_("Temuan"), [_("Tingkat"), _("Status"), _("Rencana"), _("Temuan")], _finding_rows(d)),
    ]
    if d.flags is not None:
        sections.append(
            (
                _("Tanda daerah"),
                [_("Wilayah"), _("Kegiatan"), _("Instansi"), _("Alasan"), _("Status"), _("Komentar")],
                _flag_rows(d),
            )
        )
    return sections


def district_xlsx(d: District) -> bytes:
    from openpyxl import load_workbook

    matrix = d.matrix
    wb = load_workbook(
        io.BytesIO(
            matrix_exports.matrix_xlsx(
                matrix, matrix_exports.affair_groups(matrix), matrix_exports.agency_totals(matrix)
            )
        )
    )
    for title, headers, rows in _sections(d):
        ws = wb.create_sheet(title[:31])
        append_row(ws, headers)
        for row in rows:
            append_row(ws, row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def district_pdf(d: District) -> bytes:
    from reportlab.lib.units import mm
    from reportlab.platypus import LongTable, Spacer

    from selaras.plans.exports import pdf

    styles = pdf.pdf_styles()
    matrix = d.matrix
    flowables, _rows = pdf.story(
        matrix, matrix_exports.affair_groups(matrix), matrix_exports.agency_totals(matrix), styles
    )
    for title, headers, rows in _sections(d):
        flowables += [Spacer(1, 6 * mm), styles.p(title, styles.heading)]
        if not rows:
            flowables.append(styles.p(_("Tidak ada."), styles.normal))
            continue
        cells = [[styles.p(h, styles.cell_bold) for h in headers]]
        cells += [[styles.p(format_rupiah(v) if isinstance(v, float) else v) for v in row] for row in rows]
        flowables.append(LongTable(cells, repeatRows=1))
    out = io.BytesIO()
    title = matrix_title(matrix)
    doc = pdf.landscape_document(out, title)
    doc.build(flowables, canvasmaker=pdf.numbered_canvas(title))
    return out.getvalue()


def _filename(d: District, ext: str) -> str:
    return f"wilayah-saya-{d.region.code}-{d.year}.{ext}"


def district_xlsx_response(d: District) -> HttpResponse:
    response = HttpResponse(district_xlsx(d), content_type=matrix_exports.XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{_filename(d, "xlsx")}"'
    return response


def district_pdf_response(d: District) -> HttpResponse:
    response = HttpResponse(district_pdf(d), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{_filename(d, "pdf")}"'
    return response
