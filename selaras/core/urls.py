from django.urls import path

from selaras.core import job_views

app_name = "core"
urlpatterns = [
    path("jobs/", job_views.job_list, name="job_list"),
    path("jobs/<int:pk>/", job_views.job_detail, name="job_detail"),
    path("jobs/<int:pk>/progress/", job_views.job_progress, name="job_progress"),
    path("jobs/<int:pk>/rerun/", job_views.job_rerun_view, name="job_rerun"),
]
