"""A region's word on a central activity that lands in it: a flag raised by a
regional officer, answered by the owning agency or the coordinator."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from selaras.core.models import AuditedModel


class FlagReason(models.TextChoices):
    CONFLICT_RKPD = "conflict_rkpd", _("Bertentangan dengan RKPD kami")
    FUNDED = "funded", _("Sudah kami danai")
    WRONG_LOCATION = "wrong_location", _("Lokasi keliru")
    NOT_NEEDED = "not_needed", _("Tidak dibutuhkan")
    SUPPORT_NEEDED = "support_needed", _("Memerlukan dukungan")


class FlagStatus(models.TextChoices):
    OPEN = "open", _("Terbuka")
    ANSWERED = "answered", _("Dijawab")
    CLOSED = "closed", _("Ditutup")
    WITHDRAWN = "withdrawn", _("Ditarik")

    @classmethod
    def active(cls) -> tuple[str, ...]:
        return (cls.OPEN, cls.ANSWERED)


class Flag(AuditedModel):
    """A regional officer's flag on a central activity located in their
    region: a reason and a comment, then a thread of answers. `region` is the
    officer's region speaking (the scope the flag was raised from)."""

    activity = models.ForeignKey("plans.Activity", models.CASCADE, related_name="flags", verbose_name=_("kegiatan"))
    region = models.ForeignKey("registry.Region", models.PROTECT, related_name="flags", verbose_name=_("wilayah"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("penanda"))
    reason = models.CharField(_("alasan"), max_length=20, choices=FlagReason.choices)
    comment = models.TextField(_("komentar"))
    status = models.CharField(
        _("status"), max_length=10, choices=FlagStatus.choices, default=FlagStatus.OPEN, db_index=True
    )
    # Set once a coordinator has made it a finding of the review (sync).
    finding_raised_at = models.DateTimeField(_("dijadikan temuan"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("tanda daerah")
        verbose_name_plural = _("tanda daerah")

    def __str__(self) -> str:
        return f"{self.region} — {self.get_reason_display()}: {self.activity}"

    @property
    def is_active(self) -> bool:
        return self.status in FlagStatus.active()


class FlagMessage(AuditedModel):
    """One message of a flag's thread: an answer or the author's reply."""

    flag = models.ForeignKey(Flag, models.CASCADE, related_name="messages", verbose_name=_("tanda"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("penulis"))
    text = models.TextField(_("isi"))

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("pesan tanda daerah")
        verbose_name_plural = _("pesan tanda daerah")

    def __str__(self) -> str:
        return f"{self.flag_id}: {self.text[:60]}"
