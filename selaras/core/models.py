"""Base classes every domain model builds on."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from selaras.core.text import clean_text_fields


class TimeStampedModel(models.Model):
    """A record that knows when it was created and last changed.

    Who changed it, and what, is kept by the audit app for every subclass of
    `AuditedModel`; these two columns only make lists sortable cheaply.

    Every service validates with `full_clean`, so that is where typed text is
    cleaned of control characters (`selaras.core.text`), once for all
    fields of every model built on this one.
    """

    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    updated_at = models.DateTimeField(_("diubah"), auto_now=True)

    class Meta:
        abstract = True

    def clean_fields(self, exclude=None) -> None:
        clean_text_fields(self)
        super().clean_fields(exclude=exclude)


class AuditedModel(TimeStampedModel):
    """A domain record whose every create, update and delete is audited.

    `version` supports optimistic concurrency: an edit form carries the
    version it was loaded with and the service refuses a stale one.
    """

    version = models.PositiveIntegerField(_("versi"), default=1, editable=False)

    # Fields whose changes are not worth an audit line (derived or bookkeeping).
    # `version` stays in the trail: a stale-edit refusal lists the entries
    # made after the version the user loaded.
    audit_exclude: tuple[str, ...] = ("created_at", "updated_at")

    class Meta:
        abstract = True


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("menunggu")
    RUNNING = "running", _("berjalan")
    SUCCEEDED = "succeeded", _("selesai")
    FAILED = "failed", _("gagal")


class Job(TimeStampedModel):
    """A piece of background work a person started and may watch: an import,
    a national check run, a batch of letters.

    The task queue (database or Redis) only knows how to run a function; the
    Job is what the person sees: its progress, a message, the reason it
    failed, and a result to link to. `started_by`, `agency` and `region` are
    the scope the permission layer filters on.
    """

    kind = models.CharField(_("jenis"), max_length=64, db_index=True)
    label = models.CharField(_("judul"), max_length=255)
    status = models.CharField(
        _("status"), max_length=16, choices=JobStatus.choices, default=JobStatus.QUEUED, db_index=True
    )
    progress_done = models.PositiveIntegerField(_("selesai"), default=0)
    progress_total = models.PositiveIntegerField(_("jumlah"), default=0)
    message = models.CharField(_("pesan"), max_length=255, blank=True)
    # What the person is told; the traceback is for administrators only.
    error = models.TextField(_("alasan gagal"), blank=True)
    error_detail = models.TextField(_("rincian teknis"), blank=True)
    result = models.JSONField(_("hasil"), default=dict, blank=True)
    task_result_id = models.CharField(_("ID tugas antrean"), max_length=64, blank=True, db_index=True)
    started_by = models.ForeignKey(
        "accounts.User", models.SET_NULL, null=True, blank=True, related_name="jobs", verbose_name=_("dimulai oleh")
    )
    agency = models.ForeignKey(
        "registry.Agency", models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("instansi")
    )
    region = models.ForeignKey(
        "registry.Region", models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("wilayah")
    )
    started_at = models.DateTimeField(_("mulai"), null=True, blank=True)
    finished_at = models.DateTimeField(_("berakhir"), null=True, blank=True)
    # What to enqueue again when the job is re-run or its worker was lost.
    task_path = models.CharField(_("tugas"), max_length=255, blank=True)
    task_kwargs = models.JSONField(_("argumen tugas"), default=dict, blank=True)
    # Runs started since the job was (re)queued by a person: a lost worker's
    # job is requeued automatically only while this is below
    # `selaras.core.jobs.MAX_ATTEMPTS`.
    attempts = models.PositiveSmallIntegerField(_("percobaan"), default=0)
    # A running job's worker renews this while alive; once past, the reaper
    # takes the worker for lost.
    lease_expires_at = models.DateTimeField(_("sewa berakhir"), null=True, blank=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("pekerjaan latar")
        verbose_name_plural = _("pekerjaan latar")

    def __str__(self) -> str:
        return f"{self.label} ({self.get_status_display()})"

    @property
    def is_finished(self) -> bool:
        return self.status in (JobStatus.SUCCEEDED, JobStatus.FAILED)

    @property
    def percent(self) -> int:
        if self.status == JobStatus.SUCCEEDED:
            return 100
        if not self.progress_total:
            return 0
        return min(100, self.progress_done * 100 // self.progress_total)
