"""API over plans: create, edit, move through the workflow, and compare
revisions. Changes go through the plan services; a refused step answers 403
with the reason."""

from __future__ import annotations

from dataclasses import asdict

from django.db.models import Prefetch
from django.utils.translation import gettext as _
from rest_framework import exceptions, mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from selaras.core.api import ReadableRelatedField
from selaras.plans import selectors, services
from selaras.plans.api.common import PlansServiceViewSetMixin
from selaras.plans.models import Cycle, Plan, PlanTransition
from selaras.plans.revisions import diff_snapshots, plan_snapshot
from selaras.registry.models import Agency


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


class PlanViewSet(
    PlansServiceViewSetMixin, mixins.CreateModelMixin, mixins.UpdateModelMixin, viewsets.ReadOnlyModelViewSet
):
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
