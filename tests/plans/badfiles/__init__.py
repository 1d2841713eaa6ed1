"""Building filled and broken plan workbooks in tests (no binary fixtures:
every bad file of the corpus is generated here)."""

from __future__ import annotations

import io

import openpyxl

from selaras.plans.spreadsheets.layout import ACTIVITIES, INDICATORS, LOCATIONS

ACTIVITY_ROWS = [
    {
        "code": "K001",
        "title": "Pelatihan kader Posyandu",
        "description": "Pelatihan dua hari\nuntuk kader",
        "affair": "1.02.01",
        "funding_source": "partner",
        "budget": 300000000,
        "partner_budget": 19000.5,
        "output": "Kader terlatih",
        "q1": "Tidak",
        "q2": "Ya",
        "q3": "Ya",
        "q4": "Tidak",
        "executing_level": "kabkota",
        "implementing_agency": "024",
        "implementing_office": "Dinas Kesehatan",
        "recipient": "pemda.33",
        "delegated_content": "",
        "requires_matching_funds": "Tidak",
        "targets": "sdg:3",
    },
    {
        "code": "K002",
        "title": "Supervisi fasilitatif puskesmas",
        "funding_source": "apbn",
        "budget": 150000000.25,
        "q4": "Ya",
        "executing_level": "pusat",
        "requires_matching_funds": "Ya",
    },
]
LOCATION_ROWS = [
    {"activity": "K001", "region": "33.02", "budget": 200000000, "target_share": 80},
    {"activity": "K001", "region": "33.01", "budget": 100000000, "target_share": 40},
    {"activity": "K002", "region": "91.03"},
]
INDICATOR_ROWS = [
    {"activity": "K001", "indicator": "Kader terlatih", "unit": "orang", "baseline": 0, "target": 120},
    {"activity": "K001", "indicator": "Posyandu aktif", "unit": "unit", "baseline": 10, "target": 25.5},
    {"activity": "K002", "indicator": "Puskesmas disupervisi", "unit": "puskesmas", "target": 12},
]


def fill(wb: openpyxl.Workbook, activities=ACTIVITY_ROWS, locations=LOCATION_ROWS, indicators=INDICATOR_ROWS):
    """Write rows into the template's sheets by column key, as a person would."""
    for layout, rows in ((ACTIVITIES, activities), (LOCATIONS, locations), (INDICATORS, indicators)):
        if layout.name not in wb.sheetnames:
            continue
        ws = wb[layout.name]
        keys = [c.key for c in layout.columns]
        for r, values in enumerate(rows, start=2):
            for key, value in values.items():
                ws.cell(row=r, column=keys.index(key) + 1, value=value)
    return wb


def to_bytes(wb: openpyxl.Workbook) -> bytes:
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def load(data: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(data))


def template_bytes(cycle, owner=None) -> bytes:
    from selaras.plans.spreadsheets.template import build_workbook

    return to_bytes(build_workbook(cycle, owner=owner))


def filled_bytes(cycle, **rows) -> bytes:
    return to_bytes(fill(load(template_bytes(cycle)), **rows))


# --- the corpus of bad files: name → (bytes builder, expected place) --------
def _edit(cycle, change) -> bytes:
    wb = fill(load(template_bytes(cycle)))
    change(wb)
    return to_bytes(wb)


def _set(sheet: str, ref: str, value):
    def change(wb):
        wb[sheet][ref] = value

    return change


def _rename(wb):
    wb["Kegiatan"].title = "Kegiatan 2024"


def _drop_budget_column(wb):
    wb["Kegiatan"].delete_cols(6)


def _merge(wb):
    wb["Kegiatan"].merge_cells("B2:C2")


def junk(size: int, *, seed: int = 7) -> bytes:
    import random

    return random.Random(seed).randbytes(size)


# Each entry: builder(cycle) -> bytes, and the (sheet, row, column) the
# first error must name (None where the error concerns the whole file), and
# a fragment of the Indonesian message.
CORPUS = {
    "missing_sheet": (lambda c: _edit(c, _rename), ("Kegiatan", None, ""), "tidak ditemukan"),
    "missing_column": (lambda c: _edit(c, _drop_budget_column), ("Kegiatan", 1, ""), "Anggaran (Rp)"),
    "unknown_region": (lambda c: _edit(c, _set("Lokasi", "B3", "33.99")), ("Lokasi", 3, "B"), "33.99"),
    "unknown_affair": (lambda c: _edit(c, _set("Kegiatan", "D2", "9.99")), ("Kegiatan", 2, "D"), "9.99"),
    "unknown_agency": (lambda c: _edit(c, _set("Kegiatan", "N3", "999")), ("Kegiatan", 3, "N"), "999"),
    "text_in_number": (lambda c: _edit(c, _set("Kegiatan", "F3", "seratus juta")), ("Kegiatan", 3, "F"), "bukan angka"),
    "negative_budget": (lambda c: _edit(c, _set("Kegiatan", "G2", -5)), ("Kegiatan", 2, "G"), "negatif"),
    "locations_do_not_add_up": (
        lambda c: _edit(c, _set("Lokasi", "C2", 250000000)),
        ("Lokasi", 2, "C"),
        "tidak sama dengan anggaran",
    ),
    "formula": (lambda c: _edit(c, _set("Kegiatan", "F2", "=100000000*3")), ("Kegiatan", 2, "F"), "rumus"),
    "merged_cells": (lambda c: _edit(c, _merge), ("Kegiatan", 2, "B"), "digabung"),
    "unknown_activity_in_locations": (lambda c: _edit(c, _set("Lokasi", "A4", "K999")), ("Lokasi", 4, "A"), "K999"),
    "duplicate_activity_code": (lambda c: _edit(c, _set("Kegiatan", "A3", "K001")), ("Kegiatan", 3, "A"), "K001"),
    "empty_file": (lambda c: b"", ("", None, ""), "kosong"),
    "renamed_text_file": (lambda c: b"Kode;Judul\nK001;Pelatihan\n", ("", None, ""), "bukan buku kerja Excel"),
    "junk_10mb": (lambda c: junk(10 * 1024 * 1024), ("", None, ""), "bukan buku kerja Excel"),
    "zip_that_is_not_a_workbook": (lambda c: b"PK\x03\x04" + junk(4096), ("", None, ""), ""),
}
