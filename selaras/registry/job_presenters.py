"""How the region register's background jobs read on the job page."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from selaras.core.jobs import JobSummary, job_presenter
from selaras.core.models import Job
from selaras.registry.models import RegionLevel


@job_presenter("count_regions")
def count_regions(job: Job) -> JobSummary:
    labels = dict(RegionLevel.choices)
    result = job.result if isinstance(job.result, dict) else {}
    return JobSummary(
        lines=[(str(labels.get(key, key)), value) for key, value in result.items()],
        links=[(_("Daftar wilayah"), reverse("registry:region_list"))],
    )
