"""The plan workbook as Selaras hands it out: an instructions sheet in
Indonesian, the three data sheets with protected header rows, and drop-down
lists that point at a hidden code sheet (a kabupaten/kota list is far too
long to inline in a validation formula).

`build_workbook` gives an empty template; `selaras.plans.spreadsheets.exporter`
fills the same workbook with a plan, so an export imports back unchanged.
"""

from __future__ import annotations

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from selaras.core.spreadsheets import write_text
from selaras.plans.models import Cycle, DelegatedContent, ExecutingLevel, FundingSource, RecipientLevel
from selaras.plans.spreadsheets.errors import column_letter
from selaras.plans.spreadsheets.layout import (
    CODES,
    DATA_SHEETS,
    INSTRUCTIONS,
    NO,
    NUMBER,
    RECIPIENT_LEVEL_WORDS,
    YES,
    SheetLayout,
    item_code,
)
from selaras.registry.models import Affair, Agency, AgencyKind, AuthorityRule, Region, RegionLevel

LAST_ROW = 1048576
LOCKED = Protection(locked=True)
UNLOCKED = Protection(locked=False)
HEADER_FONT = Font(bold=True, color="FFFFFF")
HEADER_FILL = PatternFill("solid", fgColor="1F4E79")
MONEY_FORMAT = "#,##0.##"


def _code_lists(year: int) -> dict[str, list[tuple[str, str]]]:
    """Each drop-down's (code, name) pairs, for the hidden code sheet."""
    agencies = Agency.objects.valid_in(year).order_by("code")
    return {
        "affairs": list(Affair.objects.order_by("code").values_list("code", "name")),
        "funding": [(c.value, str(c.label)) for c in FundingSource],
        "levels": [(c.value, str(c.label)) for c in ExecutingLevel],
        "agencies": list(agencies.exclude(kind=AgencyKind.REGIONAL_OFFICE).values_list("code", "name")),
        "governments": list(agencies.filter(kind=AgencyKind.REGIONAL_GOVERNMENT).values_list("code", "name")),
        # Provinces and kabupaten/kota: kecamatan and desa codes may be typed.
        "regions": list(
            Region.objects.current()
            .filter(level__in=[RegionLevel.PROVINCE, RegionLevel.REGENCY])
            .order_by("code")
            .values_list("code", "name")
        ),
        "content": [(c.value, str(c.label)) for c in DelegatedContent],
        "yes_no": [(YES, YES), (NO, NO)],
        "recipient_levels": [(word, str(RecipientLevel(level).label)) for level, word in RECIPIENT_LEVEL_WORDS.items()],
        "items": [
            (item_code(item), f"{item.get_level_display()}: {item.text}")
            for item in AuthorityRule.objects.filter(has_authority=True).select_related("affair")
        ],
    }


def _write_codes(wb: Workbook, lists: dict[str, list[tuple[str, str]]]) -> dict[str, str]:
    """The hidden code sheet: two columns (code, name) per list. Returns
    each list's range for data validation formulas."""
    ws = wb.create_sheet(CODES)
    ranges = {}
    for i, (name, pairs) in enumerate(lists.items()):
        code_col, name_col = column_letter(2 * i), column_letter(2 * i + 1)
        ws[f"{code_col}1"], ws[f"{name_col}1"] = name, f"{name} (nama)"
        for row, (code, label) in enumerate(pairs, start=2):
            write_text(ws.cell(row=row, column=2 * i + 1), str(code)).number_format = "@"
            write_text(ws.cell(row=row, column=2 * i + 2), str(label))
        last = max(2, len(pairs) + 1)
        ranges[name] = f"{CODES}!${code_col}$2:${code_col}${last}"
    ws.sheet_state = "hidden"
    ws.protection.sheet = True
    return ranges


def _data_sheet(wb: Workbook, layout: SheetLayout, ranges: dict[str, str]) -> Worksheet:
    from django.utils.translation import gettext as _

    ws = wb.create_sheet(layout.name)
    for index, column in enumerate(layout.columns):
        letter = column_letter(index)
        cell = ws.cell(row=1, column=index + 1, value=column.header)
        cell.font, cell.fill, cell.protection = HEADER_FONT, HEADER_FILL, LOCKED
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        dim = ws.column_dimensions[letter]
        dim.width = column.width
        # Whole columns unlocked, header cells locked: with the sheet
        # protected, people fill rows but cannot rename a header.
        dim.protection = UNLOCKED
        dim.number_format = MONEY_FORMAT if column.kind == NUMBER else "@"
        if column.codes:
            dv = DataValidation(
                type="list",
                formula1=f"={ranges[column.codes]}",
                allow_blank=True,
                showErrorMessage=not column.open_list,
                errorTitle=_("Kode tidak dikenal"),
                error=_("Pilih kode dari daftar."),
            )
            dv.add(f"{letter}2:{letter}{LAST_ROW}")
            ws.add_data_validation(dv)
    ws.row_dimensions[1].height = 32
    ws.freeze_panes = "A2"
    protection = ws.protection
    protection.sheet = True
    # Allowed while protected: rows, formatting, sorting and filtering.
    for allowed in ("insertRows", "deleteRows", "formatCells", "formatColumns", "formatRows", "sort", "autoFilter"):
        setattr(protection, allowed, False)
    return ws


def _instructions(wb: Workbook, cycle: Cycle, owner, lists) -> None:
    from django.utils.translation import gettext as _

    ws = wb.active
    ws.title = INSTRUCTIONS
    ws.column_dimensions["A"].width = 28
    ws.column_dimensions["B"].width = 100
    lines: list[tuple[str, str]] = [
        (_("Templat rencana kegiatan Selaras"), ""),
        (_("Program"), f"{cycle.programme.code} — {cycle.programme.name}"),
        (_("Tahun"), str(cycle.year)),
        (_("Instansi"), f"{owner.code} — {owner.name}" if owner else ""),
        ("", ""),
        (_("Cara mengisi"), ""),
        (
            "1",
            _(
                "Isi satu baris per kegiatan di lembar Kegiatan. Kode kegiatan (mis. K001) harus unik; lembar Lokasi "
                "dan Indikator merujuk kegiatan dengan kode ini."
            ),
        ),
        (
            "2",
            _(
                "Di lembar Lokasi, satu baris per wilayah kegiatan: kode wilayah Kemendagri (mis. 33.02, atau kode "
                "kecamatan/desa). Jika anggaran lokasi diisi, jumlahnya harus sama dengan anggaran kegiatan."
            ),
        ),
        ("3", _("Di lembar Indikator, satu baris per indikator keluaran dengan satuan, nilai dasar dan target.")),
        (
            "4",
            _(
                "Pilih kode dari daftar pilihan. Tulis kode sebagai teks, bukan angka. Jangan menggunakan rumus, "
                "jangan menggabungkan sel, dan jangan mengubah judul kolom."
            ),
        ),
        (
            "5",
            _(
                "Kolom TW I–IV dan Dana Pendamping diisi Ya atau Tidak. Sasaran ditulis kerangka:kode dipisah titik "
                "koma, mis. sdg:3; sdg:4."
            ),
        ),
        (
            "6",
            _(
                "Unggah berkas ke Selaras. Semua kesalahan dilaporkan sekaligus dengan lembar, baris dan kolomnya; "
                "berkas yang memuat kesalahan tidak diimpor sama sekali. Impor menggantikan seluruh isi rencana."
            ),
        ),
        (
            "7",
            _(
                "Untuk dekonsentrasi dan tugas pembantuan, Tingkat Penerima diisi GWPP (dekonsentrasi), Provinsi "
                "atau Kabupaten/Kota (tugas pembantuan). Butir Kewenangan menunjuk butir matriks Lampiran UU "
                "23/2014 yang dilaksanakan kegiatan (kode sub urusan:tingkat:urutan, mis. 1.02.01:provinsi:1); "
                "jika kosong, Selaras menyimpulkannya dari judul dan uraian."
            ),
        ),
        ("", ""),
        (_("Sumber dana"), "; ".join(f"{c} = {n}" for c, n in lists["funding"])),
        (_("Tingkat pelaksana"), "; ".join(f"{c} = {n}" for c, n in lists["levels"])),
        (_("Muatan pelimpahan"), "; ".join(f"{c} = {n}" for c, n in lists["content"])),
        (_("Tingkat penerima"), "; ".join(f"{c} = {n}" for c, n in lists["recipient_levels"])),
    ]
    for row, (label, text) in enumerate(lines, start=1):
        ws.cell(row=row, column=1, value=label).font = Font(bold=bool(label) and not label.isdigit())
        write_text(ws.cell(row=row, column=2), text).alignment = Alignment(wrap_text=True, vertical="top")
    ws["A1"].font = Font(bold=True, size=14)
    ws.protection.sheet = True


def build_workbook(cycle: Cycle, *, owner=None) -> Workbook:
    """An empty plan workbook for this cycle (and owner, shown on the
    instructions sheet)."""
    wb = Workbook()
    lists = _code_lists(cycle.year)
    _instructions(wb, cycle, owner, lists)
    ranges = _write_codes(wb, lists)
    for layout in DATA_SHEETS:
        _data_sheet(wb, layout, ranges)
    # The code sheet last, after the data sheets people work in.
    wb.move_sheet(CODES, offset=len(wb.sheetnames) - 1 - wb.sheetnames.index(CODES))
    wb.active = 1
    return wb


def write_template(cycle: Cycle, target, *, owner=None) -> None:
    """Write the template for `cycle` to a path or a binary stream."""
    build_workbook(cycle, owner=owner).save(target)
