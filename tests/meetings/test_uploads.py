"""Meeting documents and follow-up evidence go through the guarded upload
path: a size limit, the type read from the content, hostile files refused,
stored outside the web root."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from selaras.meetings import services
from selaras.meetings.models import Document, FollowUpUpdate

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _add(mworld, cast, name: str, content: bytes):
    return services.document_add(meeting=mworld.meeting, by=cast.coordinator, upload=SimpleUploadedFile(name, content))


def test_a_pdf_is_stored_outside_the_web_root_under_a_name_of_ours(mworld, cast):
    document = _add(mworld, cast, "../../Undangan Rakortekpus.pdf", PDF)
    path = Path(document.file.path)
    assert path.read_bytes() == PDF
    assert path.is_relative_to(Path(settings.VAR_DIR) / "meeting-docs")
    assert not path.is_relative_to(Path(settings.MEDIA_ROOT))
    assert document.original_name == "Undangan Rakortekpus.pdf" and "Undangan" not in path.name
    assert document.content_type == "application/pdf" and document.size == len(PDF)


def test_a_word_document_is_recognised_by_its_content(mworld, cast):
    docx = _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"})
    assert _add(mworld, cast, "notula.docx", docx).content_type.endswith("wordprocessingml.document")


def test_it_refuses_a_file_over_the_size_limit(mworld, cast, settings):
    settings.MEETING_FILE_MAX_BYTES = 1024
    with pytest.raises(ValidationError, match="paling besar"):
        _add(mworld, cast, "besar.pdf", PDF + b"0" * 2048)
    assert not Document.objects.exists()


def test_it_refuses_an_executable_renamed_pdf(mworld, cast):
    exe = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + bytes(range(256)) * 4
    with pytest.raises(ValidationError, match="tidak diterima"):
        _add(mworld, cast, "materi.pdf", exe)
    assert not Document.objects.exists()


def test_it_refuses_a_zip_bomb_named_pdf(mworld, cast):
    bomb = _zip({"word/document.xml": b"\0" * (20 * 1024 * 1024)})
    assert len(bomb) < 100_000
    with pytest.raises(ValidationError):
        _add(mworld, cast, "laporan.pdf", bomb)
    assert not Document.objects.exists()
    assert not list((Path(settings.VAR_DIR) / "meeting-docs").rglob("*.*"))


def test_it_refuses_a_plain_zip_archive(mworld, cast):
    with pytest.raises(ValidationError, match="tidak diterima"):
        _add(mworld, cast, "lampiran.zip", _zip({"a.txt": b"halo"}))


def test_it_refuses_a_name_that_lies_about_the_content(mworld, cast):
    with pytest.raises(ValidationError, match="tidak sesuai"):
        _add(mworld, cast, "notula.docx", PDF)


def test_only_the_meetings_coordinator_adds_documents(mworld, cast):
    with pytest.raises(PermissionDenied):
        services.document_add(meeting=mworld.meeting, by=cast.planner_a, upload=SimpleUploadedFile("a.pdf", PDF))


def test_evidence_goes_through_the_same_guard(mworld, cast, settings):
    exe = b"MZ\x90\x00" + b"\x00\x01\x02" * 200
    with pytest.raises(ValidationError):
        services.followup_complete(
            followup=mworld.followup_a, by=cast.planner_a, evidence=SimpleUploadedFile("bukti.pdf", exe)
        )
    mworld.followup_a.refresh_from_db()
    assert mworld.followup_a.status == "open" and not FollowUpUpdate.objects.exists()
    f = services.followup_complete(
        followup=mworld.followup_a, by=cast.planner_a, evidence=SimpleUploadedFile("bukti.pdf", PDF)
    )
    update = f.updates.get()
    assert update.evidence_type == "application/pdf" and update.evidence_name == "bukti.pdf"
    assert Path(update.evidence.path).is_relative_to(Path(settings.VAR_DIR) / "meeting-docs")
