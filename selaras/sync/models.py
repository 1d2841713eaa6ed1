"""Synchronisation: check runs, the findings they produce, the coordinator's
review, and the recommendation letters made from accepted findings."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from selaras.core.models import AuditedModel, JobStatus, TimeStampedModel


class RuleSetting(AuditedModel):
    """An administrator's switch and parameters for one check rule.

    Rules resting on a point the sources could not verify are off by default
    and say so; an administrator turns them on here, never by editing code."""

    code = models.CharField(_("kode aturan"), max_length=60, unique=True)
    enabled = models.BooleanField(_("aktif"), default=True)
    params = models.JSONField(_("parameter"), default=dict, blank=True)
    note = models.TextField(_("catatan"), blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("pengaturan aturan")
        verbose_name_plural = _("pengaturan aturan")

    def __str__(self) -> str:
        return self.code


class RunScope(models.TextChoices):
    PLAN = "plan", _("Satu rencana")
    CYCLE = "cycle", _("Satu siklus")
    NATIONAL = "national", _("Nasional")


# A check run goes through the same four states as the job that runs it.
RunStatus = JobStatus


class CheckRun(TimeStampedModel):
    """One run of the checks over a plan, a cycle or the whole country."""

    scope = models.CharField(_("cakupan"), max_length=10, choices=RunScope.choices)
    plan = models.ForeignKey(
        "plans.Plan", models.CASCADE, null=True, blank=True, related_name="check_runs", verbose_name=_("rencana")
    )
    cycle = models.ForeignKey(
        "plans.Cycle", models.CASCADE, null=True, blank=True, related_name="check_runs", verbose_name=_("siklus")
    )
    year = models.PositiveSmallIntegerField(_("tahun"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=RunStatus.choices, default=RunStatus.QUEUED)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("dimulai oleh"),
    )
    job = models.ForeignKey(
        "core.Job", models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("pekerjaan")
    )
    started_at = models.DateTimeField(_("mulai"), null=True, blank=True)
    finished_at = models.DateTimeField(_("selesai"), null=True, blank=True)
    counts = models.JSONField(_("ringkasan"), default=dict, blank=True)
    error = models.TextField(_("galat"), blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("pemeriksaan")
        verbose_name_plural = _("pemeriksaan")

    def __str__(self) -> str:
        target = self.plan or self.cycle or self.year or ""
        return f"{self.get_scope_display()} {target}".strip()


class Severity(models.TextChoices):
    ERROR = "error", _("Pelanggaran")
    WARNING = "warning", _("Peringatan")
    INFO = "info", _("Catatan")


class FindingStatus(models.TextChoices):
    OPEN = "open", _("Terbuka")
    ACCEPTED = "accepted", _("Diterima")
    DISMISSED = "dismissed", _("Ditolak")
    RESOLVED = "resolved", _("Selesai")


class Finding(TimeStampedModel):
    """What one rule found about one activity (and possibly another
    activity or a region's own sub-activity).

    `key` identifies the finding across re-runs (rule + records); `content_hash`
    fingerprints the records' relevant content, so a re-run keeps the
    reviewer's decision while the records are unchanged, and marks the finding
    resolved when a revision removes its cause."""

    key = models.CharField(_("kunci"), max_length=200)
    rule = models.CharField(_("aturan"), max_length=60)
    category = models.CharField(_("kelompok"), max_length=20)
    severity = models.CharField(_("tingkat"), max_length=8, choices=Severity.choices)
    plan = models.ForeignKey(
        "plans.Plan", models.CASCADE, null=True, blank=True, related_name="findings", verbose_name=_("rencana")
    )
    cycle = models.ForeignKey(
        "plans.Cycle", models.CASCADE, null=True, blank=True, related_name="findings", verbose_name=_("siklus")
    )
    activity = models.ForeignKey(
        "plans.Activity", models.SET_NULL, null=True, blank=True, related_name="findings", verbose_name=_("kegiatan")
    )
    other_activity = models.ForeignKey(
        "plans.Activity", models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("kegiatan lain")
    )
    regional_sub_activity = models.ForeignKey(
        "plans.RegionalSubActivity",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("sub kegiatan daerah"),
    )
    region_codes = models.JSONField(_("wilayah"), default=list, blank=True)
    score = models.FloatField(_("skor"), null=True, blank=True)
    message_id = models.TextField(_("pesan"))
    message_en = models.TextField(_("pesan (Inggris)"), blank=True)
    citation = models.CharField(_("dasar hukum"), max_length=300, blank=True)
    evidence = models.JSONField(_("bukti"), default=dict, blank=True)
    content_hash = models.CharField(_("sidik isi"), max_length=64)
    # everything a run wrote but the run (`sync.engine`): unchanged, a re-run skips the finding
    stored_hash = models.CharField(_("sidik temuan"), max_length=64, blank=True, editable=False)
    status = models.CharField(_("status"), max_length=10, choices=FindingStatus.choices, default=FindingStatus.OPEN)
    reason = models.TextField(_("alasan"), blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ditelaah oleh"),
    )
    reviewed_at = models.DateTimeField(_("ditelaah"), null=True, blank=True)
    first_run = models.ForeignKey(
        CheckRun, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("pertama ditemukan")
    )
    last_run = models.ForeignKey(
        CheckRun, models.SET_NULL, null=True, blank=True, related_name="findings", verbose_name=_("terakhir ditemukan")
    )
    resolved_run = models.ForeignKey(
        CheckRun, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("selesai pada")
    )

    class Meta:
        ordering = ["severity", "rule", "id"]
        verbose_name = _("temuan")
        verbose_name_plural = _("temuan")
        constraints = [models.UniqueConstraint(fields=["key"], name="finding_unique_key")]
        # Plain indexes, not `db_index`: on PostgreSQL that adds a second,
        # pattern-matching index per text column, and a national run writes
        # each of its hundred thousand findings through every index. The
        # unique constraint already indexes `key`.
        indexes = [
            models.Index(fields=["rule"], name="finding_rule"),
            models.Index(fields=["category"], name="finding_category"),
            models.Index(fields=["status"], name="finding_status"),
        ]

    def __str__(self) -> str:
        return f"{self.rule}: {self.message_id[:80]}"

    @property
    def message(self) -> str:
        """The message in the active language (Indonesian first)."""
        lang = (get_language() or "id")[:2]
        return self.message_en if lang == "en" and self.message_en else self.message_id


class ReviewNote(AuditedModel):
    """A coordinator's note on a plan under review, for the letter."""

    plan = models.ForeignKey("plans.Plan", models.CASCADE, related_name="review_notes", verbose_name=_("rencana"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("penulis"))
    text = models.TextField(_("catatan"))
    include_in_letter = models.BooleanField(_("masuk ke surat"), default=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("catatan penelaahan")
        verbose_name_plural = _("catatan penelaahan")

    def __str__(self) -> str:
        return self.text[:80]


class LetterStatus(models.TextChoices):
    DRAFT = "draft", _("Draf")
    ISSUED = "issued", _("Diterbitkan")


class Recommendation(AuditedModel):
    """The coordinator's official recommendation letter to an agency about
    one plan, composed from accepted findings and notes. Immutable once
    issued."""

    plan = models.ForeignKey("plans.Plan", models.PROTECT, related_name="recommendations", verbose_name=_("rencana"))
    addressee = models.ForeignKey(
        "registry.Agency", models.PROTECT, related_name="recommendations", verbose_name=_("kepada")
    )
    issuer = models.ForeignKey(
        "registry.Agency", models.PROTECT, related_name="issued_recommendations", verbose_name=_("penerbit")
    )
    number = models.CharField(_("nomor surat"), max_length=100, blank=True)
    date = models.DateField(_("tanggal surat"), null=True, blank=True)
    place = models.CharField(_("tempat"), max_length=60, default="Jakarta")
    subject = models.CharField(_("perihal"), max_length=300)
    opening = models.TextField(_("pembuka"), blank=True)
    closing = models.TextField(_("penutup"), blank=True)
    signatory_name = models.CharField(_("nama penanda tangan"), max_length=200, blank=True)
    signatory_title = models.CharField(_("jabatan penanda tangan"), max_length=200, blank=True)
    signatory_nip = models.CharField(_("NIP penanda tangan"), max_length=30, blank=True)
    copies_to = models.TextField(_("tembusan"), blank=True, help_text=_("Satu penerima per baris."))
    status = models.CharField(_("status"), max_length=8, choices=LetterStatus.choices, default=LetterStatus.DRAFT)
    plan_revision = models.PositiveIntegerField(_("revisi rencana"), null=True, blank=True)
    issued_at = models.DateTimeField(_("diterbitkan"), null=True, blank=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("diterbitkan oleh"),
    )
    docx = models.FileField(_("berkas Word"), upload_to="letters/", blank=True)
    pdf = models.FileField(_("berkas PDF"), upload_to="letters/", blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("surat rekomendasi")
        verbose_name_plural = _("surat rekomendasi")

    def __str__(self) -> str:
        return self.number or self.subject


class RecommendationPoint(AuditedModel):
    """One numbered point of a letter: from a finding (with the rule's
    citation) or from a note; the agency answers each point."""

    recommendation = models.ForeignKey(Recommendation, models.CASCADE, related_name="points", verbose_name=_("surat"))
    position = models.PositiveIntegerField(_("nomor"))
    finding = models.ForeignKey(
        Finding, models.SET_NULL, null=True, blank=True, related_name="letter_points", verbose_name=_("temuan")
    )
    text = models.TextField(_("isi"))
    citation = models.CharField(_("dasar"), max_length=300, blank=True)
    response = models.TextField(_("tanggapan instansi"), blank=True)
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ditanggapi oleh"),
    )
    responded_at = models.DateTimeField(_("ditanggapi"), null=True, blank=True)

    class Meta:
        ordering = ["recommendation", "position"]
        verbose_name = _("butir rekomendasi")
        verbose_name_plural = _("butir rekomendasi")
        constraints = [models.UniqueConstraint(fields=["recommendation", "position"], name="point_unique_position")]

    def __str__(self) -> str:
        return f"{self.position}. {self.text[:60]}"
