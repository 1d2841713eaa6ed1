"""Attendance as a spreadsheet: exported and imported back unchanged; a
file with any error reports each one by sheet, row and column and saves
nothing."""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import PermissionDenied
from openpyxl import load_workbook

from selaras.meetings.attendance import SHEET, attendance_export, attendance_import
from selaras.plans.spreadsheets.errors import SpreadsheetImportError

pytestmark = pytest.mark.django_db


def _edit(data: bytes, changes: dict[str, object]) -> io.BytesIO:
    book = load_workbook(io.BytesIO(data))
    for ref, value in changes.items():
        book[SHEET][ref] = value
    out = io.BytesIO()
    book.save(out)
    out.seek(0)
    out.name = "kehadiran.xlsx"
    return out


def _state(meeting):
    return list(meeting.participants.order_by("pk").values_list("name", "position", "attended"))


def test_it_round_trips_the_attendance(mworld, cast):
    data = attendance_export(mworld.meeting)
    rows = list(load_workbook(io.BytesIO(data))[SHEET].values)
    assert rows[1][2] == "Budi" and rows[1][6] == "Belum diketahui"
    before = _state(mworld.meeting)
    assert attendance_import(meeting=mworld.meeting, file=_edit(data, {}), by=cast.coordinator) == 0
    assert _state(mworld.meeting) == before
    edited = _edit(data, {"G2": "Hadir", "D2": "Kepala Biro Perencanaan", "C3": "Sri", "G3": "Tidak hadir"})
    assert attendance_import(meeting=mworld.meeting, file=edited, by=cast.coordinator) == 2
    assert _state(mworld.meeting) == [("Budi", "Kepala Biro Perencanaan", "yes"), ("Sri", "", "no")]


def test_a_formula_looking_name_is_exported_as_text(mworld, cast):
    participant = mworld.meeting.participants.first()
    participant.name = "=HYPERLINK(1)"
    participant.save()
    sheet = load_workbook(io.BytesIO(attendance_export(mworld.meeting)))[SHEET]
    assert sheet["C2"].data_type == "s"


def test_a_bad_file_reports_each_error_by_place_and_saves_nothing(mworld, cast):
    data = attendance_export(mworld.meeting)
    before = _state(mworld.meeting)
    bad = _edit(data, {"G2": "Hadir", "A3": 99999, "G4": "Mungkin", "A4": mworld.meeting.participants.first().pk})
    with pytest.raises(SpreadsheetImportError) as caught:
        attendance_import(meeting=mworld.meeting, file=bad, by=cast.coordinator)
    places = {(i.sheet, i.row, i.column) for i in caught.value.errors}
    assert (SHEET, 3, "A") in places  # unknown participant
    assert (SHEET, 4, "A") in places  # the same participant twice
    assert _state(mworld.meeting) == before


def test_an_unknown_attendance_value_is_located(mworld, cast):
    bad = _edit(attendance_export(mworld.meeting), {"G3": "Mungkin"})
    with pytest.raises(SpreadsheetImportError) as caught:
        attendance_import(meeting=mworld.meeting, file=bad, by=cast.coordinator)
    [issue] = caught.value.errors
    assert (issue.sheet, issue.row, issue.column) == (SHEET, 3, "G")
    assert "Lembar Kehadiran, baris 3, kolom G" in str(issue)


def test_a_file_that_is_not_a_workbook_is_refused(mworld, cast):
    fake = io.BytesIO(b"MZ\x90\x00 not excel")
    fake.name = "kehadiran.xlsx"
    with pytest.raises(SpreadsheetImportError):
        attendance_import(meeting=mworld.meeting, file=fake, by=cast.coordinator)


def test_only_the_meetings_coordinator_imports(mworld, cast):
    with pytest.raises(PermissionDenied):
        attendance_import(meeting=mworld.meeting, file=_edit(attendance_export(mworld.meeting), {}), by=cast.planner_a)
