"""The plan workbook's layout: its sheets, their columns and the code lists
behind the drop-downs. The template writer, the reader and the exporter all
read this one description, so the three cannot drift apart.

Headers stay in Indonesian whatever the interface language: they are the
file format that ministries fill in and exchange.
"""

from __future__ import annotations

from dataclasses import dataclass

from selaras.plans.models import DelegatedContent, ExecutingLevel, FundingSource, RecipientLevel

TEXT, NUMBER, YES_NO, CODE = "text", "number", "yes_no", "code"


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    kind: str = TEXT
    required: bool = False
    max_length: int | None = None
    width: int = 16
    # Name of the code list (see CODE_LISTS) behind the column's drop-down.
    codes: str = ""
    # Codes outside the list may be typed (kecamatan/desa codes are too many
    # for a drop-down); the reader still checks them against the register.
    open_list: bool = False


@dataclass(frozen=True)
class SheetLayout:
    name: str
    columns: tuple[Column, ...]

    def by_key(self, key: str) -> Column:
        return next(c for c in self.columns if c.key == key)


INSTRUCTIONS = "Petunjuk"
CODES = "Kode"

ACTIVITIES = SheetLayout(
    "Kegiatan",
    (
        Column("code", "Kode", CODE, required=True, max_length=30, width=12),
        Column("title", "Judul", required=True, max_length=500, width=40),
        Column("description", "Uraian", width=40),
        Column("affair", "Kode Urusan", CODE, max_length=20, codes="affairs", width=14),
        Column("funding_source", "Sumber Dana", CODE, required=True, codes="funding", width=18),
        Column("budget", "Anggaran (Rp)", NUMBER, required=True, width=20),
        Column("partner_budget", "Anggaran Mata Uang Mitra", NUMBER, width=16),
        Column("output", "Keluaran", max_length=500, width=30),
        Column("q1", "TW I", YES_NO, codes="yes_no", width=8),
        Column("q2", "TW II", YES_NO, codes="yes_no", width=8),
        Column("q3", "TW III", YES_NO, codes="yes_no", width=8),
        Column("q4", "TW IV", YES_NO, codes="yes_no", width=8),
        Column("executing_level", "Tingkat Pelaksana", CODE, codes="levels", width=16),
        Column("implementing_agency", "Kode Instansi Pelaksana", CODE, codes="agencies", width=18),
        Column("implementing_office", "Unit/OPD Pelaksana", max_length=255, width=28),
        Column("recipient", "Kode Pemerintah Penerima", CODE, codes="governments", width=18),
        Column("delegated_content", "Muatan Pelimpahan", CODE, codes="content", width=16),
        Column("requires_matching_funds", "Dana Pendamping (Ya/Tidak)", YES_NO, codes="yes_no", width=14),
        Column("targets", "Sasaran", TEXT, width=24),
        # Optional, added with the matrix items: a workbook without them
        # still imports (the level stays empty, the check infers the item).
        Column("recipient_level", "Tingkat Penerima", CODE, codes="recipient_levels", width=16),
        Column("authority_item", "Butir Kewenangan", CODE, max_length=40, codes="items", width=22),
    ),
)

LOCATIONS = SheetLayout(
    "Lokasi",
    (
        Column("activity", "Kode Kegiatan", CODE, required=True, max_length=30, width=14),
        Column("region", "Kode Wilayah", CODE, required=True, codes="regions", open_list=True, width=14),
        Column("budget", "Anggaran (Rp)", NUMBER, width=20),
        Column("target_share", "Bagian Target", NUMBER, width=14),
    ),
)

INDICATORS = SheetLayout(
    "Indikator",
    (
        Column("activity", "Kode Kegiatan", CODE, required=True, max_length=30, width=14),
        Column("indicator", "Indikator", required=True, max_length=500, width=40),
        Column("unit", "Satuan", max_length=60, width=12),
        Column("baseline", "Nilai Dasar", NUMBER, width=12),
        Column("target", "Target", NUMBER, width=12),
    ),
)

DATA_SHEETS = (ACTIVITIES, LOCATIONS, INDICATORS)

YES, NO = "Ya", "Tidak"
YES_WORDS = {"ya", "y", "yes", "true", "1", "x", "v", "✓"}
NO_WORDS = {"tidak", "t", "no", "n", "false", "0", ""}

# Fixed lists: the stored code is what the cell holds.
FUNDING_CODES = [c.value for c in FundingSource]
LEVEL_CODES = [c.value for c in ExecutingLevel]
CONTENT_CODES = [c.value for c in DelegatedContent]

# The recipient level as people write it (PP 19/2022: the governor as
# representative of the centre, or a regional government).
RECIPIENT_LEVEL_WORDS = {
    RecipientLevel.GWPP: "GWPP",
    RecipientLevel.PROVINCE: "Provinsi",
    RecipientLevel.REGENCY: "Kabupaten/Kota",
}


def item_code(item) -> str:
    """A matrix item as the workbook names it: sub urusan, level and its
    position in the cell (`1.02.01:provinsi:2`). Database ids differ between
    installations; this key is the one the registry loader keeps."""
    return f"{item.affair.code}:{item.level}:{item.position}"


# Money and shares: 18 digits of which 2 decimals (the model fields).
MAX_AMOUNT = 10**16


def normalise_header(text: object) -> str:
    return " ".join(str(text or "").split()).casefold()
