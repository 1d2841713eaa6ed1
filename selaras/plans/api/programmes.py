"""API over programmes and their cycles (years). Created through the
services by coordinators."""

from __future__ import annotations

from django.utils.translation import gettext_lazy
from rest_framework import mixins, serializers, viewsets

from selaras.core.api import QueryFilter
from selaras.plans import services
from selaras.plans.api.common import CODE, PlansServiceViewSetMixin
from selaras.plans.models import Cycle, Programme, ProgrammeKind
from selaras.registry.models import Agency, Region


class ProgrammeSerializer(serializers.ModelSerializer):
    coordinator = serializers.SlugRelatedField(slug_field="code", queryset=Agency.objects.all())
    partner = serializers.SlugRelatedField(
        slug_field="code", queryset=Agency.objects.all(), required=False, allow_null=True
    )
    assigner = serializers.SlugRelatedField(
        slug_field="code", queryset=Agency.objects.all(), required=False, allow_null=True
    )
    participants = serializers.SlugRelatedField(
        slug_field="code", queryset=Agency.objects.all(), many=True, required=False
    )
    loci = serializers.SlugRelatedField(slug_field="code", queryset=Region.objects.all(), many=True, required=False)
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)

    class Meta:
        model = Programme
        fields = [
            "id",
            "code",
            "name",
            "kind",
            "kind_label",
            "description",
            "coordinator",
            "partner",
            "assigner",
            "participants",
            "start_year",
            "end_year",
            "loci",
            "partner_currency",
            "version",
        ]
        read_only_fields = ["version"]


class ProgrammeViewSet(PlansServiceViewSetMixin, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Cooperation and delegation programmes. Created by coordinators."""

    queryset = Programme.objects.select_related("coordinator", "partner", "assigner").prefetch_related(
        "participants", "loci"
    )
    serializer_class = ProgrammeSerializer
    lookup_field = "code"
    lookup_value_regex = CODE
    query_filters = (
        QueryFilter("kind", "kind", gettext_lazy("Jenis program"), enum=tuple(ProgrammeKind.values)),
        QueryFilter("coordinator", "coordinator__code", gettext_lazy("Kode unit koordinator")),
        QueryFilter(
            "year",
            description=gettext_lazy("Program yang berjalan pada tahun ini"),
            type=int,
            method=lambda qs, y: qs.filter(start_year__lte=y, end_year__gte=y),
        ),
    )

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        loci, participants = data.pop("loci", []), data.pop("participants", [])
        with self.acting():
            serializer.instance = services.programme_create(
                by=self.request.user, loci=loci, participants=participants, **data
            )


class CycleSerializer(serializers.ModelSerializer):
    programme = serializers.SlugRelatedField(slug_field="code", queryset=Programme.objects.all())

    class Meta:
        model = Cycle
        fields = [
            "id",
            "programme",
            "year",
            "submission_deadline",
            "review_deadline",
            "regulation_deadline",
            "decree_deadline",
            "regulation_recorded_on",
            "decree_recorded_on",
            "is_open",
            "version",
        ]
        read_only_fields = ["version", "regulation_recorded_on", "decree_recorded_on", "is_open"]


class CycleViewSet(PlansServiceViewSetMixin, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """A programme's years. Opened by the programme's coordinator."""

    queryset = Cycle.objects.select_related("programme")
    serializer_class = CycleSerializer
    query_filters = (
        QueryFilter("programme", "programme__code", gettext_lazy("Kode program")),
        QueryFilter("year", "year", gettext_lazy("Tahun"), type=int),
    )

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        with self.acting():
            serializer.instance = services.cycle_open(
                programme=data.pop("programme"), year=data.pop("year"), by=self.request.user, **data
            )
