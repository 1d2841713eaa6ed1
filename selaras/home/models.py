"""What the home app keeps of its own: when a user last looked at a page
whose news it counts ("Wilayah saya": central activities new since then)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class LastSeen(models.Model):
    """When `user` last opened the page named by `key` (e.g. "district:33"),
    so "Tugas saya" can count what arrived after that."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="last_seen", verbose_name=_("pengguna")
    )
    key = models.CharField(_("halaman"), max_length=100)
    at = models.DateTimeField(_("terakhir dibuka"))

    class Meta:
        verbose_name = _("kunjungan terakhir")
        verbose_name_plural = _("kunjungan terakhir")
        constraints = [models.UniqueConstraint(fields=["user", "key"], name="last_seen_unique_key")]

    def __str__(self) -> str:
        return f"{self.user_id} {self.key} {self.at:%Y-%m-%d %H:%M}"
