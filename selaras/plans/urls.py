from django.urls import path

from selaras.plans.views import activity_form, agency, plan_detail, plan_list, region, revisions

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
]
