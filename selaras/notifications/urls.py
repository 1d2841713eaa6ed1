from django.urls import path

from selaras.notifications import views

app_name = "notifications"
urlpatterns = [
    path("", views.notification_list, name="notification_list"),
    path("<int:pk>/buka/", views.notification_open, name="notification_open"),
    path("baca-semua/", views.notification_read_all, name="notification_read_all"),
    path("pengaturan/", views.preference_edit, name="preference_edit"),
]
