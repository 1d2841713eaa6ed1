"""Users and their memberships: a role held within a scope."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from selaras.core.models import AuditedModel


class User(AbstractUser):
    """A person who signs in. What they may do comes only from memberships."""

    email = models.EmailField(_("alamat e-mail"), unique=True, null=True, blank=True)
    full_name = models.CharField(_("nama lengkap"), max_length=200, blank=True)
    position = models.CharField(_("jabatan"), max_length=200, blank=True)
    failed_logins = models.PositiveSmallIntegerField(_("gagal masuk berturut-turut"), default=0, editable=False)
    locked_until = models.DateTimeField(_("terkunci sampai"), null=True, blank=True)
    totp_secret = models.CharField(_("rahasia TOTP"), max_length=64, blank=True, editable=False)
    totp_enabled = models.BooleanField(_("verifikasi dua langkah aktif"), default=False)
    # The last 30-second step whose code was accepted: a code is good once.
    totp_last_step = models.PositiveBigIntegerField(_("langkah TOTP terakhir"), null=True, blank=True, editable=False)

    # Secrets and login bookkeeping never go into the audit trail.
    audit_exclude = ("password", "last_login", "failed_logins", "locked_until", "totp_secret", "totp_last_step")

    class Meta:
        verbose_name = _("pengguna")
        verbose_name_plural = _("pengguna")

    def __str__(self) -> str:
        return self.full_name or self.username


class Role(models.TextChoices):
    ADMIN = "admin", _("Administrator")
    COORDINATOR = "coordinator", _("Koordinator")
    PLANNER = "planner", _("Perencana K/L")
    REGIONAL = "regional", _("Petugas daerah")
    VIEWER = "viewer", _("Pemantau")


class ScopeKind(models.TextChoices):
    NATIONAL = "national", _("Nasional")
    AGENCY = "agency", _("Instansi dan unitnya")
    REGION = "region", _("Wilayah dan di bawahnya")


class Membership(AuditedModel):
    """A role held by a user within a scope: national, an agency and its
    units, or a region and everything below it. A user may hold several."""

    user = models.ForeignKey(User, models.CASCADE, related_name="memberships", verbose_name=_("pengguna"))
    role = models.CharField(_("peran"), max_length=12, choices=Role.choices)
    agency = models.ForeignKey(
        "registry.Agency", models.PROTECT, null=True, blank=True, related_name="memberships", verbose_name=_("instansi")
    )
    region = models.ForeignKey(
        "registry.Region", models.PROTECT, null=True, blank=True, related_name="memberships", verbose_name=_("wilayah")
    )
    is_active = models.BooleanField(_("aktif"), default=True)

    class Meta:
        verbose_name = _("keanggotaan")
        verbose_name_plural = _("keanggotaan")
        constraints = [
            models.CheckConstraint(
                condition=~(Q(agency__isnull=False) & Q(region__isnull=False)),
                name="membership_one_scope",
                violation_error_message=_("Lingkup keanggotaan adalah instansi atau wilayah, tidak keduanya."),
            ),
            models.UniqueConstraint(fields=["user", "role", "agency", "region"], name="membership_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()} · {self.scope_label}"

    @property
    def scope_kind(self) -> str:
        if self.agency_id:
            return ScopeKind.AGENCY
        if self.region_id:
            return ScopeKind.REGION
        return ScopeKind.NATIONAL

    @property
    def scope_label(self) -> str:
        if self.agency_id:
            return str(self.agency)
        if self.region_id:
            return str(self.region)
        return str(ScopeKind.NATIONAL.label)
