from django.conf import settings
from django.urls import path

from selaras.accounts import views

app_name = "accounts"
urlpatterns = [
    path("login/", views.login_view, name="login"),
    path("logout/", views.logout_view, name="logout"),
    path("profil/", views.profile, name="profile"),
    path("dua-langkah/", views.two_factor_verify, name="two_factor_verify"),
    path("dua-langkah/aktifkan/", views.two_factor_setup, name="two_factor_setup"),
    path("dua-langkah/nonaktifkan/", views.two_factor_disable, name="two_factor_disable"),
    path("sandi/lupa/", views.PasswordResetView.as_view(), name="password_reset"),
    path("sandi/lupa/terkirim/", views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path("sandi/setel/<uidb64>/<token>/", views.PasswordResetConfirmView.as_view(), name="password_reset_confirm"),
    path("sandi/setel/selesai/", views.PasswordResetCompleteView.as_view(), name="password_reset_complete"),
]

if settings.OIDC_ENABLED:
    from selaras.accounts import oidc

    urlpatterns += oidc.urlpatterns
