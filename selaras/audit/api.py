"""Read-only API over the audit trail, filtered by the permission layer."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers, viewsets

from selaras.audit.models import AuditAction, AuditEntry
from selaras.audit.selectors import audited_model
from selaras.core.api import QueryFilter, ScopedViewSetMixin


class AuditEntrySerializer(serializers.ModelSerializer):
    content_type = serializers.SerializerMethodField()
    actor = serializers.SlugRelatedField(slug_field="username", read_only=True)

    class Meta:
        model = AuditEntry
        fields = [
            "id",
            "timestamp",
            "actor",
            "actor_label",
            "action",
            "content_type",
            "object_pk",
            "object_repr",
            "changes",
            "message",
            "via",
        ]

    def get_content_type(self, entry) -> str:
        return f"{entry.content_type.app_label}.{entry.content_type.model}"


def _by_content_type(queryset, label: str):
    model = audited_model(label)
    if model is None:
        raise ValueError(label)
    return queryset.filter(content_type__app_label=model._meta.app_label, content_type__model=model._meta.model_name)


class AuditEntryViewSet(ScopedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    """Who changed what and when, for the records you may read."""

    queryset = AuditEntry.objects.select_related("actor", "content_type")
    serializer_class = AuditEntrySerializer
    query_filters = (
        QueryFilter(
            "content_type",
            description=_("Jenis data sebagai app_label.model, mis. registry.region"),
            parse=str.lower,
            method=_by_content_type,
        ),
        QueryFilter("object_pk", "object_pk", _("ID data"), type=int),
        QueryFilter("action", "action", _("Tindakan"), enum=tuple(AuditAction.values)),
        QueryFilter("actor", "actor__username", _("Nama pengguna pelaku")),
        QueryFilter("via", "via", _("Melalui: web, api, admin, command, task")),
    )


# The project's router (`selaras.api_urls`) registers these, so /api/ lists them.
routes = (("audit", AuditEntryViewSet, "audit-entry"),)
views = ()
