"""The meeting pack PDF: built for the reader, it opens and renders, with
the agenda, the region matrix and numbered pages."""

from __future__ import annotations

import io

import pypdfium2
import pytest

from selaras.meetings import services
from selaras.meetings.pack import render_pack

pytestmark = pytest.mark.django_db


def _text(pdf: bytes) -> str:
    document = pypdfium2.PdfDocument(pdf)
    return "\n".join(document[i].get_textpage().get_text_range() for i in range(len(document)))


def test_the_pack_opens_renders_and_holds_the_agenda_and_matrix(mworld, reference, cast):
    services.agenda_add(
        meeting=mworld.meeting, by=cast.coordinator, title="Sinkronisasi RKT 2025", regions=[reference.jateng]
    )
    pdf = render_pack(mworld.meeting, cast.coordinator)
    document = pypdfium2.PdfDocument(pdf)
    assert len(document) >= 2
    image = document[0].render(scale=1).to_pil()
    assert image.size[0] > 500 and image.getextrema() != ((255, 255), (255, 255), (255, 255))
    text = _text(pdf)
    assert "Sinkronisasi RKT 2025" in text
    assert "Jawa Tengah".upper() in text.upper()
    assert f"Halaman 1 dari {len(document)}" in text
    assert "Tidak ada temuan terbuka." in text


def test_a_reader_gets_the_same_pack_without_what_they_may_not_read(mworld, reference, cast):
    services.agenda_add(meeting=mworld.meeting, by=cast.coordinator, title="Agenda umum")
    assert "Agenda umum" in _text(render_pack(mworld.meeting, cast.planner_a))
    assert io.BytesIO(render_pack(mworld.meeting, cast.planner_a)).getvalue().startswith(b"%PDF")


def test_the_download_views_serve_readers_and_hide_the_meeting_from_others(mworld, cast, client):
    from django.urls import reverse

    for name in ("meeting_pack", "meeting_minutes", "attendance_download"):
        url = reverse(f"meetings:{name}", args=[mworld.meeting.pk])
        client.force_login(cast.planner_a)
        assert client.get(url).status_code == 200
        client.force_login(cast.planner_b)
        assert client.get(url).status_code == 404
