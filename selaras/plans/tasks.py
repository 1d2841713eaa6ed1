"""Background work of the plans app: importing a large plan or regional
workbook (started by `plans.imports`), and a province's coordination matrix
as a file, when it is too large to build inside the request.

The file is kept in `VAR_DIR/exports/` (never under the web root: nginx has
no location for it) and served only through `plans:region_matrix_download`,
which asks the permission layer. Files older than `EXPORT_MAX_AGE` are
removed whenever a new export is built.
"""

from __future__ import annotations

import time
import uuid
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.tasks import task
from django.utils.translation import gettext as _

from selaras.core.access import READ, restrict
from selaras.core.jobs import job_running, job_start
from selaras.core.models import Job
from selaras.plans import exports, selectors
from selaras.plans.imports import plan_import, regional_plan_import
from selaras.plans.models import ActivityLocation, Plan
from selaras.plans.spreadsheets.errors import SpreadsheetImportError
from selaras.registry.models import Region

JOB_KIND = "region_matrix_export"
FORMATS = {"xlsx": exports.XLSX_TYPE, "pdf": "application/pdf"}
EXPORT_MAX_AGE = timedelta(hours=24)


def background_threshold() -> int:
    """Matrices with at least this many activity-locations are built in the
    background (setting `REGION_MATRIX_BACKGROUND_LOCATIONS`)."""
    return int(getattr(settings, "REGION_MATRIX_BACKGROUND_LOCATIONS", 1500))


def export_dir() -> Path:
    return Path(getattr(settings, "SELARAS_EXPORT_DIR", "") or Path(settings.VAR_DIR) / "exports")


def matrix_location_count(user, region: Region, year: int) -> int:
    """How many activity-locations the user's matrix holds: one COUNT."""
    readable = restrict(Plan.objects.filter(cycle__year=year), user, READ).values("pk")
    return ActivityLocation.objects.filter(
        selectors.within_q("region__code", region.code), activity__plan_id__in=readable
    ).count()


def is_large(user, region: Region, year: int) -> bool:
    return matrix_location_count(user, region, year) >= background_threshold()


def matrix_export_start(*, region: Region, year: int, fmt: str, by) -> Job:
    """Build the matrix file as a background job; returns the Job."""
    if fmt not in FORMATS:
        raise ValueError(fmt)
    return job_start(
        kind=JOB_KIND,
        label=_("Matriks koordinasi %(region)s %(year)s (%(format)s)")
        % {"region": region.name, "year": year, "format": fmt.upper()},
        task=region_matrix_export_task,
        by=by,
        region=region,
        region_id=region.pk,
        year=int(year),
        fmt=fmt,
    )


def remove_old_exports(now: float | None = None) -> int:
    """Delete export files older than `EXPORT_MAX_AGE`; returns how many."""
    folder = export_dir()
    if not folder.is_dir():
        return 0
    cutoff = (now if now is not None else time.time()) - EXPORT_MAX_AGE.total_seconds()
    removed = 0
    for path in folder.iterdir():
        if path.is_file() and path.stat().st_mtime < cutoff:
            path.unlink(missing_ok=True)
            removed += 1
    return removed


def export_path(job: Job) -> Path | None:
    """The finished job's file, when it still exists."""
    name = (job.result or {}).get("file") if isinstance(job.result, dict) else None
    if not name or "/" in name or name.startswith("."):
        return None
    path = export_dir() / name
    return path if path.is_file() else None


@task
def region_matrix_export_task(*, job_id: int, region_id: int, year: int, fmt: str) -> dict:
    with job_running(job_id) as progress:
        user = Job.objects.select_related("started_by").get(pk=job_id).started_by
        region = Region.objects.get(pk=region_id)
        progress.update(0, 0, _("Membaca kegiatan di wilayah"))
        # Built with what the person who asked may read, as the page would.
        matrix = selectors.region_matrix(user, region, year)
        groups, totals = exports.affair_groups(matrix), exports.agency_totals(matrix)
        build = exports.matrix_xlsx if fmt == "xlsx" else exports.matrix_pdf
        content = build(matrix, groups, totals, progress=progress.update)
        remove_old_exports()
        folder = export_dir()
        folder.mkdir(parents=True, exist_ok=True)
        name = f"{job_id}-{uuid.uuid4().hex}.{fmt}"
        partial = folder / f".{name}.part"
        partial.write_bytes(content)
        partial.replace(folder / name)
        progress.result = {
            "region": region.code,
            "year": int(year),
            "format": fmt,
            "file": name,
            "filename": exports.export_filename(matrix, fmt),
            "size": len(content),
            "activities": matrix.activity_count,
        }
        progress.update(progress.total or 1, progress.total or 1, _("Berkas siap diunduh"))
        return progress.result


# --- spreadsheet imports ------------------------------------------------------
def _keep_errors(job_id: int, error: SpreadsheetImportError, **context) -> None:
    """Keep every located error on the failed job, so its page can show the
    table (the job's `error` text alone runs them together)."""
    issues = [issue.as_dict() for issue in error.errors]
    Job.objects.filter(pk=job_id).update(result={**context, "errors": issues, "error_count": error.errors.count})


def _job_user(job_id: int):
    return Job.objects.select_related("started_by").get(pk=job_id).started_by


@task
def plan_import_task(*, job_id: int, plan_id: int, path: str, name: str) -> dict:
    try:
        with job_running(job_id) as progress:
            try:
                result = plan_import(
                    plan=Plan.objects.get(pk=plan_id),
                    by=_job_user(job_id),
                    file=path,
                    name=name,
                    progress=progress.update,
                )
            except SpreadsheetImportError as error:
                _keep_errors(job_id, error, plan=plan_id)
                raise
            progress.result = {
                "plan": plan_id,
                "activities": result.activities,
                "locations": result.locations,
                "indicators": result.indicators,
            }
            return progress.result
    finally:
        Path(path).unlink(missing_ok=True)


@task
def regional_plan_import_task(*, job_id: int, region_id: int, year: int, path: str, name: str) -> dict:
    try:
        with job_running(job_id) as progress:
            try:
                result = regional_plan_import(
                    region=Region.objects.get(pk=region_id),
                    year=year,
                    by=_job_user(job_id),
                    file=path,
                    name=name,
                    progress=progress.update,
                )
            except SpreadsheetImportError as error:
                _keep_errors(job_id, error, region=region_id, year=year)
                raise
            progress.result = {"regional_plan": result.regional_plan.pk, "rows": result.rows, "located": result.located}
            return progress.result
    finally:
        Path(path).unlink(missing_ok=True)
