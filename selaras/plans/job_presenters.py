"""How the plans app's background imports read on the job page."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from selaras.core.jobs import JobSummary, job_presenter
from selaras.core.models import Job, JobStatus
from selaras.plans.models import RegionalPlan


def _error_lines(result: dict) -> list[tuple[str, object]]:
    count = result.get("error_count", len(result.get("errors", [])))
    if not count:
        return []
    return [(_("Galat pada berkas"), count)]


@job_presenter("plan_import")
def plan_import(job: Job) -> JobSummary:
    result = job.result if isinstance(job.result, dict) else {}
    lines: list[tuple[str, object]] = []
    if job.status == JobStatus.SUCCEEDED:
        lines = [
            (_("Kegiatan diimpor"), result.get("activities", 0)),
            (_("Lokasi diimpor"), result.get("locations", 0)),
            (_("Indikator diimpor"), result.get("indicators", 0)),
        ]
    lines += _error_lines(result)
    links = []
    if plan_id := result.get("plan"):
        links = [
            (_("Rincian impor"), reverse("plans:plan_import_job", args=[plan_id, job.pk])),
            (_("Kembali ke rencana"), reverse("plans:plan_detail", args=[plan_id])),
        ]
    return JobSummary(lines=lines, links=links)


@job_presenter("regional_plan_import")
def regional_plan_import(job: Job) -> JobSummary:
    result = job.result if isinstance(job.result, dict) else {}
    lines: list[tuple[str, object]] = []
    if job.status == JobStatus.SUCCEEDED:
        lines = [
            (_("Sub kegiatan diimpor"), result.get("rows", 0)),
            (_("Sub kegiatan berlokasi"), result.get("located", 0)),
        ]
    lines += _error_lines(result)
    links = []
    if job.region_id and (year := result.get("year") or _regional_year(result)):
        code = job.region.code
        links = [
            (_("Rincian impor"), reverse("plans:regional_import_job", args=[code, year, job.pk])),
            (_("Kembali ke rencana daerah"), reverse("plans:regional_plan", args=[code, year])),
        ]
    return JobSummary(lines=lines, links=links)


def _regional_year(result: dict) -> int | None:
    pk = result.get("regional_plan")
    return RegionalPlan.objects.filter(pk=pk).values_list("year", flat=True).first() if pk else None


@job_presenter("region_matrix_export")
def region_matrix_export(job: Job) -> JobSummary:
    from selaras.plans.tasks import export_path

    result = job.result if isinstance(job.result, dict) else {}
    lines: list[tuple[str, object]] = []
    links: list[tuple[str, str]] = []
    if job.status == JobStatus.SUCCEEDED:
        lines = [(_("Kegiatan dalam matriks"), result.get("activities", 0))]
        if export_path(job) is not None:
            links.append((_("Unduh berkas"), reverse("plans:region_matrix_download", args=[job.pk])))
        else:
            lines.append((_("Berkas"), _("sudah dihapus; buat ulang dari halaman matriks")))
    if code := result.get("region") or (job.region.code if job.region_id else ""):
        url = reverse("plans:region_matrix", args=[code])
        if year := result.get("year"):
            url += f"?tahun={year}"
        links.append((_("Kembali ke matriks"), url))
    return JobSummary(lines=lines, links=links)
