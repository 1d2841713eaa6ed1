"""API over regions' own plans (RKPD) and their sub-activities, as
imported. Read-only."""

from __future__ import annotations

from django.db.models import Count
from django.utils.translation import gettext_lazy
from rest_framework import serializers, viewsets
from rest_framework.decorators import action

from selaras.core import access
from selaras.core.api import QueryFilter, ScopedViewSetMixin
from selaras.plans import selectors
from selaras.plans.models import RegionalPlan, RegionalSubActivity


class SubActivitySerializer(serializers.ModelSerializer):
    location = serializers.SlugRelatedField(slug_field="code", read_only=True)
    affair = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = RegionalSubActivity
        fields = [
            "id",
            "regional_plan",
            "code",
            "name",
            "implementing_office",
            "budget",
            "location",
            "location_text",
            "affair",
            "row_number",
        ]


class RegionalPlanSerializer(serializers.ModelSerializer):
    region = serializers.SlugRelatedField(slug_field="code", read_only=True)
    region_name = serializers.CharField(source="region.name", read_only=True)
    sub_activity_count = serializers.IntegerField(read_only=True, default=None)

    class Meta:
        model = RegionalPlan
        fields = ["id", "region", "region_name", "year", "source_name", "sub_activity_count", "version"]


class RegionalPlanViewSet(ScopedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    """Regions' own plans (RKPD sub-activities), as imported."""

    queryset = RegionalPlan.objects.select_related("region").annotate(sub_activity_count=Count("sub_activities"))
    serializer_class = RegionalPlanSerializer
    query_filters = (
        QueryFilter("year", "year", gettext_lazy("Tahun"), type=int),
        QueryFilter(
            "region",
            description=gettext_lazy("Kode wilayah (dan di bawahnya)"),
            method=lambda qs, v: qs.filter(selectors.within_q("region__code", v)),
        ),
    )

    @action(detail=True, methods=["get"], url_path="sub-activities")
    def sub_activities(self, request, pk=None):
        """The plan's sub-activities, paginated (`limit`, `offset`), `q` to search names."""
        regional_plan = self.get_object()
        rows = (
            access.restrict(RegionalSubActivity.objects.filter(regional_plan=regional_plan), request.user, access.READ)
            .select_related("location", "affair")
            .order_by("row_number", "id")
        )
        q = request.query_params.get("q", "").strip()
        if q:
            rows = rows.filter(name__icontains=q)
        page = self.paginate_queryset(rows)
        return self.get_paginated_response(SubActivitySerializer(page, many=True).data)


class SubActivityViewSet(ScopedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    """Regional sub-activities across regional plans."""

    queryset = RegionalSubActivity.objects.select_related("location", "affair")
    serializer_class = SubActivitySerializer
    query_filters = (
        QueryFilter("regional_plan", "regional_plan_id", gettext_lazy("ID rencana daerah"), type=int),
        QueryFilter("year", "regional_plan__year", gettext_lazy("Tahun"), type=int),
        QueryFilter(
            "region",
            description=gettext_lazy("Kode wilayah (dan di bawahnya)"),
            method=lambda qs, v: qs.filter(selectors.within_q("regional_plan__region__code", v)),
        ),
        QueryFilter("q", "name__icontains", gettext_lazy("Cari pada nama")),
    )
