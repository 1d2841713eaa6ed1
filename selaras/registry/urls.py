from django.urls import path

from selaras.registry import views

app_name = "registry"
urlpatterns = [
    path("wilayah/", views.region_list, name="region_list"),
    path("wilayah/cari/", views.region_search, name="region_search"),
    path("wilayah/<str:code>/", views.region_detail, name="region_detail"),
    path("instansi/", views.agency_list, name="agency_list"),
    path("instansi/<str:code>/", views.agency_detail, name="agency_detail"),
    # The demonstration job, started from the job list (/jobs/).
    path("jobs/demo/", views.count_regions_start, name="count_regions_start"),
]
