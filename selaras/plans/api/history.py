"""API over the record of plans: frozen revisions and workflow steps.
Read-only."""

from __future__ import annotations

from django.utils.translation import gettext_lazy
from rest_framework import serializers, viewsets

from selaras.core.api import QueryFilter, ScopedViewSetMixin
from selaras.plans.api.plans import TransitionSerializer
from selaras.plans.models import PlanRevision, PlanTransition


class RevisionSerializer(serializers.ModelSerializer):
    created_by = serializers.CharField(source="created_by.get_full_name", read_only=True)

    class Meta:
        model = PlanRevision
        fields = ["id", "plan", "number", "created_at", "created_by", "snapshot"]


class RevisionViewSet(ScopedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    """Frozen copies of plans, made when they are submitted."""

    queryset = PlanRevision.objects.select_related("created_by")
    serializer_class = RevisionSerializer
    query_filters = (QueryFilter("plan", "plan_id", gettext_lazy("ID rencana"), type=int),)


class TransitionViewSet(ScopedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    """Every workflow step of the plans the user may read."""

    queryset = PlanTransition.objects.select_related("by")
    serializer_class = type(
        "PlanTransitionSerializer",
        (TransitionSerializer,),
        {
            "Meta": type(
                "Meta", (TransitionSerializer.Meta,), {"fields": ["id", "plan", *TransitionSerializer.Meta.fields]}
            ),
        },
    )
    query_filters = (
        QueryFilter("plan", "plan_id", gettext_lazy("ID rencana"), type=int),
        QueryFilter("action", "action", gettext_lazy("Tindakan")),
    )
