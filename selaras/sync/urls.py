from django.urls import path

from selaras.sync.views import authority_item, flags, letters, overview, similar, workspace

app_name = "sync"
urlpatterns = [
    path("", overview.index, name="index"),
    path("pemeriksaan/", overview.run_list, name="runs"),
    path("pemeriksaan/<int:pk>/", overview.run_detail, name="run_detail"),
    path("siklus/<int:cycle_id>/", overview.cycle_findings, name="cycle_findings"),
    path("siklus/<int:cycle_id>/periksa/", overview.cycle_run, name="cycle_run"),
    path("rencana/<int:plan_id>/", workspace.plan_review, name="plan_review"),
    path("rencana/<int:plan_id>/periksa/", overview.plan_run, name="plan_run"),
    path("rencana/<int:plan_id>/massal/", workspace.findings_bulk, name="findings_bulk"),
    path("rencana/<int:plan_id>/catatan/", workspace.note_add, name="note_add"),
    path("rencana/<int:plan_id>/surat/", letters.letter_compose, name="letter_compose"),
    path("temuan/<int:pk>/", workspace.finding_detail, name="finding_detail"),
    path("temuan/<int:pk>/<slug:action>/", workspace.finding_decide, name="finding_decide"),
    path("tanda/<int:flag_id>/temuan/", flags.finding_from_flag, name="finding_from_flag"),
    path("surat/", letters.letter_list, name="letter_list"),
    path("surat/<int:pk>/", letters.letter_detail, name="letter_detail"),
    path("surat/<int:pk>/ubah/", letters.letter_edit, name="letter_edit"),
    path("surat/<int:pk>/pratinjau/", letters.letter_preview, name="letter_preview"),
    path("surat/<int:pk>/terbitkan/", letters.letter_issue, name="letter_issue"),
    path("surat/<int:pk>/unduh/<slug:kind>/", letters.letter_download, name="letter_download"),
    path("butir/<int:pk>/ubah/", letters.point_edit, name="point_edit"),
    path("butir/<int:pk>/geser/<slug:direction>/", letters.point_move, name="point_move"),
    path("butir/<int:pk>/hapus/", letters.point_delete, name="point_delete"),
    path("butir/<int:pk>/tanggapan/", letters.point_respond, name="point_respond"),
    path("judul-serupa/", similar.similar_titles, name="similar_titles"),
    path("butir-kewenangan/", authority_item.authority_item_suggestion, name="authority_item_suggestion"),
]
