from django.urls import path

from selaras.audit import views

app_name = "audit"
urlpatterns = [
    # <app_label>.<model>/<pk>/, e.g. /audit/registry.region/12/
    path("<str:label>/<int:pk>/", views.history, name="history"),
]
