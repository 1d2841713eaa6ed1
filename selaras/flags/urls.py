from django.urls import path

from selaras.flags import views

app_name = "flags"
urlpatterns = [
    path("", views.flag_list, name="index"),
    path("rencana/<int:plan_id>/", views.plan_flags, name="plan"),
    path("kegiatan/<int:activity_id>/tandai/", views.flag_create, name="create"),
    path("<int:pk>/", views.flag_detail, name="detail"),
    path("<int:pk>/<slug:action>/", views.flag_act, name="act"),
]
