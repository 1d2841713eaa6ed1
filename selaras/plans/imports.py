"""Importing plans from spreadsheets: an agency's plan workbook and a
region's own sub-activities. Each import is all or nothing: a file with any
error saves nothing and reports every error with its sheet, row and column.

Large files run as background jobs (`selaras.core.jobs`) with progress; the
`*_start` functions keep the upload and enqueue the job, whose task is in
`plans.tasks`.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from selaras.audit.recorder import record_event
from selaras.core import access
from selaras.core.bulk import insert_rows
from selaras.core.jobs import job_rerun_guard, job_start
from selaras.plans.models import Plan, RegionalPlan, RegionalSubActivity
from selaras.plans.services import plan_replace_activities
from selaras.plans.spreadsheets import regional, workbook
from selaras.plans.spreadsheets.errors import ImportErrorList, SpreadsheetImportError
from selaras.plans.spreadsheets.reader import Progress, read_plan_workbook
from selaras.plans.spreadsheets.regional import COLUMNS, read_regional_file
from selaras.registry.models import Region

if TYPE_CHECKING:
    from selaras.accounts.models import User

# Uploads above this size are imported as a background job with a progress
# bar; smaller ones are quick enough to import within the request.
BACKGROUND_THRESHOLD_BYTES = 512 * 1024


@dataclass
class ImportResult:
    plan: Plan
    activities: int
    locations: int
    indicators: int


@dataclass
class RegionalImportResult:
    regional_plan: RegionalPlan
    rows: int
    located: int


def plan_import(
    *,
    plan: Plan,
    by: User,
    file,
    name: str | None = None,
    expected_version: int | None = None,
    progress: Progress | None = None,
) -> ImportResult:
    """Replace `plan`'s content with the workbook's. Raises
    `SpreadsheetImportError` (every error, nothing saved), `PermissionDenied`
    or `PlanLocked`."""
    activities = read_plan_workbook(file, name=name, progress=progress, programme=plan.cycle.programme)
    plan = plan_replace_activities(
        plan=plan,
        by=by,
        activities=activities,
        expected_version=expected_version,
        progress=progress,
        source=name or (Path(file).name if isinstance(file, (str, Path)) else getattr(file, "name", "") or ""),
    )
    return ImportResult(
        plan=plan,
        activities=len(activities),
        locations=sum(len(a.locations) for a in activities),
        indicators=sum(len(a.indicators) for a in activities),
    )


@transaction.atomic
def regional_plan_import(
    *, region: Region, year: int, by: User, file, name: str | None = None, progress: Progress | None = None
) -> RegionalImportResult:
    """Replace the region's sub-activities for `year` with the file's rows,
    wholesale. Raises `SpreadsheetImportError` with every bad row."""
    if not access.can_create(by, RegionalPlan, region=region):
        raise PermissionDenied(_("Anda tidak berwenang mengimpor rencana daerah %(region)s.") % {"region": region.name})
    if not 2000 <= int(year) <= 2100:
        raise ValidationError({"year": _("Tahun %(year)s tidak valid.") % {"year": year}})
    errors = ImportErrorList()
    read = read_regional_file(file, region=region, errors=errors, name=name)
    errors.raise_if_any()
    source_name = name or (Path(file).name if isinstance(file, (str, Path)) else getattr(file, "name", "")) or ""
    regional_plan, created = RegionalPlan.objects.select_for_update().get_or_create(
        region=region, year=year, defaults={"source_name": source_name[:255], "imported_by": by}
    )
    RegionalSubActivity.objects.filter(regional_plan=regional_plan).delete()
    inserted = 0
    plan_id = regional_plan.pk
    for batch in read.batches:
        insert_rows(RegionalSubActivity, ("regional_plan", *COLUMNS), ((plan_id, *row) for row in batch))
        inserted += len(batch)
        if progress:
            progress(inserted, 0, _("Menyimpan sub kegiatan"))
    if not read.rows and not errors:
        errors.add(_("Berkas tidak memuat satu pun sub kegiatan."), sheet=read.sheet)
    # Rolls back the deletion and every inserted batch.
    errors.raise_if_any()
    if not created:
        regional_plan.source_name = source_name[:255]
        regional_plan.imported_by = by if getattr(by, "pk", None) else None
        regional_plan.version += 1
        regional_plan.save()
    record_event(
        regional_plan,
        _("Impor rencana daerah: %(rows)s sub kegiatan (%(located)s dengan lokasi wilayah).")
        % {"rows": inserted, "located": read.located},
        changes={"rows": inserted, "located": read.located},
    )
    return RegionalImportResult(regional_plan=regional_plan, rows=inserted, located=read.located)


# --- background ----------------------------------------------------------------
def _keep_upload(file, name: str | None) -> tuple[Path, str]:
    """Store the upload where a worker (maybe on another machine, sharing
    MEDIA_ROOT) can read it."""
    folder = Path(settings.MEDIA_ROOT) / "imports"
    folder.mkdir(parents=True, exist_ok=True)
    original = name or (Path(file).name if isinstance(file, (str, Path)) else getattr(file, "name", "") or "berkas")
    suffix = Path(original).suffix.lower()[:8] or ".xlsx"
    path = folder / f"{uuid.uuid4().hex}{suffix}"
    if isinstance(file, (str, Path)):
        path.write_bytes(Path(file).read_bytes())
    elif isinstance(file, (bytes, bytearray)):
        path.write_bytes(bytes(file))
    else:
        if hasattr(file, "seek"):
            file.seek(0)
        with path.open("wb") as out:
            chunks = file.chunks() if hasattr(file, "chunks") else iter(lambda: file.read(1 << 20), b"")
            for chunk in chunks:
                out.write(chunk)
    return path, Path(original).name


def plan_import_start(*, plan: Plan, by: User, file, name: str | None = None):
    """Import `file` into `plan` as a background job; returns the Job."""
    if not access.can(by, access.WRITE, plan):
        raise PermissionDenied(_("Anda tidak berwenang mengubah rencana ini."))
    from selaras.plans.tasks import plan_import_task  # the tasks module imports this one

    workbook.precheck(file, name)
    path, original = _keep_upload(file, name)
    return job_start(
        kind="plan_import",
        label=_("Impor rencana %(plan)s dari %(file)s") % {"plan": plan, "file": original},
        task=plan_import_task,
        by=by,
        agency=plan.owner,
        plan_id=plan.pk,
        path=str(path),
        name=original,
    )


def regional_plan_import_start(*, region: Region, year: int, by: User, file, name: str | None = None):
    if not access.can_create(by, RegionalPlan, region=region):
        raise PermissionDenied(_("Anda tidak berwenang mengimpor rencana daerah %(region)s.") % {"region": region.name})
    from selaras.plans.tasks import regional_plan_import_task  # the tasks module imports this one

    workbook.precheck(file, name, limits=regional.XLSX_ZIP_LIMITS, max_bytes=regional.max_upload_bytes())
    path, original = _keep_upload(file, name)
    return job_start(
        kind="regional_plan_import",
        label=_("Impor rencana daerah %(region)s %(year)s dari %(file)s")
        % {"region": region.name, "year": year, "file": original},
        task=regional_plan_import_task,
        by=by,
        region=region,
        region_id=region.pk,
        year=int(year),
        path=str(path),
        name=original,
    )


@job_rerun_guard("plan_import")
@job_rerun_guard("regional_plan_import")
def _upload_still_kept(user, job) -> bool:
    """An import ended in any way deletes its upload (see the tasks' `finally`);
    only one whose worker was lost outright still has the file to run again."""
    return Path(job.task_kwargs.get("path", "")).is_file()


__all__ = [
    "BACKGROUND_THRESHOLD_BYTES",
    "ImportResult",
    "RegionalImportResult",
    "SpreadsheetImportError",
    "plan_import",
    "plan_import_start",
    "regional_plan_import",
    "regional_plan_import_start",
]
