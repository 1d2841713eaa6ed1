"""The person's own notifications over the API: list, mark one or all read."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from selaras.core.api import QueryFilter, ServiceViewSetMixin
from selaras.notifications import services
from selaras.notifications.models import Notification


def _yes_no(raw: str) -> bool:
    answers = {"true": True, "1": True, "false": False, "0": False}
    if raw.lower() not in answers:
        raise ValueError(raw)
    return answers[raw.lower()]


class NotificationSerializer(serializers.ModelSerializer):
    message = serializers.CharField(read_only=True)
    unread = serializers.BooleanField(source="is_unread", read_only=True)

    class Meta:
        model = Notification
        fields = ["id", "kind", "message", "url", "unread", "read_at", "created_at"]


class NotificationViewSet(ServiceViewSetMixin, viewsets.ReadOnlyModelViewSet):
    """Your notifications, newest first; nobody else's are ever listed."""

    queryset = Notification.objects.filter(shown=True)
    serializer_class = NotificationSerializer
    query_filters = (QueryFilter("unread", "read_at__isnull", _("true: hanya yang belum dibaca"), parse=_yes_no),)

    @action(detail=True, methods=["post"])
    def read(self, request, pk=None):
        """Mark this notification read."""
        note = services.notification_mark_read(notification=self.get_object(), by=request.user)
        return Response(self.get_serializer(note).data)

    @action(detail=False, methods=["post"], url_path="read-all")
    def read_all(self, request):
        """Mark all your notifications read."""
        return Response({"marked": services.notifications_mark_all_read(by=request.user)})


# The project's router (`selaras.api_urls`) registers these, so /api/ lists them.
routes = (("notifications", NotificationViewSet, "notification"),)
views = ()
