"""Meetings over the API: meetings, their agenda, conclusions, follow-ups
and follow-up updates. Reads go through the permission layer; every write
goes through the meeting services (the base viewset refuses any other)."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response

from selaras.core.api import QueryFilter, ServiceViewSetMixin, expected_version, readable_one
from selaras.meetings import services
from selaras.meetings.models import (
    AgendaItem,
    Conclusion,
    FollowUp,
    FollowUpUpdate,
    Meeting,
    MeetingKind,
)
from selaras.plans.models import Activity, Cycle, Plan, Programme
from selaras.registry.models import Agency, Region
from selaras.sync.models import Finding, RecommendationPoint


class MeetingSerializer(serializers.ModelSerializer):
    class Meta:
        model = Meeting
        fields = (
            "id",
            "kind",
            "programme",
            "cycle",
            "organiser",
            "title",
            "starts_at",
            "ends_at",
            "venue",
            "online_url",
            "minutes",
            "status",
            "version",
            "created_at",
        )
        read_only_fields = fields


class MeetingWriteSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=MeetingKind.choices)
    title = serializers.CharField(max_length=300)
    organiser = serializers.IntegerField()
    programme = serializers.IntegerField(required=False, allow_null=True)
    cycle = serializers.IntegerField(required=False, allow_null=True)
    starts_at = serializers.DateTimeField()
    ends_at = serializers.DateTimeField(required=False, allow_null=True)
    venue = serializers.CharField(required=False, allow_blank=True, default="")
    online_url = serializers.URLField(required=False, allow_blank=True, default="")
    minutes = serializers.CharField(required=False, allow_blank=True, default="")


class MeetingViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ServiceViewSetMixin, viewsets.GenericViewSet):
    """Coordination meetings the user may see."""

    queryset = Meeting.objects.select_related("programme", "cycle", "organiser")
    serializer_class = MeetingSerializer
    query_filters = (
        QueryFilter("programme", "programme_id", type=int),
        QueryFilter("status", "status"),
        QueryFilter("kind", "kind"),
    )

    @extend_schema(request=MeetingWriteSerializer, responses=MeetingSerializer)
    def create(self, request, *args, **kwargs):
        data = MeetingWriteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v = dict(data.validated_data)
        user = request.user
        v["organiser"] = readable_one(Agency, user, v["organiser"], "organiser")
        v["programme"] = readable_one(Programme, user, v.get("programme"), "programme")
        v["cycle"] = readable_one(Cycle, user, v.get("cycle"), "cycle")
        with self.acting():
            meeting = services.meeting_create(by=user, **v)
        return Response(MeetingSerializer(meeting).data, status=status.HTTP_201_CREATED)

    def _move(self, request, service):
        meeting = self.get_object()
        with self.acting():
            meeting = service(meeting=meeting, by=request.user, version=expected_version(request))
        return Response(MeetingSerializer(meeting).data)

    @extend_schema(request=None, responses=MeetingSerializer)
    @action(detail=True, methods=["post"])
    def schedule(self, request, pk=None):
        return self._move(request, services.meeting_schedule)

    @extend_schema(request=None, responses=MeetingSerializer)
    @action(detail=True, methods=["post"])
    def hold(self, request, pk=None):
        return self._move(request, services.meeting_hold)

    @extend_schema(request=None, responses=MeetingSerializer)
    @action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        return self._move(request, services.meeting_close)

    @extend_schema(request=None, responses={200: None})
    @action(detail=True, methods=["post"], url_path="carry-over")
    def carry_over(self, request, pk=None):
        """Put the programme's open follow-ups of earlier years on the agenda."""
        meeting = self.get_object()
        with self.acting():
            items = services.carry_over(meeting=meeting, by=request.user)
        return Response({"created": [item.pk for item in items]})


class AgendaItemSerializer(serializers.ModelSerializer):
    class Meta:
        model = AgendaItem
        fields = (
            "id",
            "meeting",
            "number",
            "title",
            "notes",
            "plans",
            "regions",
            "findings",
            "flags",
            "letters",
            "carried_followup",
            "version",
        )
        read_only_fields = fields


class AgendaWriteSerializer(serializers.Serializer):
    meeting = serializers.IntegerField()
    title = serializers.CharField(max_length=500)
    notes = serializers.CharField(required=False, allow_blank=True, default="")
    plans = serializers.ListField(child=serializers.IntegerField(), required=False, default=list)
    regions = serializers.ListField(child=serializers.IntegerField(), required=False, default=list)


class AgendaItemViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ServiceViewSetMixin, viewsets.GenericViewSet):
    queryset = AgendaItem.objects.prefetch_related("plans", "regions", "findings", "flags", "letters")
    serializer_class = AgendaItemSerializer
    query_filters = (QueryFilter("meeting", "meeting_id", type=int),)

    @extend_schema(request=AgendaWriteSerializer, responses=AgendaItemSerializer)
    def create(self, request, *args, **kwargs):
        data = AgendaWriteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        user = request.user
        meeting = readable_one(Meeting, user, v["meeting"], "meeting")
        plans = [readable_one(Plan, user, pk, "plans") for pk in v["plans"]]
        regions = [readable_one(Region, user, pk, "regions") for pk in v["regions"]]
        with self.acting():
            item = services.agenda_add(
                meeting=meeting, by=user, title=v["title"], notes=v["notes"], plans=plans, regions=regions
            )
        return Response(AgendaItemSerializer(item).data, status=status.HTTP_201_CREATED)


class ConclusionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Conclusion
        fields = ("id", "meeting", "number", "text", "is_public", "version")
        read_only_fields = fields


class ConclusionWriteSerializer(serializers.Serializer):
    meeting = serializers.IntegerField()
    text = serializers.CharField()
    is_public = serializers.BooleanField(required=False, default=False)


class ConclusionViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ServiceViewSetMixin, viewsets.GenericViewSet):
    queryset = Conclusion.objects.all()
    serializer_class = ConclusionSerializer
    query_filters = (QueryFilter("meeting", "meeting_id", type=int),)

    @extend_schema(request=ConclusionWriteSerializer, responses=ConclusionSerializer)
    def create(self, request, *args, **kwargs):
        data = ConclusionWriteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        meeting = readable_one(Meeting, request.user, v["meeting"], "meeting")
        with self.acting():
            conclusion = services.conclusion_add(
                meeting=meeting, by=request.user, text=v["text"], is_public=v["is_public"]
            )
        return Response(ConclusionSerializer(conclusion).data, status=status.HTTP_201_CREATED)


class FollowUpSerializer(serializers.ModelSerializer):
    class Meta:
        model = FollowUp
        fields = (
            "id",
            "meeting",
            "conclusion",
            "text",
            "owner_agency",
            "owner_region",
            "due_date",
            "region",
            "plan",
            "activity",
            "finding",
            "letter_point",
            "status",
            "drop_reason",
            "done_at",
            "verified_at",
            "version",
        )
        read_only_fields = fields


class FollowUpWriteSerializer(serializers.Serializer):
    meeting = serializers.IntegerField()
    text = serializers.CharField()
    owner_agency = serializers.IntegerField(required=False, allow_null=True)
    owner_region = serializers.IntegerField(required=False, allow_null=True)
    due_date = serializers.DateField(required=False, allow_null=True)
    conclusion = serializers.IntegerField(required=False, allow_null=True)
    region = serializers.IntegerField(required=False, allow_null=True)
    plan = serializers.IntegerField(required=False, allow_null=True)
    activity = serializers.IntegerField(required=False, allow_null=True)
    finding = serializers.IntegerField(required=False, allow_null=True)
    letter_point = serializers.IntegerField(required=False, allow_null=True)


class NoteSerializer(serializers.Serializer):
    text = serializers.CharField(required=False, allow_blank=True, default="")
    evidence = serializers.FileField(required=False, allow_null=True)


class ReasonSerializer(serializers.Serializer):
    reason = serializers.CharField()


_LINKED = {
    "owner_agency": Agency,
    "owner_region": Region,
    "conclusion": Conclusion,
    "region": Region,
    "plan": Plan,
    "activity": Activity,
    "finding": Finding,
    "letter_point": RecommendationPoint,
}


class FollowUpViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ServiceViewSetMixin, viewsets.GenericViewSet):
    """Follow-up actions (RTL): owners start and complete theirs, the
    meeting's coordinator verifies, drops or reopens them."""

    queryset = FollowUp.objects.select_related("meeting", "owner_agency", "owner_region")
    serializer_class = FollowUpSerializer
    parser_classes = (JSONParser, MultiPartParser, FormParser)
    query_filters = (
        QueryFilter("meeting", "meeting_id", type=int),
        QueryFilter("status", "status"),
        QueryFilter("owner_agency", "owner_agency_id", type=int),
    )

    @extend_schema(request=FollowUpWriteSerializer, responses=FollowUpSerializer)
    def create(self, request, *args, **kwargs):
        data = FollowUpWriteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v = dict(data.validated_data)
        user = request.user
        meeting = readable_one(Meeting, user, v.pop("meeting"), "meeting")
        for name, model in _LINKED.items():
            v[name] = readable_one(model, user, v.get(name), name)
        with self.acting():
            followup = services.followup_create(meeting=meeting, by=user, **v)
        return Response(FollowUpSerializer(followup).data, status=status.HTTP_201_CREATED)

    def _note(self, request, service, *, evidence: bool = False):
        followup = self.get_object()
        data = NoteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        extra = {"evidence": data.validated_data.get("evidence")} if evidence else {}
        with self.acting():
            followup = service(
                followup=followup,
                by=request.user,
                text=data.validated_data["text"],
                version=expected_version(request),
                **extra,
            )
        return Response(FollowUpSerializer(followup).data)

    @extend_schema(request=NoteSerializer, responses=FollowUpSerializer)
    @action(detail=True, methods=["post"])
    def start(self, request, pk=None):
        return self._note(request, services.followup_start)

    @extend_schema(request=NoteSerializer, responses=FollowUpSerializer)
    @action(detail=True, methods=["post"])
    def complete(self, request, pk=None):
        return self._note(request, services.followup_complete, evidence=True)

    @extend_schema(request=NoteSerializer, responses=FollowUpSerializer)
    @action(detail=True, methods=["post"])
    def verify(self, request, pk=None):
        return self._note(request, services.followup_verify)

    @extend_schema(request=NoteSerializer, responses=FollowUpSerializer)
    @action(detail=True, methods=["post"])
    def reopen(self, request, pk=None):
        return self._note(request, services.followup_reopen)

    @extend_schema(request=ReasonSerializer, responses=FollowUpSerializer)
    @action(detail=True, methods=["post"])
    def drop(self, request, pk=None):
        followup = self.get_object()
        data = ReasonSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        with self.acting():
            followup = services.followup_drop(
                followup=followup,
                by=request.user,
                reason=data.validated_data["reason"],
                version=expected_version(request),
            )
        return Response(FollowUpSerializer(followup).data)


class FollowUpUpdateSerializer(serializers.ModelSerializer):
    has_evidence = serializers.SerializerMethodField()

    class Meta:
        model = FollowUpUpdate
        # The evidence file itself is served by the meetings pages, which
        # check who may read the meeting; here only its description.
        fields = (
            "id",
            "followup",
            "text",
            "status_from",
            "status_to",
            "by",
            "created_at",
            "has_evidence",
            "evidence_name",
            "evidence_size",
            "evidence_type",
        )
        read_only_fields = fields

    def get_has_evidence(self, obj) -> bool:
        return bool(obj.evidence)


class UpdateWriteSerializer(serializers.Serializer):
    followup = serializers.IntegerField()
    text = serializers.CharField()
    evidence = serializers.FileField(required=False, allow_null=True)


class FollowUpUpdateViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, ServiceViewSetMixin, viewsets.GenericViewSet
):
    queryset = FollowUpUpdate.objects.select_related("followup")
    serializer_class = FollowUpUpdateSerializer
    parser_classes = (JSONParser, MultiPartParser, FormParser)
    query_filters = (QueryFilter("followup", "followup_id", type=int),)

    @extend_schema(request=UpdateWriteSerializer, responses=FollowUpUpdateSerializer)
    def create(self, request, *args, **kwargs):
        data = UpdateWriteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        followup = readable_one(FollowUp, request.user, v["followup"], "followup")
        with self.acting():
            update = services.followup_update_add(
                followup=followup, by=request.user, text=v["text"], evidence=v.get("evidence")
            )
        return Response(FollowUpUpdateSerializer(update).data, status=status.HTTP_201_CREATED)


# The project's router (`selaras.api_urls`) registers these, so /api/ lists them.
routes = (
    ("meetings", MeetingViewSet, "meeting"),
    ("meeting-agenda", AgendaItemViewSet, "meeting-agenda"),
    ("meeting-conclusions", ConclusionViewSet, "meeting-conclusion"),
    ("followups", FollowUpViewSet, "followup"),
    ("followup-updates", FollowUpUpdateViewSet, "followup-update"),
)
views = ()
