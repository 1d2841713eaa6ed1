"""Notifications in the admin: looked at when a person says "I was never
told", never written by hand."""

from __future__ import annotations

from django.contrib import admin

from selaras.notifications.models import Notification, NotificationPreference


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["created_at", "recipient", "kind", "shown", "read_at", "email_sent_at"]
    list_filter = ["kind", "shown"]
    search_fields = ["recipient__username", "key"]
    list_select_related = ["recipient"]
    readonly_fields = [f.name for f in Notification._meta.fields]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(NotificationPreference)
class NotificationPreferenceAdmin(admin.ModelAdmin):
    list_display = ["user", "kind", "in_app", "email"]
    list_filter = ["kind"]
    search_fields = ["user__username"]
