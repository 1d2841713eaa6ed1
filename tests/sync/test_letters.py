"""Recommendation letters: compose from accepted findings and notes, edit the
draft, issue (numbered, rendered, immutable), the Word and PDF files, who
sees what, and the addressee's answers."""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from selaras.sync.letters import services
from selaras.sync.models import LetterStatus, Recommendation, ReviewNote
from selaras.sync.services import finding_accept, finding_dismiss
from tests.sync.review_data import Review, build_review, login

pytestmark = pytest.mark.django_db


@pytest.fixture
def review(cast, reference) -> Review:
    return build_review(cast, reference)


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def accepted(cast, review):
    finding_accept(finding=review.f_authority, by=cast.coordinator, note="Alihkan ke dekonsentrasi.")
    finding_accept(finding=review.f_duplication, by=cast.coordinator)
    finding_dismiss(finding=review.f_alignment, by=cast.coordinator, reason="Sasaran sudah ada di RKP.")
    ReviewNote.objects.create(plan=review.plan_a, author=cast.coordinator, text="Lengkapi jadwal triwulan.")
    ReviewNote.objects.create(
        plan=review.plan_a, author=cast.coordinator, text="Catatan internal.", include_in_letter=False
    )
    return review


@pytest.fixture
def draft(cast, accepted):
    return services.letter_compose(plan=accepted.plan_a, by=cast.coordinator)


def _ready(letter, cast):
    return services.letter_update(
        letter=letter,
        by=cast.coordinator,
        expected_version=letter.version,
        signatory_name="Dr. Suharyanto, M.Si.",
        signatory_title="Direktur SUPD IV",
        signatory_nip="197001011990031001",
        copies_to="Menteri Dalam Negeri\nDirektur Jenderal Bina Pembangunan Daerah",
    )


@pytest.fixture
def issued(cast, draft, media):
    return services.letter_issue(letter=_ready(draft, cast), by=cast.coordinator)


def test_composing_makes_one_numbered_point_per_accepted_finding_and_included_note(cast, draft, accepted):
    points = list(draft.points.order_by("position"))
    assert [p.position for p in points] == [1, 2, 3]
    assert [p.finding_id for p in points] == [accepted.f_authority.pk, accepted.f_duplication.pk, None]
    assert points[0].citation == "PP 19/2022 Pasal 12 huruf g"
    assert "Pelatihan kader Posyandu" in points[0].text
    # A request, not the finding text plus the reviewer's note.
    assert (
        points[0].text.startswith("Agar Kementerian Kesehatan ") and "Alihkan ke dekonsentrasi." not in points[0].text
    )
    assert "(PP 19/2022 Pasal 12 huruf g)" in points[0].text and "menyampaikan hasilnya kepada" in points[0].text
    # The other agency and its activity are named only where the coordinator writes them in.
    assert "Kemendikdasmen" not in points[1].text and "Kementerian Pendidikan" not in points[1].text
    assert "Pelatihan Kader Posyandu Terpadu" not in points[1].text
    assert points[1].text.startswith("Agar ") and "tumpang tindih" in points[1].text
    assert "Kabupaten Banyumas" in points[1].text and "(PP 19/2022 Pasal 12 huruf a)" in points[1].text
    assert points[2].text == "Lengkapi jadwal triwulan."
    assert draft.addressee == accepted.plan_a.owner and draft.issuer == accepted.programme.coordinator
    assert draft.status == LetterStatus.DRAFT and draft.plan_revision == 1


def test_only_the_coordinator_composes_and_only_from_something_accepted(cast, review):
    with pytest.raises(ValidationError):
        services.letter_compose(plan=review.plan_a, by=cast.coordinator)
    finding_accept(finding=review.f_authority, by=cast.coordinator)
    with pytest.raises(PermissionDenied):
        services.letter_compose(plan=review.plan_a, by=cast.planner_a)
    services.letter_compose(plan=review.plan_a, by=cast.coordinator)
    with pytest.raises(ValidationError, match="draf"):
        services.letter_compose(plan=review.plan_a, by=cast.coordinator)


def test_the_draft_is_edited_through_the_page(client, cast, draft):
    login(client, cast.coordinator)
    data = {
        "number": "",
        "date": "",
        "place": "Jakarta",
        "subject": "Rekomendasi RKT Kemenkes 2024",
        "opening": "Dengan hormat,",
        "closing": "Terima kasih.",
        "signatory_name": "Dr. Suharyanto",
        "signatory_title": "Direktur SUPD IV",
        "signatory_nip": "",
        "copies_to": "Menteri Dalam Negeri",
        "version": draft.version,
    }
    response = client.post(reverse("sync:letter_edit", args=[draft.pk]), data)
    assert response.status_code == 302
    draft.refresh_from_db()
    assert (draft.subject, draft.signatory_name) == ("Rekomendasi RKT Kemenkes 2024", "Dr. Suharyanto")
    # The same form sent again carries a stale version and is refused.
    client.post(reverse("sync:letter_edit", args=[draft.pk]), {**data, "subject": "Lain"})
    draft.refresh_from_db()
    assert draft.subject == "Rekomendasi RKT Kemenkes 2024"


def test_points_are_edited_and_reordered(client, cast, draft):
    login(client, cast.coordinator)
    first, second, third = draft.points.order_by("position")
    client.post(
        reverse("sync:point_edit", args=[second.pk]),
        {
            "text": "Hindari duplikasi dengan Kemendikdasmen.",
            "citation": "PP 19/2022 Pasal 12",
            "version": second.version,
        },
    )
    client.post(reverse("sync:point_move", args=[third.pk, "naik"]))
    order = list(draft.points.order_by("position").values_list("pk", "text"))
    assert [pk for pk, _ in order] == [first.pk, third.pk, second.pk]
    assert order[2][1] == "Hindari duplikasi dengan Kemendikdasmen."
    with pytest.raises(ValidationError):
        services.letter_points_reorder(letter=draft, by=cast.coordinator, order=[first.pk, second.pk])


def test_issuing_needs_a_signatory(cast, draft, media):
    with pytest.raises(ValidationError) as error:
        services.letter_issue(letter=draft, by=cast.coordinator)
    assert "signatory_name" in error.value.message_dict
    draft.refresh_from_db()
    assert draft.status == LetterStatus.DRAFT and not draft.docx


def test_issuing_numbers_dates_renders_and_freezes_the_letter(cast, issued):
    assert issued.status == LetterStatus.ISSUED
    assert issued.number == f"001/REKOM-SINK/SUPDIV/{issued.date.year}"
    assert issued.docx.name.endswith(".docx") and issued.pdf.name.endswith(".pdf")
    with pytest.raises(services.LetterIssued):
        services.letter_update(letter=issued, by=cast.coordinator, expected_version=issued.version, subject="Ubah")
    point = issued.points.first()
    with pytest.raises(services.LetterIssued):
        services.letter_point_update(point=point, by=cast.coordinator, text="Ubah")
    with pytest.raises(services.LetterIssued):
        services.letter_issue(letter=issued, by=cast.coordinator)


def test_an_issued_letter_refuses_edits_through_the_page(client, cast, issued):
    login(client, cast.coordinator)
    client.post(
        reverse("sync:letter_edit", args=[issued.pk]),
        {"subject": "Ubah", "place": "Jakarta", "version": issued.version},
    )
    issued.refresh_from_db()
    assert issued.subject != "Ubah"


def test_a_second_letter_gets_the_next_number_and_a_taken_number_is_refused(cast, issued, review, media):
    finding = review.f_alignment
    from selaras.sync.services import finding_reopen

    finding_reopen(finding=finding, by=cast.coordinator)
    finding_accept(finding=finding, by=cast.coordinator)
    second = services.letter_compose(plan=review.plan_a, by=cast.coordinator)
    second = _ready(second, cast)
    second = services.letter_update(
        letter=second, by=cast.coordinator, expected_version=second.version, number=issued.number
    )
    with pytest.raises(ValidationError, match="sudah dipakai"):
        services.letter_issue(letter=second, by=cast.coordinator)
    second = services.letter_update(letter=second, by=cast.coordinator, expected_version=second.version, number="")
    second = services.letter_issue(letter=second, by=cast.coordinator)
    assert second.number.startswith("002/")


def test_the_word_file_opens_and_holds_the_points_and_citations(issued):
    from docx import Document

    document = Document(io.BytesIO(issued.docx.read()))
    texts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            texts += [cell.text for cell in row.cells]
    body = "\n".join(texts)
    assert "{{" not in body
    assert issued.number in body and "Kementerian Kesehatan" in body
    for point in issued.points.all():
        assert point.text in body
    assert "PP 19/2022 Pasal 12 huruf g" in body and "PP 19/2022 Pasal 12 huruf a" in body
    assert "Dr. Suharyanto, M.Si." in body and "NIP 197001011990031001" in body
    assert "1. Menteri Dalam Negeri" in body
    assert "KEMENTERIAN DALAM NEGERI" in body and "DIREKTORAT SUPD IV" in body


def test_the_pdf_renders_to_a_page_with_ink(issued):
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(issued.pdf.read())
    assert len(pdf) >= 1
    image = pdf[0].render(scale=1.5).to_pil().convert("L")
    image.save("/tmp/selaras-letter.png")
    dark = sum(image.histogram()[:128])
    assert dark / (image.width * image.height) > 0.01
    text = pdf[0].get_textpage().get_text_range()
    assert "KEMENTERIAN DALAM NEGERI" in text and issued.number in text
    assert "Halaman 1 dari" in text


def test_placeholders_split_across_runs_are_replaced():
    from docx import Document

    from selaras.sync.letters.docx import replace_in_paragraph

    document = Document()
    paragraph = document.add_paragraph()
    for piece in ("Nomor: {{no", "mor", "}} tanggal {{ tang", "gal}} {{tidak_dikenal}}"):
        paragraph.add_run(piece)
    paragraph.runs[1].bold = True
    replace_in_paragraph(paragraph, {"nomor": "001/X/2024", "tanggal": "2 April 2024"})
    assert paragraph.text == "Nomor: 001/X/2024 tanggal 2 April 2024 {{tidak_dikenal}}"


def test_an_administrator_template_is_used_when_configured(settings, tmp_path, cast, draft, media):
    from docx import Document

    custom = tmp_path / "surat.docx"
    document = Document()
    document.add_paragraph("SURAT KHUSUS {{nomor}} untuk {{kepada}}")
    document.add_paragraph("{{butir}}")
    document.save(str(custom))
    settings.SELARAS_LETTER_TEMPLATE = str(custom)
    letter = services.letter_issue(letter=_ready(draft, cast), by=cast.coordinator)
    texts = [p.text for p in Document(io.BytesIO(letter.docx.read())).paragraphs]
    assert texts[0] == f"SURAT KHUSUS {letter.number} untuk Kementerian Kesehatan"
    assert texts[1].startswith("1. Agar") and texts[1].endswith("(Dasar: PP 19/2022 Pasal 12 huruf g)")
    assert len(texts) == 4


def test_the_draft_is_invisible_to_the_addressee(client, cast, draft):
    login(client, cast.planner_a)
    assert client.get(reverse("sync:letter_detail", args=[draft.pk])).status_code == 404
    assert draft.subject not in client.get(reverse("sync:letter_list")).content.decode()


def test_the_issued_letter_is_read_and_downloaded_by_the_addressee_only(client, cast, issued):
    login(client, cast.planner_a)
    assert client.get(reverse("sync:letter_detail", args=[issued.pk])).status_code == 200
    response = client.get(reverse("sync:letter_download", args=[issued.pk, "pdf"]))
    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"%PDF")
    response = client.get(reverse("sync:letter_download", args=[issued.pk, "docx"]))
    assert response.status_code == 200 and b"".join(response.streaming_content)[:2] == b"PK"
    login(client, cast.planner_b)
    assert client.get(reverse("sync:letter_detail", args=[issued.pk])).status_code == 404
    assert client.get(reverse("sync:letter_download", args=[issued.pk, "pdf"])).status_code == 404


def test_the_addressee_answers_point_by_point(client, cast, issued, draft):
    point = issued.points.order_by("position").first()
    login(client, cast.planner_a)
    client.post(reverse("sync:point_respond", args=[point.pk]), {"response": "Dialihkan ke dana dekonsentrasi."})
    point.refresh_from_db()
    assert point.response == "Dialihkan ke dana dekonsentrasi." and point.responded_by == cast.planner_a
    with pytest.raises(PermissionDenied):
        services.letter_respond(point=point, by=cast.planner_b, response="Bukan kami.")
    with pytest.raises(PermissionDenied):
        services.letter_respond(point=point, by=cast.coordinator, response="Koordinator.")


def test_answers_are_refused_on_a_draft(cast, draft):
    with pytest.raises(ValidationError):
        services.letter_respond(point=draft.points.first(), by=cast.planner_a, response="Terlalu cepat.")


def test_compose_and_issue_through_the_pages(client, cast, accepted, media):
    login(client, cast.coordinator)
    response = client.post(reverse("sync:letter_compose", args=[accepted.plan_a.pk]))
    letter = Recommendation.objects.get(plan=accepted.plan_a)
    assert response["Location"] == reverse("sync:letter_detail", args=[letter.pk])
    page = client.get(response["Location"]).content.decode()
    preview_url = reverse("sync:letter_preview", args=[letter.pk])
    assert preview_url in page and accepted.f_authority.citation in page
    _ready(letter, cast)
    # The preview shows the letter as it will be issued, and issues it.
    preview = client.get(preview_url).content.decode()
    assert "Dr. Suharyanto, M.Si." in preview and "KEMENTERIAN DALAM NEGERI" in preview
    assert "Agar Kementerian Kesehatan" in preview and "Dasar: PP 19/2022 Pasal 12 huruf g" in preview
    issue_url = reverse("sync:letter_issue", args=[letter.pk])
    assert f'action="{issue_url}"' in preview and ">Terbitkan</button>" in preview
    client.post(issue_url)
    letter.refresh_from_db()
    assert letter.status == LetterStatus.ISSUED
    page = client.get(reverse("sync:letter_detail", args=[letter.pk])).content.decode()
    assert "Unduh PDF" in page and preview_url not in page
    assert ">Terbitkan</button>" not in client.get(preview_url).content.decode()


def _endorse(plan, cast):
    from selaras.plans.services import plan_transition

    plan = plan_transition(plan=plan, action="start_review", by=cast.coordinator)
    return plan_transition(plan=plan, action="endorse", by=cast.coordinator)


def test_no_letter_is_composed_for_an_endorsed_plan(cast, accepted):
    plan = _endorse(accepted.plan_a, cast)
    with pytest.raises(ValidationError, match="Disetujui"):
        services.letter_compose(plan=plan, by=cast.coordinator)
    assert not Recommendation.objects.filter(plan=plan).exists()


def test_a_draft_is_not_issued_once_its_plan_is_endorsed(client, cast, draft, media):
    _ready(draft, cast)
    _endorse(draft.plan, cast)
    draft.refresh_from_db()
    with pytest.raises(ValidationError, match="tidak dapat disusun atau diterbitkan"):
        services.letter_issue(letter=draft, by=cast.coordinator)
    draft.refresh_from_db()
    assert draft.status == LetterStatus.DRAFT and not draft.number
    login(client, cast.coordinator)
    preview = client.get(reverse("sync:letter_preview", args=[draft.pk])).content.decode()
    assert "tidak dapat disusun atau diterbitkan" in preview and ">Terbitkan</button>" not in preview
