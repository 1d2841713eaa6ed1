"""Attendance as a spreadsheet: the participants of a meeting exported with
their attendance, and the same sheet imported back, by the plans' rules:
the guarded reader first, every error located by sheet, row and column,
and nothing saved when there is any error."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from selaras.core.access import WRITE
from selaras.core.spreadsheets import write_text
from selaras.core.uploads import SheetLimits
from selaras.meetings.models import Attendance, Meeting, Participant, ParticipantRole
from selaras.meetings.services import participant_update
from selaras.meetings.services._common import require
from selaras.plans.spreadsheets.errors import ImportErrorList, column_letter
from selaras.plans.spreadsheets.workbook import as_source, check_size, iter_rows, open_xlsx

if TYPE_CHECKING:
    from selaras.accounts.models import User

SHEET = "Kehadiran"
MAX_ROWS = 5000
# (key, header): the import reads columns by position, as the export wrote them.
COLUMNS = (
    ("id", _("No. peserta")),
    ("party", _("Instansi / wilayah")),
    ("name", _("Nama")),
    ("position", _("Jabatan")),
    ("email", _("Surel")),
    ("role", _("Peran")),
    ("attended", _("Kehadiran")),
)
_COL = {key: index for index, (key, _header) in enumerate(COLUMNS)}
_LIMITS = SheetLimits(
    max_rows=MAX_ROWS + 1, max_columns=len(COLUMNS) + 5, max_cells=(MAX_ROWS + 1) * (len(COLUMNS) + 5)
)


def _headers() -> list[str]:
    return [str(header) for _key, header in COLUMNS]


def attendance_export(meeting: Meeting) -> bytes:
    """The meeting's participants as an .xlsx (text cells never formulas)."""
    book = Workbook()
    sheet = book.active
    sheet.title = SHEET
    for column, header in enumerate(_headers(), start=1):
        write_text(sheet.cell(row=1, column=column), header).font = Font(bold=True)
    participants = meeting.participants.select_related("agency", "region").order_by("pk")
    for row, p in enumerate(participants, start=2):
        values = (
            p.pk,
            str(p.agency or p.region or ""),
            p.name,
            p.position,
            p.email,
            p.get_role_display(),
            p.get_attended_display(),
        )
        for column, value in enumerate(values, start=1):
            write_text(sheet.cell(row=row, column=column), value)
    for letter, width in zip("ABCDEFG", (12, 40, 30, 30, 30, 16, 18), strict=True):
        sheet.column_dimensions[letter].width = width
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _choice(value: str, choices) -> str | None:
    """A choice by its label (in any case) or its stored value."""
    wanted = value.strip().casefold()
    for stored, label in choices:
        if wanted in (stored.casefold(), str(label).casefold()):
            return stored
    return None


def _text(value) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return "" if value is None else str(value).strip()


def _read(meeting: Meeting, file, errors: ImportErrorList) -> dict[int, dict]:
    source = as_source(file)
    if not check_size(source, errors):
        return {}
    book = open_xlsx(source, errors)
    if book is None:
        return {}
    try:
        if SHEET not in book.sheet_names:
            errors.file(_("Lembar “%(sheet)s” tidak ditemukan di dalam berkas.") % {"sheet": SHEET})
            return {}
        opened = book.sheet(SHEET, errors, _LIMITS)
        if opened is None:
            return {}
        data, scan = opened
        for ref in scan.formulas:
            column, row = "".join(filter(str.isalpha, ref)), "".join(filter(str.isdigit, ref))
            errors.add(_("Rumus tidak diterima; isikan nilainya."), sheet=SHEET, row=int(row or 0), column=column)
        return _rows(meeting, iter_rows(data), errors)
    finally:
        book.close()


def _rows(meeting: Meeting, rows, errors: ImportErrorList) -> dict[int, dict]:
    known = {p.pk: p for p in meeting.participants.all()}
    headers = _headers()
    changes: dict[int, dict] = {}

    def err(message: str, row: int, key: str) -> None:
        index = _COL[key]
        errors.add(message, sheet=SHEET, row=row, column=column_letter(index), header=headers[index])

    for number, values in enumerate(rows, start=1):
        cells = [_text(v) for v in values] + [""] * len(COLUMNS)
        if number == 1 or not any(cells[: len(COLUMNS)]):
            continue
        raw_id = cells[_COL["id"]]
        participant = known.get(int(raw_id)) if raw_id.isdigit() else None
        if participant is None:
            err(_("Peserta “%(value)s” tidak terdaftar pada rapat ini.") % {"value": raw_id}, number, "id")
            continue
        if participant.pk in changes:
            err(_("Peserta ini muncul lebih dari sekali."), number, "id")
            continue
        attended = _choice(cells[_COL["attended"]] or str(Attendance.UNKNOWN.label), Attendance.choices)
        if attended is None:
            err(
                _("Kehadiran “%(value)s” tidak dikenal; isikan Hadir, Tidak hadir atau Belum diketahui.")
                % {"value": cells[_COL["attended"]]},
                number,
                "attended",
            )
        role = _choice(cells[_COL["role"]] or str(participant.get_role_display()), ParticipantRole.choices)
        if role is None:
            err(_("Peran “%(value)s” tidak dikenal.") % {"value": cells[_COL["role"]]}, number, "role")
        email = cells[_COL["email"]]
        if email and ("@" not in email or " " in email):
            err(_("Alamat surel “%(value)s” tidak sah.") % {"value": email}, number, "email")
        changes[participant.pk] = {
            "name": cells[_COL["name"]][:200],
            "position": cells[_COL["position"]][:200],
            "email": email,
            "role": role,
            "attended": attended,
        }
    return changes


def attendance_import(*, meeting: Meeting, file, by: User) -> int:
    """Apply the sheet's attendance (names, positions, e-mails, roles too)
    to the meeting's participants; returns how many changed. Raises
    `SpreadsheetImportError` listing every located error, and then nothing
    is saved."""
    require(by, WRITE, meeting, _("Anda tidak berwenang mengubah rapat ini."))
    errors = ImportErrorList()
    changes = _read(meeting, file, errors)
    errors.raise_if_any()
    changed = 0
    with transaction.atomic():
        for participant in Participant.objects.filter(meeting=meeting, pk__in=changes).order_by("pk"):
            wanted = changes[participant.pk]
            if any(getattr(participant, k) != v for k, v in wanted.items()):
                participant_update(participant=participant, by=by, **wanted)
                changed += 1
    return changed
