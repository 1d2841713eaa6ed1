"""The region's coordination matrix as an Excel workbook and as a landscape
A4 PDF, for the coordination meeting's table and handouts. Both take the
matrix the page shows (already restricted to what the user may read) and
say the same thing: rows grouped by affair, totals per affair and per
agency, Rupiah in Indonesian format.

`matrix` holds what both share, `xlsx` the workbook, `pdf` the PDF.
"""

from selaras.plans.exports.matrix import ProgressFn, affair_groups, agency_totals, export_filename
from selaras.plans.exports.xlsx import RUPIAH_FORMAT, XLSX_TYPE, matrix_xlsx, matrix_xlsx_response


def __getattr__(name: str):
    # reportlab is loaded only when a PDF is made, not by every page that
    # imports this package.
    if name in ("matrix_pdf", "matrix_pdf_response"):
        from selaras.plans.exports import pdf

        return getattr(pdf, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "RUPIAH_FORMAT",
    "XLSX_TYPE",
    "ProgressFn",
    "affair_groups",
    "agency_totals",
    "export_filename",
    "matrix_pdf",
    "matrix_pdf_response",
    "matrix_xlsx",
    "matrix_xlsx_response",
]
