"""The meeting pages: who sees them, writes through the services, stale
edits refused with what changed, files served only to readers."""

from __future__ import annotations

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from selaras.meetings import services
from selaras.meetings.models import Conclusion, Document, FollowUp, FollowUpStatus, Meeting, Participant

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
READERS = ("admin", "coordinator", "planner_a", "officer_jateng", "viewer")
OUTSIDERS = ("planner_b", "officer_papua")


def pdf(name="bahan.pdf"):
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


@pytest.fixture
def document(mworld, cast):
    return services.document_add(meeting=mworld.meeting, by=cast.coordinator, upload=pdf(), title="Bahan paparan")


@pytest.mark.parametrize("who", READERS)
def test_readers_see_the_meeting_and_its_follow_ups(client, cast, mworld, who):
    client.force_login(getattr(cast, who))
    assert client.get(reverse("meetings:meeting_detail", args=[mworld.meeting.pk])).status_code == 200
    assert client.get(reverse("meetings:followup_detail", args=[mworld.followup_a.pk])).status_code == 200
    listed = client.get(reverse("meetings:meeting_list")).content.decode()
    assert mworld.meeting.title in listed


@pytest.mark.parametrize("who", OUTSIDERS)
def test_others_get_404_and_an_empty_list(client, cast, mworld, who):
    client.force_login(getattr(cast, who))
    assert client.get(reverse("meetings:meeting_detail", args=[mworld.meeting.pk])).status_code == 404
    assert client.get(reverse("meetings:followup_detail", args=[mworld.followup_a.pk])).status_code == 404
    assert client.get(reverse("meetings:meeting_calendar", args=[mworld.meeting.pk])).status_code == 404
    assert mworld.meeting.title not in client.get(reverse("meetings:meeting_list")).content.decode()


def test_an_anonymous_visitor_is_sent_to_log_in(client, mworld):
    response = client.get(reverse("meetings:meeting_detail", args=[mworld.meeting.pk]))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_a_draft_is_seen_only_by_its_coordinators(client, cast, reference, programme):
    draft = services.meeting_create(
        by=cast.coordinator,
        kind="rakor",
        title="Rakor dekon Bandung",
        organiser=reference.supd4,
        programme=programme,
        starts_at=timezone.now(),
    )
    services.participant_add(meeting=draft, by=cast.coordinator, agency=reference.ministry_a)
    client.force_login(cast.planner_a)
    assert client.get(reverse("meetings:meeting_detail", args=[draft.pk])).status_code == 404
    client.force_login(cast.coordinator)
    assert client.get(reverse("meetings:meeting_detail", args=[draft.pk])).status_code == 200


def test_the_list_filters_by_kind_year_and_status(client, cast, mworld):
    client.force_login(cast.coordinator)
    url = reverse("meetings:meeting_list")
    assert mworld.meeting.title in client.get(url, {"kind": "rakortekpus", "year": 2024}).content.decode()
    assert mworld.meeting.title not in client.get(url, {"kind": "bilateral"}).content.decode()
    assert mworld.meeting.title not in client.get(url, {"year": 2023}).content.decode()
    assert mworld.meeting.title not in client.get(url, {"status": "closed"}).content.decode()
    programme = client.get(url, {"programme": mworld.programme.pk}).content.decode()
    assert mworld.meeting.title in programme


def test_the_coordinator_creates_a_meeting_through_the_form(client, cast, reference, programme):
    client.force_login(cast.coordinator)
    response = client.post(
        reverse("meetings:meeting_create"),
        {
            "kind": "rakor",
            "title": "Rakor dekonsentrasi dan tugas pembantuan",
            "programme": programme.pk,
            "organiser": reference.supd4.pk,
            "starts_at": "2024-02-20T09:00",
            "venue": "Bandung",
        },
    )
    meeting = Meeting.objects.get(title="Rakor dekonsentrasi dan tugas pembantuan")
    assert response.status_code == 302 and response["Location"] == reverse("meetings:meeting_detail", args=[meeting.pk])
    assert meeting.status == "draft" and meeting.venue == "Bandung"


def test_a_planner_of_another_agency_may_not_organise_for_it(client, cast, reference):
    client.force_login(cast.planner_b)
    response = client.post(
        reverse("meetings:meeting_create"),
        {"kind": "technical", "title": "Rapat", "organiser": reference.supd4.pk, "starts_at": "2024-02-20T09:00"},
    )
    assert response.status_code == 403
    assert not Meeting.objects.filter(title="Rapat").exists()


def _edit(client, meeting, version, **changes):
    data = {
        "kind": meeting.kind,
        "title": meeting.title,
        "starts_at": timezone.localtime(meeting.starts_at).strftime("%Y-%m-%dT%H:%M"),
        "venue": meeting.venue,
        "version": version,
        **changes,
    }
    return client.post(reverse("meetings:meeting_edit", args=[meeting.pk]), data)


def test_a_stale_edit_is_refused_with_what_changed(client, cast, mworld):
    meeting = mworld.meeting
    loaded = meeting.version
    services.meeting_update(meeting=meeting, by=cast.admin, venue="Hotel Borobudur, Jakarta")
    client.force_login(cast.coordinator)
    response = _edit(client, meeting, loaded, title="Judul baru")
    assert response.status_code == 409
    page = response.content.decode()
    assert "Hotel Borobudur, Jakarta" in page
    meeting.refresh_from_db()
    assert meeting.title == "Rakortekpus RI-UNICEF 2024"
    assert _edit(client, meeting, meeting.version, title="Judul baru").status_code == 302
    meeting.refresh_from_db()
    assert meeting.title == "Judul baru"


def test_a_reader_who_may_not_write_cannot_open_the_edit_page(client, cast, mworld):
    client.force_login(cast.planner_a)
    assert client.get(reverse("meetings:meeting_edit", args=[mworld.meeting.pk])).status_code == 403
    assert client.get(reverse("meetings:participant_add", args=[mworld.meeting.pk])).status_code == 403


def test_the_coordinator_adds_a_participant_and_sets_attendance(client, cast, reference, mworld):
    client.force_login(cast.coordinator)
    response = client.post(
        reverse("meetings:participant_add", args=[mworld.meeting.pk]),
        {
            "agency": reference.ministry_b.pk,
            "name": "Sari",
            "position": "Kabag Perencanaan",
            "role": "peserta",
            "attended": "unknown",
        },
    )
    assert response.status_code == 302
    sari = Participant.objects.get(name="Sari")
    client.post(
        reverse("meetings:participant_attendance", args=[sari.pk]), {"attended": "yes", "version": sari.version}
    )
    sari.refresh_from_db()
    assert sari.attended == "yes"


def test_attendance_is_not_changed_by_a_participant(client, cast, mworld):
    budi = Participant.objects.get(name="Budi")
    client.force_login(cast.planner_a)
    client.post(reverse("meetings:participant_attendance", args=[budi.pk]), {"attended": "yes"})
    budi.refresh_from_db()
    assert budi.attended == "unknown"


def test_an_agenda_item_links_to_the_region_page(client, cast, reference, mworld):
    client.force_login(cast.coordinator)
    client.post(
        reverse("meetings:agenda_add", args=[mworld.meeting.pk]),
        {"title": "Matriks Jawa Tengah", "regions": [reference.jateng.pk]},
    )
    page = client.get(reverse("meetings:meeting_detail", args=[mworld.meeting.pk])).content.decode()
    assert "Matriks Jawa Tengah" in page
    assert reverse("registry:region_detail", args=[reference.jateng.code]) in page


def test_conclusions_are_numbered_and_toggled_public(client, cast, mworld):
    client.force_login(cast.coordinator)
    url = reverse("meetings:conclusion_add", args=[mworld.meeting.pk])
    client.post(url, {"text": "Kementerian menyelaraskan RKT."})
    client.post(url, {"text": "Daerah melaporkan praktik baik.", "is_public": "on"})
    first, second = Conclusion.objects.order_by("number")
    assert (first.number, first.is_public, second.number, second.is_public) == (1, False, 2, True)
    client.post(reverse("meetings:conclusion_public", args=[first.pk]), {"is_public": "on", "version": first.version})
    first.refresh_from_db()
    assert first.is_public


def test_a_document_is_uploaded_through_the_guarded_path(client, cast, mworld):
    client.force_login(cast.coordinator)
    response = client.post(
        reverse("meetings:document_add", args=[mworld.meeting.pk]), {"title": "Undangan", "file": pdf("undangan.pdf")}
    )
    assert response.status_code == 302
    assert Document.objects.get().content_type == "application/pdf"


def test_an_executable_named_pdf_is_refused_on_the_form(client, cast, mworld):
    client.force_login(cast.coordinator)
    hostile = SimpleUploadedFile("bahan.pdf", b"MZ\x90\x00" + b"\x00" * 200)
    response = client.post(reverse("meetings:document_add", args=[mworld.meeting.pk]), {"file": hostile})
    assert response.status_code == 400
    assert "tidak diterima" in response.content.decode()
    assert not Document.objects.exists()


@pytest.mark.parametrize("who", READERS)
def test_readers_download_a_document_as_an_attachment(client, cast, document, who):
    client.force_login(getattr(cast, who))
    response = client.get(reverse("meetings:document_download", args=[document.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert b"".join(response.streaming_content) == PDF


@pytest.mark.parametrize("who", OUTSIDERS)
def test_others_get_404_for_a_document(client, cast, document, who):
    client.force_login(getattr(cast, who))
    assert client.get(reverse("meetings:document_download", args=[document.pk])).status_code == 404


def test_files_are_not_under_the_web_root(document, settings):
    from pathlib import Path

    stored = Path(document.file.path).resolve()
    assert Path(settings.VAR_DIR).resolve() in stored.parents
    assert Path(settings.MEDIA_ROOT).resolve() not in stored.parents


def test_the_coordinator_adds_a_follow_up_for_an_agency(client, cast, reference, mworld):
    client.force_login(cast.coordinator)
    response = client.post(
        reverse("meetings:followup_create", args=[mworld.meeting.pk]),
        {"text": "Kirim data lokus.", "owner_agency": reference.ministry_b.pk, "due_date": "2024-07-31"},
    )
    followup = FollowUp.objects.get(text="Kirim data lokus.")
    assert response.status_code == 302
    assert followup.owner_agency == reference.ministry_b and followup.due_date == datetime.date(2024, 7, 31)


def test_a_follow_up_needs_exactly_one_owner(client, cast, reference, mworld):
    client.force_login(cast.coordinator)
    response = client.post(
        reverse("meetings:followup_create", args=[mworld.meeting.pk]),
        {"text": "Dua pemilik.", "owner_agency": reference.ministry_b.pk, "owner_region": reference.papua.pk},
    )
    assert response.status_code == 400
    assert not FollowUp.objects.filter(text="Dua pemilik.").exists()


def test_the_overdue_badge_follows_today(client, cast, mworld, monkeypatch):
    client.force_login(cast.coordinator)
    url = reverse("meetings:meeting_detail", args=[mworld.meeting.pk])
    monkeypatch.setattr("selaras.meetings.views.meetings.today", lambda: datetime.date(2024, 6, 30))
    assert "badge-overdue" not in client.get(url).content.decode()
    monkeypatch.setattr("selaras.meetings.views.meetings.today", lambda: datetime.date(2024, 7, 1))
    assert client.get(url).content.decode().count("badge-overdue") == 1


def test_the_owner_marks_done_with_evidence_and_the_coordinator_verifies(client, cast, mworld):
    followup = mworld.followup_a
    client.force_login(cast.planner_a)
    response = client.post(
        reverse("meetings:followup_move", args=[followup.pk, "selesai"]),
        {"text": "RKT terkirim.", "evidence": pdf("rkt.pdf"), "version": followup.version},
    )
    assert response.status_code == 302
    followup.refresh_from_db()
    assert followup.status == FollowUpStatus.DONE
    update = followup.updates.get(status_to="done")
    assert update.evidence_name == "rkt.pdf"
    evidence_url = reverse("meetings:evidence_download", args=[update.pk])
    assert client.get(evidence_url).status_code == 200
    client.force_login(cast.planner_b)
    assert client.get(evidence_url).status_code == 404
    client.force_login(cast.coordinator)
    client.post(reverse("meetings:followup_move", args=[followup.pk, "verifikasi"]), {"version": followup.version})
    followup.refresh_from_db()
    assert followup.status == FollowUpStatus.VERIFIED and followup.verified_by == cast.coordinator


def test_a_stale_follow_up_move_is_refused(client, cast, mworld):
    followup = mworld.followup_a
    loaded = followup.version
    services.followup_start(followup=followup, by=cast.planner_a)
    client.force_login(cast.planner_a)
    response = client.post(
        reverse("meetings:followup_move", args=[followup.pk, "selesai"]), {"text": "", "version": loaded}
    )
    assert response.status_code == 409
    followup.refresh_from_db()
    assert followup.status == FollowUpStatus.IN_PROGRESS


def test_another_agency_cannot_complete_a_follow_up(client, cast, mworld):
    client.force_login(cast.officer_jateng)
    followup = mworld.followup_a
    client.post(reverse("meetings:followup_move", args=[followup.pk, "selesai"]), {"version": followup.version})
    followup.refresh_from_db()
    assert followup.status == FollowUpStatus.OPEN


def test_the_coordinator_drops_with_a_reason_and_reopens(client, cast, mworld):
    followup = mworld.followup_jateng
    client.force_login(cast.coordinator)
    url = reverse("meetings:followup_move", args=[followup.pk, "batalkan"])
    assert client.post(url, {"reason": "", "version": followup.version}).status_code == 400
    client.post(url, {"reason": "Tidak relevan lagi.", "version": followup.version})
    followup.refresh_from_db()
    assert followup.status == FollowUpStatus.DROPPED and followup.drop_reason == "Tidak relevan lagi."
    client.post(reverse("meetings:followup_move", args=[followup.pk, "buka-kembali"]), {"version": followup.version})
    followup.refresh_from_db()
    assert followup.status == FollowUpStatus.OPEN


def test_the_owner_notes_progress(client, cast, mworld):
    client.force_login(cast.officer_jateng)
    client.post(
        reverse("meetings:followup_note", args=[mworld.followup_jateng.pk]), {"text": "Data dari 3 kabupaten masuk."}
    )
    assert mworld.followup_jateng.updates.filter(text="Data dari 3 kabupaten masuk.").exists()
    page = client.get(reverse("meetings:followup_detail", args=[mworld.followup_jateng.pk])).content.decode()
    assert "Data dari 3 kabupaten masuk." in page


def test_the_header_links_to_meetings(client, cast, mworld):
    client.force_login(cast.planner_a)
    page = client.get(reverse("meetings:meeting_list")).content.decode()
    assert f'href="{reverse("meetings:meeting_list")}" aria-current="page"' in page


def _edit_followup(client, followup, version, **changes):
    data = {"text": followup.text, "owner_agency": followup.owner_agency_id or "", "version": version, **changes}
    return client.post(reverse("meetings:followup_edit", args=[followup.pk]), data)


def test_the_coordinator_moves_a_follow_up_to_another_owner(client, cast, reference, mworld):
    followup = mworld.followup_a
    client.force_login(cast.coordinator)
    response = _edit_followup(client, followup, followup.version, owner_agency=reference.ministry_b.pk)
    assert response.status_code == 302
    followup.refresh_from_db()
    assert followup.owner_agency == reference.ministry_b


def test_a_stale_follow_up_edit_is_refused_with_what_changed(client, cast, mworld):
    followup = mworld.followup_a
    loaded = followup.version
    services.followup_edit(followup=followup, by=cast.admin, text="Sampaikan RKT 2025 paling lambat Juni.")
    client.force_login(cast.coordinator)
    response = _edit_followup(client, followup, loaded, text="Teks saya.")
    assert response.status_code == 409
    assert "Sampaikan RKT 2025 paling lambat Juni." in response.content.decode()
    followup.refresh_from_db()
    assert followup.text == "Sampaikan RKT 2025 paling lambat Juni."


def test_the_owner_may_not_edit_its_follow_up(client, cast, mworld):
    client.force_login(cast.planner_a)
    assert client.get(reverse("meetings:followup_edit", args=[mworld.followup_a.pk])).status_code == 403
