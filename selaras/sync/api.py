"""API over check runs, findings, review notes, recommendation letters and
the similarity look-up.

Reads go through `restrict` (via `ScopedViewSetMixin` or the selectors);
every write goes through `selaras.sync.services` or
`selaras.sync.letters.services`, which check the concrete record, so the API
enforces exactly what the pages enforce.

It stays whole over 400 lines like every app's `api` module: thin viewsets
for one router, each a short read of the selectors and services.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.views import APIView

from selaras.core.api import QueryFilter, ServicePermission, ServiceViewSetMixin, expected_version, readable_one
from selaras.plans.models import Cycle, Plan
from selaras.sync import selectors, services
from selaras.sync.letters import services as letters
from selaras.sync.models import (
    CheckRun,
    Finding,
    FindingStatus,
    Recommendation,
    RecommendationPoint,
    ReviewNote,
    RunScope,
    RunStatus,
    Severity,
)


class ServiceViewSet(ServiceViewSetMixin, viewsets.GenericViewSet):
    """An issued letter answers 409: nothing in it may change any more."""

    conflicts = ((letters.LetterIssued, "issued"),)


# --- check runs ---------------------------------------------------------------------
class CheckRunSerializer(serializers.ModelSerializer):
    job_url = serializers.SerializerMethodField()

    class Meta:
        model = CheckRun
        fields = (
            "id",
            "scope",
            "plan",
            "cycle",
            "year",
            "status",
            "started_by",
            "job",
            "job_url",
            "started_at",
            "finished_at",
            "counts",
            "error",
            "created_at",
        )
        read_only_fields = fields

    def get_job_url(self, run) -> str | None:
        return reverse("core:job_detail", args=[run.job_id]) if run.job_id else None


class CheckRunCreateSerializer(serializers.Serializer):
    scope = serializers.ChoiceField(choices=RunScope.choices)
    plan = serializers.IntegerField(required=False)
    cycle = serializers.IntegerField(required=False)
    year = serializers.IntegerField(required=False, min_value=2000, max_value=2100)


class CheckRunViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ServiceViewSet):
    """Check runs. POST starts a run in the background and answers 202 with
    the run and the job page to follow its progress."""

    queryset = CheckRun.objects.select_related("plan", "cycle", "job")
    serializer_class = CheckRunSerializer
    query_filters = (
        QueryFilter("plan", "plan_id", type=int),
        QueryFilter("cycle", "cycle_id", type=int),
        QueryFilter("status", "status", enum=tuple(RunStatus.values)),
    )

    def create(self, request, *args, **kwargs):
        data = CheckRunCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        plan = readable_one(Plan, request.user, data.validated_data.get("plan"), "plan")
        cycle = readable_one(Cycle, request.user, data.validated_data.get("cycle"), "cycle")
        with self.acting():
            run = services.check_run_start(
                by=request.user,
                scope=data.validated_data["scope"],
                plan=plan,
                cycle=cycle,
                year=data.validated_data.get("year"),
            )
        return Response(CheckRunSerializer(run).data, status=status.HTTP_202_ACCEPTED)


# --- findings -----------------------------------------------------------------------
class FindingSerializer(serializers.ModelSerializer):
    """A finding as the requesting user may see it: the other side (another
    agency's activity, a region's sub-activity) and the message and
    evidence naming it only when they may read it
    (`selectors.finding_evidence_for`)."""

    message = serializers.CharField(read_only=True)
    other_hidden = serializers.CharField(
        read_only=True,
        default="",
        help_text=_("Uraian pembanding yang tidak boleh Anda lihat rinciannya; kosong bila tidak ada."),
    )

    class Meta:
        model = Finding
        fields = (
            "id",
            "key",
            "rule",
            "category",
            "severity",
            "plan",
            "cycle",
            "activity",
            "other_activity",
            "regional_sub_activity",
            "other_hidden",
            "region_codes",
            "score",
            "message",
            "message_id",
            "message_en",
            "citation",
            "evidence",
            "status",
            "reason",
            "reviewed_by",
            "reviewed_at",
            "first_run",
            "last_run",
            "resolved_run",
            "created_at",
            "updated_at",
        )
        read_only_fields = fields

    def to_representation(self, finding):
        request = self.context.get("request")
        shown = selectors.finding_evidence_for(getattr(request, "user", None), finding)
        data = super().to_representation(finding)
        data.update(
            message=shown.message,
            message_id=shown.message_id,
            message_en=shown.message_en,
            evidence=shown.evidence,
            other_activity=shown.other_activity.pk if shown.other_activity else None,
            regional_sub_activity=shown.regional_sub_activity.pk if shown.regional_sub_activity else None,
            other_hidden=shown.hidden_other,
        )
        return data


class DecisionSerializer(serializers.Serializer):
    reason = serializers.CharField(required=False, allow_blank=True, max_length=2000)


def _region_filter(queryset, value: str):
    return selectors.FindingFilters(region=value).apply(queryset)


class FindingViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ServiceViewSet):
    """Findings of the checks; accept, dismiss (with a reason) or reopen."""

    queryset = Finding.objects.select_related("other_activity", "regional_sub_activity")
    serializer_class = FindingSerializer
    query_filters = (
        QueryFilter("plan", "plan_id", type=int),
        QueryFilter("cycle", "cycle_id", type=int),
        QueryFilter("rule", "rule"),
        QueryFilter("category", "category", enum=selectors.CATEGORIES),
        QueryFilter("severity", "severity", enum=tuple(Severity.values)),
        QueryFilter("status", "status", enum=tuple(FindingStatus.values)),
        QueryFilter("region", method=_region_filter, description="kode wilayah (termasuk di bawahnya)"),
    )

    def paginate_queryset(self, queryset):
        page = super().paginate_queryset(queryset)
        # What the reader sees of each finding's other side, in a few queries.
        if page is not None:
            selectors.findings_evidence_for(self.request.user, page)
        return page

    def _decide(self, request, fn, **kwargs):
        finding = self.get_object()
        with self.acting():
            finding = fn(finding=finding, by=request.user, **kwargs)
        return Response(FindingSerializer(finding, context=self.get_serializer_context()).data)

    @action(detail=True, methods=["post"], serializer_class=DecisionSerializer)
    def accept(self, request, pk=None):
        data = DecisionSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        return self._decide(request, services.finding_accept, note=data.validated_data.get("reason", ""))

    @action(detail=True, methods=["post"], serializer_class=DecisionSerializer)
    def dismiss(self, request, pk=None):
        data = DecisionSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        return self._decide(request, services.finding_dismiss, reason=data.validated_data.get("reason", ""))

    @action(detail=True, methods=["post"], serializer_class=DecisionSerializer)
    def reopen(self, request, pk=None):
        return self._decide(request, services.finding_reopen)


# --- review notes -------------------------------------------------------------------
class ReviewNoteSerializer(serializers.ModelSerializer):
    class Meta:
        model = ReviewNote
        fields = ("id", "plan", "author", "text", "include_in_letter", "created_at", "version")
        read_only_fields = ("id", "author", "created_at", "version")
        extra_kwargs = {"plan": {"queryset": Plan.objects.all()}}


class ReviewNoteViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, ServiceViewSet):
    """Reviewers' notes on a plan during review. Filter: plan (id). Creating
    a note needs the right to review the plan; notes are never edited."""

    queryset = ReviewNote.objects.select_related("author")
    serializer_class = ReviewNoteSerializer
    query_filters = (QueryFilter("plan", "plan_id", type=int),)

    def create(self, request, *args, **kwargs):
        data = ReviewNoteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        plan = readable_one(Plan, request.user, data.validated_data["plan"].pk, "plan")
        with self.acting():
            note = services.review_note_add(
                plan=plan,
                by=request.user,
                text=data.validated_data["text"],
                include_in_letter=data.validated_data.get("include_in_letter", True),
            )
        return Response(ReviewNoteSerializer(note).data, status=status.HTTP_201_CREATED)


# --- letters ------------------------------------------------------------------------
class PointSerializer(serializers.ModelSerializer):
    finding_status = serializers.SerializerMethodField()

    class Meta:
        model = RecommendationPoint
        fields = (
            "id",
            "position",
            "finding",
            "finding_status",
            "text",
            "citation",
            "response",
            "responded_by",
            "responded_at",
            "version",
        )
        read_only_fields = fields

    def get_finding_status(self, point) -> str | None:
        return point.finding.status if point.finding_id else None


class LetterSerializer(serializers.ModelSerializer):
    points = PointSerializer(many=True, read_only=True)
    docx_url = serializers.SerializerMethodField()
    pdf_url = serializers.SerializerMethodField()

    class Meta:
        model = Recommendation
        fields = (
            "id",
            "plan",
            "addressee",
            "issuer",
            *letters.EDITABLE_FIELDS,
            "status",
            "plan_revision",
            "issued_at",
            "issued_by",
            "docx_url",
            "pdf_url",
            "points",
            "version",
        )
        read_only_fields = (
            "id",
            "plan",
            "addressee",
            "issuer",
            "status",
            "plan_revision",
            "issued_at",
            "issued_by",
            "points",
            "version",
        )

    def _url(self, letter, kind: str) -> str | None:
        if not getattr(letter, kind):
            return None
        return reverse("sync:letter_download", args=[letter.pk, kind])

    def get_docx_url(self, letter) -> str | None:
        return self._url(letter, "docx")

    def get_pdf_url(self, letter) -> str | None:
        return self._url(letter, "pdf")


class ComposeSerializer(serializers.Serializer):
    plan = serializers.IntegerField()


class RespondSerializer(serializers.Serializer):
    point = serializers.IntegerField()
    response = serializers.CharField(max_length=5000)


class LetterViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.UpdateModelMixin, ServiceViewSet):
    """Recommendation letters. Drafts are visible to the plan's coordinators
    only; an issued letter also to the addressee, who answers its points.
    PATCH edits a draft (send `version`); an issued letter answers 409."""

    queryset = Recommendation.objects.select_related("addressee", "issuer").prefetch_related("points__finding")
    serializer_class = LetterSerializer
    query_filters = (
        QueryFilter("plan", "plan_id", type=int),
        QueryFilter("status", "status", enum=("draft", "issued")),
    )

    def update(self, request, *args, **kwargs):
        letter = self.get_object()
        partial = kwargs.get("partial", False)
        data = LetterSerializer(letter, data=request.data, partial=partial)
        data.is_valid(raise_exception=True)
        fields = {k: v for k, v in data.validated_data.items() if k in letters.EDITABLE_FIELDS}
        with self.acting():
            letter = letters.letter_update(
                letter=letter, by=request.user, expected_version=expected_version(request), **fields
            )
        return Response(LetterSerializer(letter).data)

    @action(detail=False, methods=["post"], serializer_class=ComposeSerializer)
    def compose(self, request):
        data = ComposeSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        plan = readable_one(Plan, request.user, data.validated_data["plan"], "plan")
        with self.acting():
            letter = letters.letter_compose(plan=plan, by=request.user)
        return Response(LetterSerializer(letter).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses=LetterSerializer)
    @action(detail=True, methods=["post"])
    def issue(self, request, pk=None):
        letter = self.get_object()
        with self.acting():
            letter = letters.letter_issue(letter=letter, by=request.user)
        return Response(LetterSerializer(letter).data)

    @action(detail=True, methods=["post"], serializer_class=RespondSerializer)
    def respond(self, request, pk=None):
        letter = self.get_object()
        data = RespondSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        point = letter.points.filter(pk=data.validated_data["point"]).first()
        if point is None:
            raise serializers.ValidationError({"point": [_("Butir tidak ada pada surat ini.")]})
        with self.acting():
            point = letters.letter_respond(point=point, by=request.user, response=data.validated_data["response"])
        return Response(PointSerializer(point).data)


# --- similarity look-up -------------------------------------------------------------
class SimilarityQuerySerializer(serializers.Serializer):
    q = serializers.CharField(min_length=3, help_text=_("Judul kegiatan yang dicari (minimal 3 huruf)."))
    year = serializers.IntegerField(
        required=False, min_value=1900, max_value=2200, help_text=_("Tahun; bawaan: semua tahun.")
    )
    region = serializers.CharField(required=False, allow_blank=True, help_text=_("Kode wilayah, mis. 33.02."))
    limit = serializers.IntegerField(required=False, min_value=1, max_value=50, default=10)


class SimilarityMatchSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(
        choices=["activity", "regional_sub_activity"], help_text=_("Kegiatan pusat atau sub kegiatan daerah.")
    )
    id = serializers.IntegerField()
    title = serializers.CharField()
    owner = serializers.CharField(help_text=_("Instansi pemilik atau wilayah rencana daerah."))
    year = serializers.IntegerField()
    region_code = serializers.CharField()
    region_name = serializers.CharField()
    score = serializers.FloatField(help_text=_("Skor kemiripan 0–1; duplikat mungkin bila ≥ 0,5."))
    why = serializers.CharField(help_text=_("Alasan skor: kata kunci sama dan perbedaannya."))


class SimilarityResultSerializer(serializers.Serializer):
    query = serializers.CharField()
    year = serializers.IntegerField(allow_null=True)
    region = serializers.CharField(allow_null=True)
    count = serializers.IntegerField()
    results = SimilarityMatchSerializer(many=True)


class SimilarityView(APIView):
    """Activities and regional sub-activities whose titles look like `q`
    (likely duplicates while typing a plan), in one `year` and optionally
    overlapping one `region`. Only submitted activities are indexed, and only
    records the user may read are returned."""

    permission_classes = [ServicePermission]

    KINDS = {"central": "activity", "regional": "regional_sub_activity"}

    @extend_schema(parameters=[SimilarityQuerySerializer], responses=SimilarityResultSerializer)
    def get(self, request):
        from selaras.sync import similarity_service

        if not (request.user and request.user.is_authenticated):
            return Response({"detail": _("Silakan masuk terlebih dahulu."), "code": "not_authenticated"}, status=401)
        params = SimilarityQuerySerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        q = params.validated_data["q"].strip()
        year = params.validated_data.get("year")
        region = (params.validated_data.get("region") or "").strip() or None
        matches = [
            {**m, "kind": self.KINDS[m["kind"]]}
            for m in similarity_service.lookup(q, year, region, params.validated_data["limit"], user=request.user)
        ]
        payload = {"query": q, "year": year, "region": region, "count": len(matches), "results": matches}
        return Response(SimilarityResultSerializer(payload).data)


# The project's router (`selaras.api_urls`) registers these, so /api/ lists them.
routes = (
    ("check-runs", CheckRunViewSet, "check-run"),
    ("findings", FindingViewSet, "finding"),
    ("review-notes", ReviewNoteViewSet, "review-note"),
    ("letters", LetterViewSet, "letter"),
)
views = (("similarity/", SimilarityView, "similarity"),)
