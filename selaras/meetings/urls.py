from django.urls import path

from selaras.meetings.views import dashboard, documents_export, followups, meetings, parts

app_name = "meetings"
urlpatterns = [
    path("", meetings.meeting_list, name="meeting_list"),
    path("baru/", meetings.meeting_create, name="meeting_create"),
    path("tindak-lanjut/", dashboard.followup_dashboard_page, name="followup_dashboard"),
    path("tindak-lanjut/<int:pk>/", followups.followup_detail, name="followup_detail"),
    path("tindak-lanjut/<int:pk>/ubah/", followups.followup_edit, name="followup_edit"),
    path("tindak-lanjut/<int:pk>/perkembangan/", followups.followup_note, name="followup_note"),
    path("tindak-lanjut/<int:pk>/<slug:action>/", followups.followup_move, name="followup_move"),
    path("bukti/<int:pk>/", followups.evidence_download, name="evidence_download"),
    path("dokumen/<int:pk>/", parts.document_download, name="document_download"),
    path("peserta/<int:pk>/kehadiran/", parts.participant_attendance, name="participant_attendance"),
    path("rumusan/<int:pk>/publik/", parts.conclusion_public, name="conclusion_public"),
    path("<int:pk>/", meetings.meeting_detail, name="meeting_detail"),
    path("<int:pk>/ubah/", meetings.meeting_edit, name="meeting_edit"),
    path("<int:pk>/kalender.ics", meetings.meeting_calendar, name="meeting_calendar"),
    path("<int:pk>/status/<slug:action>/", meetings.meeting_move, name="meeting_move"),
    path("<int:pk>/peserta/", parts.participant_add, name="participant_add"),
    path("<int:pk>/agenda/", parts.agenda_add, name="agenda_add"),
    path("<int:pk>/rumusan/", parts.conclusion_add, name="conclusion_add"),
    path("<int:pk>/dokumen/", parts.document_add, name="document_add"),
    path("<int:pk>/tindak-lanjut/", followups.followup_create, name="followup_create"),
    path("<int:pk>/bahan-rapat.pdf", documents_export.meeting_pack, name="meeting_pack"),
    path("<int:pk>/notulen.docx", documents_export.meeting_minutes, name="meeting_minutes"),
    path("<int:pk>/kehadiran.xlsx", documents_export.attendance_download, name="attendance_download"),
    path("<int:pk>/kehadiran/impor/", documents_export.attendance_upload, name="attendance_upload"),
]
