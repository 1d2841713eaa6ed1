"""Users and their memberships: a role held within a scope."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from selaras.core.models import AuditedModel
from selaras.core.text import clean_text_fields


class User(AbstractUser):
    """A person who signs in. What they may do comes only from memberships."""

    email = models.EmailField(_("alamat e-mail"), unique=True, null=True, blank=True)
    full_name = models.CharField(_("nama lengkap"), max_length=200, blank=True)
    position = models.CharField(_("jabatan"), max_length=200, blank=True)
    totp_secret = models.CharField(_("rahasia TOTP"), max_length=64, blank=True, editable=False)
    totp_enabled = models.BooleanField(_("verifikasi dua langkah aktif"), default=False)
    # The last 30-second step whose code was accepted: a code is good once.
    totp_last_step = models.PositiveBigIntegerField(_("langkah TOTP terakhir"), null=True, blank=True, editable=False)

    # Secrets and login bookkeeping never go into the audit trail.
    audit_exclude = ("password", "last_login", "totp_secret", "totp_last_step")

    class Meta:
        verbose_name = _("pengguna")
        verbose_name_plural = _("pengguna")

    def __str__(self) -> str:
        return self.full_name or self.username

    def clean_fields(self, exclude=None) -> None:
        # Not built on TimeStampedModel: the same control-character rule applies.
        clean_text_fields(self)
        super().clean_fields(exclude=exclude)


class LoginThrottle(models.Model):
    """Failed sign-in attempts counted under one key, and the lock they
    earned (see `selaras.accounts.throttle`): for a password or a two-step
    code; for an account from one address, an address whatever the account,
    or an account from anywhere. `account` is a user ("user:17") or, for a
    name no account has, the name as typed ("name:…")."""

    class Factor(models.TextChoices):
        PASSWORD = "password", _("Kata sandi")
        CODE = "code", _("Kode verifikasi")

    class Scope(models.TextChoices):
        PAIR = "pair", _("Akun dari satu alamat")
        ADDRESS = "address", _("Alamat")
        ACCOUNT = "account", _("Akun dari mana saja")

    factor = models.CharField(_("yang diperiksa"), max_length=8, choices=Factor.choices)
    scope = models.CharField(_("lingkup"), max_length=8, choices=Scope.choices)
    account = models.CharField(_("akun"), max_length=260, blank=True)
    address = models.CharField(_("alamat klien"), max_length=45, blank=True)
    failures = models.PositiveIntegerField(_("gagal berturut-turut"), default=0)
    last_failure_at = models.DateTimeField(_("kegagalan terakhir"))
    locked_until = models.DateTimeField(_("terkunci sampai"), null=True, blank=True)

    class Meta:
        verbose_name = _("pembatasan masuk")
        verbose_name_plural = _("pembatasan masuk")
        constraints = [
            models.UniqueConstraint(fields=["factor", "scope", "account", "address"], name="login_throttle_unique")
        ]
        indexes = [models.Index(fields=["account"], name="login_throttle_account")]

    def __str__(self) -> str:
        return f"{self.get_factor_display()} · {self.get_scope_display()} · {self.account} {self.address}".strip()


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
