from django.urls import path

from selaras.home import views

app_name = "home"
urlpatterns = [
    path("", views.home, name="home"),
    path("wilayah-saya/", views.my_district, name="my_district"),
    path("wilayah-saya/<str:code>/", views.district, name="district"),
]
