"""A meeting as an iCalendar file (RFC 5545), written by hand: one VEVENT
is a dozen lines, not worth a dependency. Times go out in UTC (`Z`), so no
VTIMEZONE block is needed; lines end in CRLF and fold at 75 octets without
splitting a UTF-8 character (RFC 5545 §3.1)."""

from __future__ import annotations

import datetime

from selaras.meetings.models import Meeting

# A meeting without an end is put in calendars as two hours long.
DEFAULT_LENGTH = datetime.timedelta(hours=2)
LINE_OCTETS = 75


def escape(text: str) -> str:
    """TEXT value escaping (§3.3.11): backslash, semicolon, comma, newline."""
    text = str(text).replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return text.replace("\r\n", "\\n").replace("\r", "\\n").replace("\n", "\\n")


def fold(line: str) -> str:
    """Split a content line into pieces of at most 75 octets, each
    continuation starting with one space (§3.1)."""
    pieces: list[str] = []
    current, size = "", 0
    limit = LINE_OCTETS
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            pieces.append(current)
            # The leading space of a continuation counts toward its 75.
            current, size, limit = char, width, LINE_OCTETS - 1
        else:
            current += char
            size += width
    pieces.append(current)
    return "\r\n ".join(pieces)


def utc(moment: datetime.datetime) -> str:
    return moment.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")


def meeting_ics(meeting: Meeting, *, url: str, host: str, now: datetime.datetime) -> bytes:
    """The calendar file of one meeting; `url` is its page (absolute),
    `host` makes the UID globally unique, `now` is the DTSTAMP."""
    ends = meeting.ends_at or meeting.starts_at + DEFAULT_LENGTH
    location = meeting.venue or meeting.online_url
    description = meeting.online_url if meeting.venue and meeting.online_url else ""
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Selaras//Rapat koordinasi//ID",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "BEGIN:VEVENT",
        f"UID:meeting-{meeting.pk}@{host}",
        f"DTSTAMP:{utc(now)}",
        f"DTSTART:{utc(meeting.starts_at)}",
        f"DTEND:{utc(ends)}",
        f"SUMMARY:{escape(meeting.title)}",
        f"SEQUENCE:{meeting.version}",
    ]
    if location:
        lines.append(f"LOCATION:{escape(location)}")
    if description:
        lines.append(f"DESCRIPTION:{escape(description)}")
    lines += [f"URL:{url}", "END:VEVENT", "END:VCALENDAR"]
    return "".join(fold(line) + "\r\n" for line in lines).encode("utf-8")
