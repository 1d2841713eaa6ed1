"""Flags over the API: read what the permission layer allows, raise one on
an activity of my region, answer or reply. Writes go through the services."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from selaras.core.api import QueryFilter, ServiceViewSetMixin, readable_one
from selaras.flags import services
from selaras.flags.models import Flag, FlagMessage, FlagReason
from selaras.plans.models import Activity


class FlagMessageSerializer(serializers.ModelSerializer):
    class Meta:
        model = FlagMessage
        fields = ("id", "author", "text", "created_at")
        read_only_fields = fields


class FlagSerializer(serializers.ModelSerializer):
    messages = FlagMessageSerializer(many=True, read_only=True)

    class Meta:
        model = Flag
        fields = (
            "id",
            "activity",
            "region",
            "author",
            "reason",
            "comment",
            "status",
            "finding_raised_at",
            "created_at",
            "version",
            "messages",
        )
        read_only_fields = fields


class FlagCreateSerializer(serializers.Serializer):
    activity = serializers.IntegerField()
    reason = serializers.ChoiceField(choices=FlagReason.choices)
    comment = serializers.CharField()


class MessageSerializer(serializers.Serializer):
    text = serializers.CharField()


class FlagViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ServiceViewSetMixin, viewsets.GenericViewSet):
    """Regional officers' flags on central activities in their region."""

    queryset = Flag.objects.select_related("activity", "region", "author").prefetch_related("messages")
    serializer_class = FlagSerializer
    query_filters = (
        QueryFilter("activity", "activity_id", type=int),
        QueryFilter("plan", "activity__plan_id", type=int),
        QueryFilter("status", "status"),
    )

    @extend_schema(request=FlagCreateSerializer, responses=FlagSerializer)
    def create(self, request, *args, **kwargs):
        data = FlagCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        activity = readable_one(Activity, request.user, data.validated_data["activity"], "activity")
        with self.acting():
            flag = services.flag_raise(
                activity=activity,
                by=request.user,
                reason=data.validated_data["reason"],
                comment=data.validated_data["comment"],
            )
        return Response(FlagSerializer(flag).data, status=status.HTTP_201_CREATED)

    def _post_message(self, request, service):
        flag = self.get_object()
        data = MessageSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        with self.acting():
            service(flag=flag, by=request.user, text=data.validated_data["text"])
        flag.refresh_from_db()
        return Response(FlagSerializer(flag).data)

    @extend_schema(request=MessageSerializer, responses=FlagSerializer)
    @action(detail=True, methods=["post"])
    def answer(self, request, pk=None):
        """The owning agency or a coordinator answers the flag."""
        return self._post_message(request, services.flag_answer)

    @extend_schema(request=MessageSerializer, responses=FlagSerializer)
    @action(detail=True, methods=["post"])
    def reply(self, request, pk=None):
        """The author replies to an answer."""
        return self._post_message(request, services.flag_reply)


# The project's router (`selaras.api_urls`) registers these, so /api/ lists them.
routes = (("flags", FlagViewSet, "flag"),)
views = ()
