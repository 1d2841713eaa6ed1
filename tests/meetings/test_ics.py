"""The calendar file of a meeting (RFC 5545): structure, UTC times, CRLF
line endings, lines folded at 75 octets, text escaped."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from selaras.meetings import ics, services

pytestmark = pytest.mark.django_db


def unfold(body: bytes) -> list[str]:
    text = body.decode("utf-8")
    return text.replace("\r\n ", "").split("\r\n")[:-1]


def props(lines: list[str]) -> dict[str, str]:
    return dict(line.split(":", 1) for line in lines)


@pytest.fixture
def calendar(client, cast, mworld):
    services.meeting_update(
        meeting=mworld.meeting,
        by=cast.coordinator,
        title="Rakortekpus RI-UNICEF 2024; rumusan hasil, dan rencana tindak lanjut " + "panjang " * 10,
        venue="Hotel Bidakara, Jl. Gatot Subroto; Jakarta Selatan",
    )
    client.force_login(cast.planner_a)
    return client.get(reverse("meetings:meeting_calendar", args=[mworld.meeting.pk]))


def test_it_serves_one_event_as_a_calendar_attachment(calendar, mworld):
    assert calendar.status_code == 200
    assert calendar["Content-Type"].startswith("text/calendar")
    assert calendar["Content-Disposition"].startswith("attachment;")
    lines = unfold(calendar.content)
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-1] == "END:VCALENDAR"
    assert lines.index("BEGIN:VEVENT") < lines.index("END:VEVENT")
    event = props(lines[lines.index("BEGIN:VEVENT") + 1 : lines.index("END:VEVENT")])
    assert event["UID"] == f"meeting-{mworld.meeting.pk}@testserver"
    assert event["DTSTART"] == "20240305T020000Z"  # 09:00 in Jakarta
    assert event["DTEND"] == "20240305T040000Z"
    assert event["DTSTAMP"].endswith("Z")
    assert event["URL"] == f"http://testserver{reverse('meetings:meeting_detail', args=[mworld.meeting.pk])}"
    assert {"VERSION", "PRODID"} <= set(props(lines[1 : lines.index("BEGIN:VEVENT")]))


def test_every_line_ends_in_crlf_and_fits_75_octets(calendar):
    body = calendar.content
    assert body.endswith(b"\r\n")
    assert b"\n" not in body.replace(b"\r\n", b"")
    raw_lines = body.split(b"\r\n")[:-1]
    assert all(len(line) <= 75 for line in raw_lines)
    assert any(line.startswith(b" ") for line in raw_lines)  # the long summary was folded


def test_text_is_escaped(calendar):
    event = props(unfold(calendar.content))
    assert event["SUMMARY"].startswith("Rakortekpus RI-UNICEF 2024\\; rumusan hasil\\, dan rencana")
    assert event["LOCATION"] == "Hotel Bidakara\\, Jl. Gatot Subroto\\; Jakarta Selatan"
    assert ics.escape("baris satu\r\nbaris \\ dua") == "baris satu\\nbaris \\\\ dua"


def test_folding_never_splits_a_character():
    line = "SUMMARY:" + "Rapat koordinasi — évaluasi " * 6
    folded = ics.fold(line).encode("utf-8")
    for piece in folded.split(b"\r\n"):
        assert len(piece) <= 75
        piece.decode("utf-8")  # a split character would not decode
    assert ics.fold(line).replace("\r\n ", "") == line


def test_times_are_in_utc():
    moment = datetime.datetime(2024, 2, 20, 9, 30, tzinfo=datetime.timezone(datetime.timedelta(hours=7)))
    assert ics.utc(moment) == "20240220T023000Z"
