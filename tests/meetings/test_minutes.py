"""The minutes in Word: the official layout from a replaceable template,
with attendance, conclusions and follow-ups; it opens (python-docx) and,
where LibreOffice is installed, renders to an image."""

from __future__ import annotations

import io
import shutil
import subprocess

import pypdfium2
import pytest
from django.core.management import call_command
from docx import Document

from selaras.meetings import services
from selaras.meetings.minutes import render_minutes, write_template

pytestmark = pytest.mark.django_db


@pytest.fixture
def closed(mworld, cast):
    meeting = mworld.meeting
    services.conclusion_add(meeting=meeting, by=cast.coordinator, text="RKT 2025 diselaraskan dengan RPJMN.")
    participant = meeting.participants.first()
    services.participant_update(
        participant=participant, by=cast.coordinator, attended="yes", position="Karo Perencanaan"
    )
    return meeting


def _all_text(data: bytes) -> str:
    document = Document(io.BytesIO(data))
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def test_the_minutes_hold_attendance_conclusions_and_followups(closed):
    text = _all_text(render_minutes(closed))
    assert "Rakortekpus RI-UNICEF 2024" in text
    assert "1. RKT 2025 diselaraskan dengan RPJMN." in text
    assert "Budi" in text and "Karo Perencanaan" in text and "Hadir" in text
    assert "Sampaikan RKT 2025 yang telah diselaraskan." in text
    assert "Laporkan praktik baik lokus." in text
    assert "{{" not in text


def test_a_replacement_template_is_used(closed, settings, tmp_path):
    custom = tmp_path / "kop.docx"
    document = Document()
    document.add_paragraph("KOP KHUSUS {{judul}}")
    document.add_paragraph("{{tindak_lanjut}}")
    document.save(str(custom))
    settings.MINUTES_TEMPLATE = str(custom)
    text = _all_text(render_minutes(closed))
    assert "KOP KHUSUS Rakortekpus RI-UNICEF 2024" in text
    assert "Laporkan praktik baik lokus." in text


def test_the_command_writes_the_shipped_template(tmp_path):
    target = tmp_path / "notulen.docx"
    call_command("minutes_template", str(target))
    assert "{{rumusan}}" in "\n".join(p.text for p in Document(str(target)).paragraphs)


def test_the_minutes_render_to_an_image(closed, tmp_path):
    office = shutil.which("libreoffice") or shutil.which("soffice")
    if office is None:
        pytest.skip("LibreOffice is not installed: the DOCX cannot be rendered here")
    source = tmp_path / "notulen.docx"
    source.write_bytes(render_minutes(closed))
    subprocess.run(
        [office, "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
        check=True,
        timeout=120,
        capture_output=True,
    )
    page = pypdfium2.PdfDocument(str(tmp_path / "notulen.pdf"))[0]
    assert page.render(scale=1).to_pil().size[0] > 500


def test_the_shipped_template_is_the_built_one(tmp_path):
    from selaras.meetings.minutes import DEFAULT_TEMPLATE

    built = write_template(tmp_path / "n.docx")
    assert [p.text for p in Document(str(built)).paragraphs] == [
        p.text for p in Document(str(DEFAULT_TEMPLATE)).paragraphs
    ]
