from django.conf import settings
from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("accounts/", include("selaras.accounts.urls")),
    path("api/", include("selaras.api_urls")),
    # The registry serves /wilayah/ (regions) and /instansi/ (agencies).
    path("", include("selaras.registry.urls")),
    path("audit/", include("selaras.audit.urls")),
    path("rencana/", include("selaras.plans.urls")),
    path("tanda/", include("selaras.flags.urls")),
    path("sinkronisasi/", include("selaras.sync.urls")),
    path("notifikasi/", include("selaras.notifications.urls")),
    path("rapat/", include("selaras.meetings.urls")),
    path("", include("selaras.home.urls")),
    path("", include("selaras.core.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Error pages: JSON under /api/, the site's own pages elsewhere.
handler404 = "selaras.core.api.page_not_found"
handler500 = "selaras.core.api.server_error"
