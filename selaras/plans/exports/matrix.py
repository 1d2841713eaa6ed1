"""What the workbook and the PDF of a region's coordination matrix share:
the column headers, the titles and the grouping by affair and by agency
(the page shows the same groups)."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from decimal import Decimal

from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from selaras.core.formatting import format_date
from selaras.plans.selectors import MatrixRow, RegionMatrix

ProgressFn = Callable[[int, int, str], None]


def column_headers() -> list[str]:
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


def matrix_title(matrix: RegionMatrix) -> str:
    return _("Matriks koordinasi kegiatan di %(region)s, tahun %(year)s") % {
        "region": matrix.region.name,
        "year": matrix.year,
    }


def affair_title(group: dict) -> str:
    if not group["code"]:
        return _("Urusan belum ditentukan")
    return f"{group['code']} {group['name']}"


def locations_text(row: MatrixRow) -> str:
    return "; ".join(f"{loc.name} ({loc.code})" for loc in row.locations)


def activity_text(row: MatrixRow) -> str:
    return f"{row.activity.code} {row.activity.title}".strip()


def export_filename(matrix: RegionMatrix, ext: str) -> str:
    return f"matriks-{matrix.region.code}-{slugify(matrix.region.name)}-{matrix.year}.{ext}"


def generated_text() -> str:
    return _("Dibuat %(date)s dari Selaras; hanya memuat rencana yang dapat Anda baca.") % {
        "date": format_date(timezone.now(), lang="id")
    }


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
