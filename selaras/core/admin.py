from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from selaras.core.models import Job

# The administration is Selaras's own, not "Django administration".
admin.site.site_header = _("Selaras — Administrasi")
admin.site.site_title = _("Selaras")
admin.site.index_title = _("Administrasi Selaras")


@admin.register(Job)
class JobAdmin(admin.ModelAdmin):
    """Background jobs, read-only: administrators see why one failed
    (including the traceback the job page keeps from other users)."""

    list_display = ("id", "kind", "label", "status", "progress_done", "progress_total", "started_by", "created_at")
    list_filter = ("status", "kind")
    search_fields = ("label", "kind", "message", "error")
    readonly_fields = [f.name for f in Job._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
