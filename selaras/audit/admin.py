"""The audit trail in the admin: searchable, never editable."""

from __future__ import annotations

from django.contrib import admin

from selaras.audit.models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ["timestamp", "actor_label", "action", "content_type", "object_repr", "via"]
    list_filter = ["action", "via", "content_type"]
    search_fields = ["object_repr", "actor_label", "message"]
    date_hierarchy = "timestamp"
    list_select_related = ["content_type"]
    readonly_fields = [f.name for f in AuditEntry._meta.fields]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
