"""The audit trail: who changed what, and when, for every domain record."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditAction(models.TextChoices):
    CREATE = "create", _("dibuat")
    UPDATE = "update", _("diubah")
    DELETE = "delete", _("dihapus")
    EVENT = "event", _("peristiwa")


class AuditEntry(models.Model):
    """One change to one record: the actor, the moment, and the field
    changes as {field: [before, after]}. Entries are never edited."""

    timestamp = models.DateTimeField(_("waktu"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("pelaku")
    )
    actor_label = models.CharField(_("pelaku (teks)"), max_length=200, blank=True)
    action = models.CharField(_("tindakan"), max_length=8, choices=AuditAction.choices)
    content_type = models.ForeignKey(ContentType, models.PROTECT, verbose_name=_("jenis data"))
    object_pk = models.BigIntegerField(_("ID data"))
    object_repr = models.CharField(_("data"), max_length=300)
    changes = models.JSONField(_("perubahan"), default=dict, blank=True)
    message = models.CharField(_("keterangan"), max_length=500, blank=True)
    via = models.CharField(_("melalui"), max_length=40, blank=True, help_text=_("web, api, admin, command, task"))

    class Meta:
        ordering = ["-timestamp", "-id"]
        indexes = [models.Index(fields=["content_type", "object_pk", "-timestamp"], name="audit_object_idx")]
        verbose_name = _("catatan audit")
        verbose_name_plural = _("catatan audit")

    def __str__(self) -> str:
        return f"{self.timestamp:%Y-%m-%d %H:%M} {self.actor_label} {self.action} {self.object_repr}"
