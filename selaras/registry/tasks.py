"""The region register's background tasks.

`count_regions` is the demonstration job: it walks the region register level
by level with progress, so the job page has something real to show on a
fresh demo.
"""

from __future__ import annotations

from django.tasks import task
from django.utils.translation import gettext

from selaras.core.jobs import JobError, job_running
from selaras.registry.models import Region, RegionLevel


@task
def count_regions(*, job_id: int, prefix: str = "") -> dict[str, int]:
    """Count regions per level (optionally under one region code)."""
    with job_running(job_id) as progress:
        regions = Region.objects.all()
        if prefix:
            if not Region.objects.filter(code=prefix).exists():
                raise JobError(gettext("Kode wilayah %(code)s tidak ditemukan.") % {"code": prefix})
            regions = regions.filter(code__startswith=f"{prefix}.")
        levels = list(RegionLevel)
        counts: dict[str, int] = {}
        for done, level in enumerate(levels, 1):
            counts[str(level.value)] = regions.filter(level=level).count()
            progress.update(done, len(levels), gettext("Menghitung %(level)s") % {"level": level.label})
        progress.result = counts
        return counts
