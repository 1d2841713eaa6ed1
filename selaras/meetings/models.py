"""Coordination meetings (Rakortekpus, Rakortek, Rakor, technical and
bilateral meetings): who was invited and came, what was on the agenda, the
documents, the agreed conclusions (rumusan hasil) and the follow-up actions
(RTL) tracked until the coordinator verifies them."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from selaras.core.models import AuditedModel
from selaras.meetings.storage import meeting_storage


class MeetingKind(models.TextChoices):
    RAKORTEKPUS = "rakortekpus", _("Rakortekpus")
    RAKORTEK = "rakortek", _("Rakortek")
    RAKOR = "rakor", _("Rakor")
    TECHNICAL = "technical", _("Rapat teknis")
    BILATERAL = "bilateral", _("Rapat bilateral")


class MeetingStatus(models.TextChoices):
    DRAFT = "draft", _("Draf")
    SCHEDULED = "scheduled", _("Terjadwal")
    HELD = "held", _("Terlaksana")
    CLOSED = "closed", _("Ditutup")


class Meeting(AuditedModel):
    """One coordination meeting of a programme (optionally of one of its
    cycles), organised by an agency. Its year, for carrying open follow-ups
    over to the next meeting, is the cycle's year or else the start date's."""

    kind = models.CharField(_("jenis"), max_length=12, choices=MeetingKind.choices)
    programme = models.ForeignKey(
        "plans.Programme",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="meetings",
        verbose_name=_("program"),
    )
    cycle = models.ForeignKey(
        "plans.Cycle", models.PROTECT, null=True, blank=True, related_name="meetings", verbose_name=_("siklus")
    )
    organiser = models.ForeignKey(
        "registry.Agency", models.PROTECT, related_name="organised_meetings", verbose_name=_("penyelenggara")
    )
    title = models.CharField(_("judul"), max_length=300)
    starts_at = models.DateTimeField(_("mulai"))
    ends_at = models.DateTimeField(_("selesai"), null=True, blank=True)
    venue = models.CharField(_("tempat"), max_length=300, blank=True)
    online_url = models.URLField(_("tautan daring"), max_length=500, blank=True)
    minutes = models.TextField(_("notula"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=MeetingStatus.choices, default=MeetingStatus.DRAFT, db_index=True
    )

    class Meta:
        ordering = ["-starts_at", "-id"]
        verbose_name = _("rapat")
        verbose_name_plural = _("rapat")

    def __str__(self) -> str:
        return self.title

    @property
    def year(self) -> int:
        return self.cycle.year if self.cycle_id else self.starts_at.year


class Attendance(models.TextChoices):
    UNKNOWN = "unknown", _("Belum diketahui")
    YES = "yes", _("Hadir")
    NO = "no", _("Tidak hadir")


class ParticipantRole(models.TextChoices):
    PARTICIPANT = "peserta", _("Peserta")
    SPEAKER = "narasumber", _("Narasumber")
    ORGANISER = "penyelenggara", _("Penyelenggara")
    MODERATOR = "moderator", _("Moderator")


class Participant(AuditedModel):
    """An invited agency or region, and (when known) the person who
    represents it: name, position, e-mail and whether they came."""

    meeting = models.ForeignKey(Meeting, models.CASCADE, related_name="participants", verbose_name=_("rapat"))
    agency = models.ForeignKey(
        "registry.Agency", models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("instansi")
    )
    region = models.ForeignKey(
        "registry.Region", models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("wilayah")
    )
    name = models.CharField(_("nama"), max_length=200, blank=True)
    position = models.CharField(_("jabatan"), max_length=200, blank=True)
    email = models.EmailField(_("surel"), blank=True)
    role = models.CharField(
        _("peran"), max_length=14, choices=ParticipantRole.choices, default=ParticipantRole.PARTICIPANT
    )
    attended = models.CharField(_("kehadiran"), max_length=8, choices=Attendance.choices, default=Attendance.UNKNOWN)

    class Meta:
        ordering = ["meeting", "id"]
        verbose_name = _("peserta rapat")
        verbose_name_plural = _("peserta rapat")
        constraints = [
            models.CheckConstraint(
                condition=Q(agency__isnull=False) | Q(region__isnull=False), name="participant_agency_or_region"
            )
        ]

    def __str__(self) -> str:
        return self.name or str(self.agency or self.region)


class AgendaItem(AuditedModel):
    """One numbered item of a meeting's agenda and the records it discusses.
    An item carrying an earlier meeting's open follow-up names it in
    `carried_followup`: once per meeting."""

    meeting = models.ForeignKey(Meeting, models.CASCADE, related_name="agenda", verbose_name=_("rapat"))
    number = models.PositiveIntegerField(_("nomor"))
    title = models.CharField(_("judul"), max_length=500)
    notes = models.TextField(_("catatan"), blank=True)
    plans = models.ManyToManyField("plans.Plan", blank=True, related_name="+", verbose_name=_("rencana"))
    regions = models.ManyToManyField("registry.Region", blank=True, related_name="+", verbose_name=_("wilayah"))
    findings = models.ManyToManyField("sync.Finding", blank=True, related_name="+", verbose_name=_("temuan"))
    flags = models.ManyToManyField("flags.Flag", blank=True, related_name="+", verbose_name=_("tanda daerah"))
    letters = models.ManyToManyField(
        "sync.Recommendation", blank=True, related_name="+", verbose_name=_("surat rekomendasi")
    )
    carried_followup = models.ForeignKey(
        "meetings.FollowUp",
        models.CASCADE,
        null=True,
        blank=True,
        related_name="carried_to",
        verbose_name=_("tindak lanjut yang dibawa"),
    )

    class Meta:
        ordering = ["meeting", "number", "id"]
        verbose_name = _("agenda rapat")
        verbose_name_plural = _("agenda rapat")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "carried_followup"],
                condition=Q(carried_followup__isnull=False),
                name="agenda_carries_followup_once",
            )
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"


class Document(AuditedModel):
    """A file of a meeting (invitation, materials, signed minutes), stored
    outside the web root; its type is what its content shows, not its name."""

    meeting = models.ForeignKey(Meeting, models.CASCADE, related_name="documents", verbose_name=_("rapat"))
    title = models.CharField(_("judul"), max_length=300, blank=True)
    file = models.FileField(_("berkas"), upload_to="meetings/%Y/", storage=meeting_storage, max_length=300)
    original_name = models.CharField(_("nama berkas asli"), max_length=255)
    size = models.PositiveBigIntegerField(_("ukuran (bita)"))
    content_type = models.CharField(_("jenis isi"), max_length=120)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("diunggah oleh")
    )

    class Meta:
        ordering = ["meeting", "id"]
        verbose_name = _("dokumen rapat")
        verbose_name_plural = _("dokumen rapat")

    def __str__(self) -> str:
        return self.title or self.original_name


class Conclusion(AuditedModel):
    """One numbered point of the meeting's rumusan hasil; a public one is
    shown on the portal."""

    meeting = models.ForeignKey(Meeting, models.CASCADE, related_name="conclusions", verbose_name=_("rapat"))
    number = models.PositiveIntegerField(_("nomor"))
    text = models.TextField(_("isi"))
    is_public = models.BooleanField(_("terbuka untuk publik"), default=False)

    class Meta:
        ordering = ["meeting", "number", "id"]
        verbose_name = _("rumusan hasil")
        verbose_name_plural = _("rumusan hasil")
        constraints = [models.UniqueConstraint(fields=["meeting", "number"], name="conclusion_unique_number")]

    def __str__(self) -> str:
        return f"{self.number}. {self.text[:60]}"


class FollowUpStatus(models.TextChoices):
    OPEN = "open", _("Terbuka")
    IN_PROGRESS = "in_progress", _("Dikerjakan")
    DONE = "done", _("Selesai (menunggu verifikasi)")
    VERIFIED = "verified", _("Terverifikasi")
    DROPPED = "dropped", _("Dibatalkan")

    @classmethod
    def pending(cls) -> tuple[str, ...]:
        """Still owed by its owner: counts as overdue past its due date and
        is carried over to the next meeting."""
        return (cls.OPEN, cls.IN_PROGRESS)


class FollowUp(AuditedModel):
    """A follow-up action (RTL) agreed at a meeting: owned by one agency or
    one region, due on a date, linked to what it is about. Its owner moves it
    to done; the coordinator verifies it (or reopens it)."""

    meeting = models.ForeignKey(Meeting, models.CASCADE, related_name="followups", verbose_name=_("rapat"))
    conclusion = models.ForeignKey(
        Conclusion, models.SET_NULL, null=True, blank=True, related_name="followups", verbose_name=_("rumusan")
    )
    text = models.TextField(_("tindak lanjut"))
    owner_agency = models.ForeignKey(
        "registry.Agency",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="meeting_followups",
        verbose_name=_("instansi penanggung jawab"),
    )
    owner_region = models.ForeignKey(
        "registry.Region",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="meeting_followups",
        verbose_name=_("wilayah penanggung jawab"),
    )
    due_date = models.DateField(_("tenggat"), null=True, blank=True, db_index=True)
    region = models.ForeignKey(
        "registry.Region", models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("wilayah terkait")
    )
    plan = models.ForeignKey(
        "plans.Plan", models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("rencana")
    )
    activity = models.ForeignKey(
        "plans.Activity", models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("kegiatan")
    )
    finding = models.ForeignKey(
        "sync.Finding", models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("temuan")
    )
    letter_point = models.ForeignKey(
        "sync.RecommendationPoint",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("butir surat rekomendasi"),
    )
    status = models.CharField(
        _("status"), max_length=12, choices=FollowUpStatus.choices, default=FollowUpStatus.OPEN, db_index=True
    )
    drop_reason = models.TextField(_("alasan pembatalan"), blank=True)
    done_at = models.DateTimeField(_("diselesaikan"), null=True, blank=True)
    verified_at = models.DateTimeField(_("diverifikasi"), null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("diverifikasi oleh"),
    )
    # Set by the reminder jobs, so each reminder is sent exactly once.
    reminded_at = models.DateTimeField(_("pengingat dikirim"), null=True, blank=True)
    overdue_reminded_at = models.DateTimeField(_("pengingat terlambat dikirim"), null=True, blank=True)

    class Meta:
        ordering = ["meeting", "id"]
        verbose_name = _("tindak lanjut")
        verbose_name_plural = _("tindak lanjut")
        constraints = [
            models.CheckConstraint(
                condition=Q(owner_agency__isnull=False, owner_region__isnull=True)
                | Q(owner_agency__isnull=True, owner_region__isnull=False),
                name="followup_one_owner",
            )
        ]

    def __str__(self) -> str:
        return self.text[:80]

    @property
    def owner(self):
        return self.owner_agency or self.owner_region

    def is_overdue(self, today: datetime.date) -> bool:
        """Past its due date on `today` and still owed (never stored: the
        caller says what day it is)."""
        return self.due_date is not None and self.status in FollowUpStatus.pending() and today > self.due_date


class FollowUpUpdate(AuditedModel):
    """A progress note on a follow-up by its owner (or the coordinator),
    optionally with an evidence file and the status change it made."""

    followup = models.ForeignKey(FollowUp, models.CASCADE, related_name="updates", verbose_name=_("tindak lanjut"))
    text = models.TextField(_("uraian"))
    evidence = models.FileField(
        _("bukti"), upload_to="evidence/%Y/", storage=meeting_storage, max_length=300, blank=True
    )
    evidence_name = models.CharField(_("nama berkas bukti"), max_length=255, blank=True)
    evidence_size = models.PositiveBigIntegerField(_("ukuran bukti (bita)"), null=True, blank=True)
    evidence_type = models.CharField(_("jenis isi bukti"), max_length=120, blank=True)
    status_from = models.CharField(_("status sebelum"), max_length=12, choices=FollowUpStatus.choices, blank=True)
    status_to = models.CharField(_("status sesudah"), max_length=12, choices=FollowUpStatus.choices, blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("oleh"))

    class Meta:
        ordering = ["followup", "created_at", "id"]
        verbose_name = _("perkembangan tindak lanjut")
        verbose_name_plural = _("perkembangan tindak lanjut")

    def __str__(self) -> str:
        return self.text[:80]

    @property
    def at(self):
        return self.created_at


class ReminderKind(models.TextChoices):
    BEFORE = "before", _("Sebelum tenggat")
    OVERDUE = "overdue", _("Terlambat")


class SentReminder(models.Model):
    """The delivery record of one reminder of a follow-up: `offset` days
    before its due date (0 for the overdue one). The unique constraint makes
    each reminder go out exactly once however often the sweep runs."""

    followup = models.ForeignKey(FollowUp, models.CASCADE, related_name="reminders", verbose_name=_("tindak lanjut"))
    kind = models.CharField(_("jenis"), max_length=8, choices=ReminderKind.choices)
    offset = models.PositiveSmallIntegerField(_("hari sebelum tenggat"), default=0)
    sent_on = models.DateField(_("tanggal kirim"))
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)

    class Meta:
        ordering = ["followup", "sent_on", "id"]
        verbose_name = _("pengingat terkirim")
        verbose_name_plural = _("pengingat terkirim")
        constraints = [
            models.UniqueConstraint(fields=["followup", "kind", "offset"], name="reminder_sent_once"),
        ]

    def __str__(self) -> str:
        return f"{self.followup_id} · {self.kind} · {self.offset}"
