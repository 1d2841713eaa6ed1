"""API over programmes, cycles, plans, activities, revisions and regional
plans.

Reads go through `restrict` (via `ScopedViewSetMixin` or the selectors);
writes go through `selaras.plans.services`, never `serializer.save()`, so the
API enforces exactly what the pages enforce. A stale `version` answers 409
with what changed meanwhile; a locked plan answers 409; a refused transition
answers 403 with the reason.
"""

from __future__ import annotations

from dataclasses import asdict

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.db.models import Count, Prefetch
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import exceptions, mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import SAFE_METHODS
from rest_framework.response import Response

from selaras.audit.context import acting_as
from selaras.core import access
from selaras.core.api import QueryFilter, ScopedPermission, ScopedViewSetMixin
from selaras.plans import selectors, services
from selaras.plans.errors import PlanLocked, StaleEdit, TransitionNotAllowed
from selaras.plans.models import (
    Activity,
    ActivityLocation,
    Cycle,
    FundingSource,
    IndicatorTarget,
    Plan,
    PlanRevision,
    PlanStatus,
    PlanTransition,
    Programme,
    ProgrammeKind,
    RegionalPlan,
    RegionalSubActivity,
)
from selaras.plans.revisions import diff_snapshots, plan_snapshot
from selaras.registry.models import Affair, Agency, AuthorityRule, DevelopmentTarget, Region

CODE = r"[0-9A-Za-z._-]+"


# --- shared behaviour -------------------------------------------------------------
class ServicePermission(ScopedPermission):
    """Scoped reading as everywhere; for writes only "signed in" here,
    because the services check the concrete record (and answer why:
    not yours, locked, wrong step of the workflow)."""

    def has_permission(self, request, view) -> bool:
        if request.method in SAFE_METHODS:
            return super().has_permission(request, view)
        return bool(request.user and request.user.is_authenticated)

    def has_object_permission(self, request, view, obj) -> bool:
        # The object came from the READ-restricted queryset; writes are the
        # services' to judge.
        return True


class ServiceViewSetMixin(ScopedViewSetMixin):
    permission_classes = [ServicePermission]

    def handle_exception(self, exc):
        if isinstance(exc, StaleEdit):
            return Response(
                {
                    "detail": exc.messages[0],
                    "code": "stale",
                    "current_version": exc.current_version,
                    "changes": exc.changes,
                },
                status=status.HTTP_409_CONFLICT,
            )
        if isinstance(exc, PlanLocked):
            return Response({"detail": exc.messages[0], "code": "locked"}, status=status.HTTP_409_CONFLICT)
        if isinstance(exc, DjangoPermissionDenied) and str(exc):
            # The service's own sentence says why (e.g. which step is refused).
            code = "transition_not_allowed" if isinstance(exc, TransitionNotAllowed) else "permission_denied"
            return Response({"detail": str(exc), "code": code}, status=status.HTTP_403_FORBIDDEN)
        return super().handle_exception(exc)

    def acting(self):
        return acting_as(self.request.user, "api")


def _version(request) -> int | None:
    raw = request.data.get("version") if hasattr(request.data, "get") else None
    if raw in (None, ""):
        raw = request.query_params.get("version")
    if raw in (None, ""):
        return None
    try:
        return int(raw)
    except (TypeError, ValueError):
        raise exceptions.ValidationError({"version": [_("Versi harus berupa bilangan bulat.")]}) from None


def _readable(model, request):
    return access.restrict(model._default_manager.all(), request.user, access.READ)


class ReadableRelatedField(serializers.PrimaryKeyRelatedField):
    """A reference by id to a record the requesting user may read; anything
    else is "does not exist", never a leak of its existence."""

    def get_queryset(self):
        return _readable(self.queryset.model, self.context["request"])


@extend_schema_field(OpenApiTypes.STR)
class TargetField(serializers.Field):
    """A development target written as "framework:code", e.g. "sdg:2" or
    "rpjmn-2020-2024:PN3"."""

    default_error_messages = {
        "invalid": gettext_lazy("Tulis sasaran sebagai “kerangka:kode”, mis. sdg:2."),
        "missing": gettext_lazy("Sasaran %(value)s tidak ditemukan."),
    }

    def to_representation(self, value):
        return f"{value.framework.code}:{value.code}"

    def to_internal_value(self, data):
        if not isinstance(data, str) or ":" not in data:
            self.fail("invalid")
        framework, code = data.split(":", 1)
        target = DevelopmentTarget.objects.filter(framework__code=framework.strip(), code=code.strip()).first()
        if target is None:
            raise serializers.ValidationError(self.error_messages["missing"] % {"value": data})
        return target


class TargetListField(serializers.ListField):
    def to_representation(self, data):
        manager = getattr(data, "all", None)
        return super().to_representation(manager() if manager else data)


# --- programmes and cycles ----------------------------------------------------------
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


class ProgrammeViewSet(ServiceViewSetMixin, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
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


class CycleViewSet(ServiceViewSetMixin, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
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


# --- activities ---------------------------------------------------------------------
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


class ActivityViewSet(ServiceViewSetMixin, viewsets.ModelViewSet):
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
        version = _version(self.request)
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


# --- plans ------------------------------------------------------------------------------
class TransitionSerializer(serializers.ModelSerializer):
    by = serializers.CharField(source="by.get_full_name", read_only=True, default="")

    class Meta:
        model = PlanTransition
        fields = ["action", "from_status", "to_status", "by", "at", "comment", "revision"]


class PlanSerializer(serializers.ModelSerializer):
    cycle = ReadableRelatedField(queryset=Cycle.objects.all(), required=False)
    owner = serializers.SlugRelatedField(slug_field="code", queryset=Agency.objects.all(), required=False)
    owner_name = serializers.CharField(source="owner.name", read_only=True)
    programme = serializers.CharField(source="cycle.programme.code", read_only=True)
    year = serializers.IntegerField(source="cycle.year", read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    budget_total = serializers.DecimalField(max_digits=20, decimal_places=2, read_only=True, default=None)
    activity_count = serializers.IntegerField(read_only=True, default=None)
    version = serializers.IntegerField(required=False)

    class Meta:
        model = Plan
        fields = [
            "id",
            "cycle",
            "programme",
            "year",
            "owner",
            "owner_name",
            "title",
            "notes",
            "status",
            "status_label",
            "revision",
            "budget_total",
            "activity_count",
            "version",
        ]
        read_only_fields = ["status", "revision"]
        validators = []  # one plan per cycle and owner: the service says so in words

    def validate(self, attrs):
        if self.instance is None:
            missing = {name: [_("Wajib diisi.")] for name in ("cycle", "owner") if name not in attrs}
            if missing:
                raise serializers.ValidationError(missing)
        return attrs


class PlanDetailSerializer(PlanSerializer):
    allowed_actions = serializers.SerializerMethodField()
    transitions = TransitionSerializer(many=True, read_only=True)

    class Meta(PlanSerializer.Meta):
        fields = [*PlanSerializer.Meta.fields, "allowed_actions", "transitions"]

    def get_allowed_actions(self, plan) -> list[dict]:
        user = self.context["request"].user
        return [
            {"action": t.action, "label": str(t.label), "needs_comment": t.needs_comment}
            for t in services.allowed_transitions(plan, user)
        ]


class PlanTransitionInput(serializers.Serializer):
    action = serializers.CharField()
    comment = serializers.CharField(required=False, allow_blank=True, default="")
    version = serializers.IntegerField(required=False)


class PlanViewSet(ServiceViewSetMixin, mixins.CreateModelMixin, mixins.UpdateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Agencies' plans. Filters: programme (code), year, owner (agency code,
    with its units), status, region (code: a location in it or below),
    affair (code), q (search in titles, agency and activity names)."""

    queryset = Plan.objects.select_related("cycle__programme", "owner")
    serializer_class = PlanSerializer

    def get_queryset(self):
        if self.action == "list":
            try:
                filters = selectors.PlanFilters.from_params(self.request.query_params)
            except ValueError as bad:
                raise exceptions.ValidationError({str(bad): [_("Nilai parameter ini tidak sah.")]}) from None
            return selectors.plans_for(self.request.user, filters)
        qs = super().get_queryset()
        if self.action == "retrieve":
            qs = selectors.with_totals(qs).prefetch_related(
                Prefetch("transitions", queryset=PlanTransition.objects.select_related("by"))
            )
        return qs

    def get_serializer_class(self):
        return PlanDetailSerializer if self.action == "retrieve" else PlanSerializer

    def _detail(self, plan: Plan) -> dict:
        plan = self.get_queryset().model.objects.filter(pk=plan.pk)
        plan = selectors.with_totals(plan).select_related("cycle__programme", "owner").get()
        return PlanDetailSerializer(plan, context=self.get_serializer_context()).data

    def perform_create(self, serializer):
        v = serializer.validated_data
        with self.acting():
            serializer.instance = services.plan_create(
                cycle=v["cycle"],
                owner=v["owner"],
                by=self.request.user,
                title=v.get("title", ""),
                notes=v.get("notes", ""),
            )

    def perform_update(self, serializer):
        v = serializer.validated_data
        if v.get("version") is None:
            raise exceptions.ValidationError({"version": [_("Sertakan versi data yang Anda ubah.")]})
        plan = serializer.instance
        if ("cycle" in v and v["cycle"].pk != plan.cycle_id) or ("owner" in v and v["owner"].pk != plan.owner_id):
            raise exceptions.ValidationError({"cycle": [_("Siklus dan instansi pemilik rencana tidak dapat diubah.")]})
        with self.acting():
            serializer.instance = services.plan_update(
                plan=plan,
                by=self.request.user,
                expected_version=v["version"],
                title=v.get("title", plan.title),
                notes=v.get("notes", plan.notes),
            )

    def create(self, request, *args, **kwargs):
        response = super().create(request, *args, **kwargs)
        response.data = self._detail(Plan(pk=response.data["id"]))
        return response

    def update(self, request, *args, **kwargs):
        response = super().update(request, *args, **kwargs)
        response.data = self._detail(Plan(pk=response.data["id"]))
        return response

    @action(detail=True, methods=["post"], serializer_class=PlanTransitionInput)
    def transition(self, request, pk=None):
        """Move the plan one step in its workflow (submit, start_review,
        return, endorse, start_implementation, close)."""
        plan = self.get_object()
        body = PlanTransitionInput(data=request.data)
        body.is_valid(raise_exception=True)
        with self.acting():
            plan = services.plan_transition(
                plan=plan,
                action=body.validated_data["action"],
                by=request.user,
                comment=body.validated_data["comment"],
                expected_version=body.validated_data.get("version"),
            )
        return Response(self._detail(plan))

    @action(detail=True, methods=["get"])
    def revisions(self, request, pk=None):
        """The frozen revisions of this plan (without their content)."""
        plan = self.get_object()
        rows = plan.revisions.select_related("created_by").order_by("number")
        return Response(
            [{"number": r.number, "created_at": r.created_at, "created_by": r.created_by.get_full_name()} for r in rows]
        )

    @action(detail=True, methods=["get"])
    def diff(self, request, pk=None):
        """What changed between two revisions: `?from=1&to=2`; without `to`,
        between revision `from` and the plan's current content."""
        plan = self.get_object()
        snapshots = {}
        for param in ("from", "to"):
            raw = request.query_params.get(param, "")
            if raw in ("", "current") and param == "to":
                snapshots[param] = plan_snapshot(plan)
                continue
            try:
                number = int(raw)
            except ValueError:
                raise exceptions.ValidationError({param: [_("Sebutkan nomor revisi.")]}) from None
            revision = plan.revisions.filter(number=number).first()
            if revision is None:
                raise exceptions.ValidationError({param: [_("Revisi %(number)s tidak ada.") % {"number": number}]})
            snapshots[param] = revision.snapshot
        diff = diff_snapshots(snapshots["from"], snapshots["to"])
        return Response(
            {
                "from": request.query_params.get("from"),
                "to": request.query_params.get("to") or "current",
                "is_empty": diff.is_empty,
                **asdict(diff),
            }
        )


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


# --- regional plans ---------------------------------------------------------------------
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


__all__ = [
    "ActivityViewSet",
    "CycleViewSet",
    "LocationViewSet",
    "PlanStatus",
    "PlanViewSet",
    "ProgrammeViewSet",
    "RegionalPlanViewSet",
    "RevisionViewSet",
    "SubActivityViewSet",
    "TransitionViewSet",
]
