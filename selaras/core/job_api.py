"""Read-only API for background jobs: `/api/jobs/` and `/api/jobs/<id>/`,
so a client that started an import can poll its progress."""

from __future__ import annotations

from rest_framework import serializers, viewsets

from selaras.core.access import can
from selaras.core.api import ScopedViewSetMixin
from selaras.core.jobs import job_summary
from selaras.core.models import Job
from selaras.core.policies import READ_DETAIL


class JobSerializer(serializers.ModelSerializer):
    percent = serializers.IntegerField(read_only=True)
    is_finished = serializers.BooleanField(read_only=True)
    started_by = serializers.SlugRelatedField(slug_field="username", read_only=True)
    error_detail = serializers.SerializerMethodField()
    summary = serializers.SerializerMethodField()

    class Meta:
        model = Job
        fields = [
            "id", "kind", "label", "status", "progress_done", "progress_total", "percent", "is_finished",
            "message", "error", "error_detail", "result", "summary", "started_by", "agency", "region",
            "created_at", "started_at", "finished_at",
        ]  # fmt: skip
        read_only_fields = fields

    def get_summary(self, job: Job) -> dict:
        """The result as labelled lines and links back, as the job page shows it."""
        summary = job_summary(job)
        return {
            "lines": [{"label": str(label), "value": value} for label, value in summary.lines],
            "links": [{"label": str(label), "url": url} for label, url in summary.links],
        }

    def get_error_detail(self, job: Job) -> str | None:
        # The traceback names code and data paths: administrators only.
        request = self.context.get("request")
        if request is not None and can(request.user, READ_DETAIL, job):
            return job.error_detail
        return None


class JobViewSet(ScopedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    """Background jobs (imports, checks, exports) with their status and
    progress; each user sees the jobs the permission layer lets them read."""

    queryset = Job.objects.select_related("started_by")
    serializer_class = JobSerializer


# The project's router (`selaras.api_urls`) registers these, so /api/ lists them.
routes = (("jobs", JobViewSet, "job"),)
views = ()
