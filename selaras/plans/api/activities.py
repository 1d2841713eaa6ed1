"""API over activities (with nested locations, indicators and targets) and
their locations. Changes go through the plan services."""

from __future__ import annotations

from django.db.models import Prefetch
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework import exceptions, serializers, viewsets

from selaras.core.api import QueryFilter, ReadableRelatedField, ScopedViewSetMixin, expected_version
from selaras.plans import selectors, services
from selaras.plans.api.common import PlansServiceViewSetMixin, TargetField, TargetListField
from selaras.plans.models import Activity, ActivityLocation, FundingSource, IndicatorTarget, Plan
from selaras.registry.models import Affair, Agency, AuthorityRule, Region


class LocationSerializer(serializers.ModelSerializer):
    region = serializers.SlugRelatedField(slug_field="code", queryset=Region.objects.all())
    region_name = serializers.CharField(source="region.name", read_only=True)
    region_level = serializers.CharField(source="region.level", read_only=True)

    class Meta:
        model = ActivityLocation
        fields = ["id", "region", "region_name", "region_level", "budget", "target_share", "version"]
        read_only_fields = ["id", "version"]
        # The activity's service checks uniqueness; the model's validator
        # would need the activity, which a nested row does not carry.
        validators = []


class IndicatorSerializer(serializers.ModelSerializer):
    class Meta:
        model = IndicatorTarget
        fields = ["id", "indicator", "unit", "baseline", "target"]
        read_only_fields = ["id"]


class ActivitySerializer(serializers.ModelSerializer):
    """An activity with its locations, indicator targets and target codes.
    The same shape is read and written; `version` is required to change or
    delete an existing activity."""

    plan = ReadableRelatedField(queryset=Plan.objects.all())
    affair = serializers.SlugRelatedField(
        slug_field="code", queryset=Affair.objects.all(), required=False, allow_null=True
    )
    implementing_agency = serializers.SlugRelatedField(
        slug_field="code", queryset=Agency.objects.all(), required=False, allow_null=True
    )
    recipient = serializers.SlugRelatedField(
        slug_field="code", queryset=Agency.objects.all(), required=False, allow_null=True
    )
    authority_item = serializers.PrimaryKeyRelatedField(
        queryset=AuthorityRule.objects.filter(has_authority=True), required=False, allow_null=True
    )
    quarters = serializers.ListField(child=serializers.IntegerField(min_value=1, max_value=4), required=False)
    targets = TargetListField(child=TargetField(), required=False)
    locations = LocationSerializer(many=True, required=False)
    indicators = IndicatorSerializer(many=True, required=False)
    version = serializers.IntegerField(required=False)

    class Meta:
        model = Activity
        fields = [
            "id",
            "uid",
            "plan",
            "position",
            "code",
            "title",
            "description",
            "affair",
            "funding_source",
            "budget",
            "partner_budget",
            "output",
            "quarters",
            "executing_level",
            "implementing_agency",
            "implementing_office",
            "recipient",
            "recipient_level",
            "authority_item",
            "delegated_content",
            "requires_matching_funds",
            "targets",
            "locations",
            "indicators",
            "version",
        ]
        read_only_fields = ["id", "uid", "position"]

    def validate(self, attrs):
        if self.instance is not None and "plan" in attrs and attrs["plan"].pk != self.instance.plan_id:
            raise serializers.ValidationError({"plan": [_("Kegiatan tidak dapat dipindahkan ke rencana lain.")]})
        item, affair = attrs.get("authority_item"), attrs.get("affair")
        if item is not None and affair is not None and affair.pk not in (item.affair_id, item.affair.parent_id):
            raise serializers.ValidationError(
                {"authority_item": [_("Butir kewenangan tidak termasuk urusan kegiatan ini.")]}
            )
        return attrs

    def activity_data(self) -> services.ActivityData:
        v = self.validated_data
        return services.ActivityData(
            title=v["title"],
            funding_source=v["funding_source"],
            budget=v.get("budget", 0),
            code=v.get("code", ""),
            description=v.get("description", ""),
            affair=v.get("affair"),
            partner_budget=v.get("partner_budget"),
            output=v.get("output", ""),
            quarters=v.get("quarters", []),
            executing_level=v.get("executing_level", "pusat"),
            implementing_agency=v.get("implementing_agency"),
            implementing_office=v.get("implementing_office", ""),
            recipient=v.get("recipient"),
            recipient_level=v.get("recipient_level", ""),
            authority_item=v.get("authority_item"),
            delegated_content=v.get("delegated_content", ""),
            requires_matching_funds=v.get("requires_matching_funds", False),
            targets=v.get("targets", []),
            locations=[
                services.LocationData(loc["region"], loc.get("budget") or 0, loc.get("target_share"))
                for loc in v.get("locations", [])
            ],
            indicators=[
                services.IndicatorData(i["indicator"], i.get("unit", ""), i.get("baseline"), i.get("target"))
                for i in v.get("indicators", [])
            ],
        )


def _activity_queryset():
    return Activity.objects.select_related("plan", "affair", "implementing_agency", "recipient").prefetch_related(
        Prefetch("locations", queryset=ActivityLocation.objects.select_related("region")),
        "indicators",
        "targets__framework",
    )


class ActivityViewSet(PlansServiceViewSetMixin, viewsets.ModelViewSet):
    """Activities of plans, with nested locations, indicators and targets.
    Changes go through the plan services: only the owner, only while the
    plan is a draft or returned, and only on the current version."""

    queryset = _activity_queryset()
    serializer_class = ActivitySerializer
    query_filters = (
        QueryFilter("plan", "plan_id", gettext_lazy("ID rencana"), type=int),
        QueryFilter(
            "affair",
            description=gettext_lazy("Kode urusan (dan di bawahnya)"),
            method=lambda qs, v: qs.filter(selectors.within_q("affair__code", v)),
        ),
        QueryFilter(
            "region",
            description=gettext_lazy("Kode wilayah: kegiatan berlokasi di wilayah ini atau di bawahnya"),
            method=lambda qs, v: qs.filter(
                pk__in=ActivityLocation.objects.filter(selectors.within_q("region__code", v)).values("activity_id")
            ),
        ),
        QueryFilter("funding_source", "funding_source", gettext_lazy("Sumber dana"), enum=tuple(FundingSource.values)),
    )

    def _reload(self, pk: int) -> Activity:
        return _activity_queryset().get(pk=pk)

    def perform_create(self, serializer):
        with self.acting():
            activity = services.activity_create(
                plan=serializer.validated_data["plan"], by=self.request.user, data=serializer.activity_data()
            )
        serializer.instance = self._reload(activity.pk)

    def perform_update(self, serializer):
        version = serializer.validated_data.get("version")
        if version is None:
            raise exceptions.ValidationError({"version": [_("Sertakan versi data yang Anda ubah.")]})
        with self.acting():
            activity = services.activity_update(
                activity=serializer.instance,
                by=self.request.user,
                data=serializer.activity_data(),
                expected_version=version,
            )
        serializer.instance = self._reload(activity.pk)

    def update(self, request, *args, **kwargs):
        if kwargs.get("partial"):
            # A partial update would have to merge nested rows; the whole
            # activity is sent instead, as the form does.
            raise exceptions.MethodNotAllowed(request.method)
        return super().update(request, *args, **kwargs)

    def perform_destroy(self, instance):
        version = expected_version(self.request)
        if version is None:
            raise exceptions.ValidationError({"version": [_("Sertakan versi data yang Anda hapus.")]})
        with self.acting():
            services.activity_delete(activity=instance, by=self.request.user, expected_version=version)


class LocationViewSet(ScopedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    """Where activities land. Changed through the activity."""

    queryset = ActivityLocation.objects.select_related("region", "activity__plan__owner", "activity__plan__cycle")
    serializer_class = type(
        "ActivityLocationSerializer",
        (LocationSerializer,),
        {
            "activity": serializers.PrimaryKeyRelatedField(read_only=True),
            "plan": serializers.IntegerField(source="activity.plan_id", read_only=True),
            "owner": serializers.CharField(source="activity.plan.owner.code", read_only=True),
            "year": serializers.IntegerField(source="activity.plan.cycle.year", read_only=True),
            "Meta": type(
                "Meta",
                (LocationSerializer.Meta,),
                {
                    "fields": [*LocationSerializer.Meta.fields, "activity", "plan", "owner", "year"],
                },
            ),
        },
    )
    query_filters = (
        QueryFilter("activity", "activity_id", gettext_lazy("ID kegiatan"), type=int),
        QueryFilter("plan", "activity__plan_id", gettext_lazy("ID rencana"), type=int),
        QueryFilter("year", "activity__plan__cycle__year", gettext_lazy("Tahun"), type=int),
        QueryFilter(
            "region",
            description=gettext_lazy("Kode wilayah (dan di bawahnya)"),
            method=lambda qs, v: qs.filter(selectors.within_q("region__code", v)),
        ),
    )
