from django.urls import path

from selaras.plans.views import (
    activity_form,
    agency,
    cycles,
    plan_detail,
    plan_edit,
    plan_list,
    programmes,
    region,
    regional,
    revisions,
    spreadsheets,
)

app_name = "plans"
urlpatterns = [
    path("", plan_list.plan_list, name="plan_list"),
    path("<int:pk>/", plan_detail.plan_detail, name="plan_detail"),
    path("<int:pk>/tindakan/<slug:action>/", plan_detail.plan_transition, name="plan_transition"),
    path("<int:pk>/perbandingan/", revisions.plan_diff, name="plan_diff"),
    path("<int:pk>/kegiatan/tambah/", activity_form.activity_create, name="activity_create"),
    path("kegiatan/<int:pk>/ubah/", activity_form.activity_edit, name="activity_edit"),
    path("kegiatan/<int:pk>/hapus/", activity_form.activity_delete, name="activity_delete"),
    path("cari-wilayah/", activity_form.region_search, name="region_search"),
    path("instansi/<str:code>/", agency.agency_plans, name="agency_plans"),
    path("wilayah/<str:code>/", region.region_matrix, name="region_matrix"),
    path("matriks/unduh/<int:job>/", region.region_matrix_download, name="region_matrix_download"),
]

# Spreadsheets, plan creation and header, programmes and cycles, regional plans.
urlpatterns += [
    path("<int:pk>/ubah/", plan_edit.plan_edit, name="plan_edit"),
    path("<int:pk>/ekspor/", spreadsheets.plan_export, name="plan_export"),
    path("<int:pk>/impor/", spreadsheets.plan_import, name="plan_import"),
    path("<int:pk>/impor/<int:job>/", spreadsheets.plan_import_job, name="plan_import_job"),
    path("<int:pk>/impor/<int:job>/progres/", spreadsheets.plan_import_job_progress, name="plan_import_job_progress"),
    path("program/", programmes.programme_list, name="programme_list"),
    path("program/tambah/", programmes.programme_create, name="programme_create"),
    path("program/<int:pk>/", programmes.programme_detail, name="programme_detail"),
    path("program/<int:pk>/ubah/", programmes.programme_edit, name="programme_edit"),
    path("program/<int:pk>/buka-siklus/", cycles.cycle_open, name="cycle_open"),
    path("siklus/<int:pk>/", cycles.cycle_detail, name="cycle_detail"),
    path("siklus/<int:pk>/ubah/", cycles.cycle_edit, name="cycle_edit"),
    path("siklus/<int:pk>/penetapan/", cycles.cycle_legal_acts, name="cycle_legal_acts"),
    path("siklus/<int:pk>/templat/", spreadsheets.cycle_template, name="cycle_template"),
    path("siklus/<int:pk>/rencana-baru/", plan_edit.plan_create, name="plan_create"),
    path("daerah/<str:code>/<int:year>/", regional.regional_plan, name="regional_plan"),
    path("daerah/<str:code>/<int:year>/impor/", regional.regional_plan_import, name="regional_plan_import"),
    path("daerah/<str:code>/<int:year>/impor/<int:job>/", regional.regional_import_job, name="regional_import_job"),
    path(
        "daerah/<str:code>/<int:year>/impor/<int:job>/progres/",
        regional.regional_import_job_progress,
        name="regional_import_job_progress",
    ),
]
