"""Everything that changes an account: login bookkeeping and lockout,
two-factor codes, and memberships (roles within scopes)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pyotp
from django.contrib.auth import authenticate
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from selaras.accounts import selectors, throttle
from selaras.accounts.models import Membership, Role, User
from selaras.core.access import can_create, forget_grants

# ---------------------------------------------------------------------------
# Login and lockout
# ---------------------------------------------------------------------------


class LoginRefused(Exception):
    """A password login that did not succeed, with the message to show."""

    def __init__(self, message: str, *, locked_until: dt.datetime | None = None):
        super().__init__(message)
        self.message = message
        self.locked_until = locked_until


def _locked_message(until: dt.datetime) -> str:
    # The same words for a real account, an unknown name and an address:
    # the answer must not tell which accounts exist.
    return _(
        "Masuk dikunci sementara karena terlalu banyak percobaan yang gagal. Coba lagi setelah pukul %(time)s."
    ) % {"time": timezone.localtime(until).strftime("%H:%M")}


def login_lock_clear(*, user: User) -> User:
    """An administrator's or a password reset's way out of a lock."""
    throttle.account_clear(user)
    return user


def login_attempt(*, request: HttpRequest | None, identifier: str, password: str) -> User:
    """Check a username-or-e-mail and password; return the user or raise
    `LoginRefused` with the message to show. The bookkeeping (counting
    failures, locking) happens in the authentication backend, so the admin
    login and every other password path obey the same lock."""
    user = authenticate(request, username=identifier, password=password)
    if user is not None:
        return user
    attempt = throttle.Attempt(
        throttle.PASSWORD,
        throttle.account_key(selectors.user_by_login(identifier), identifier),
        throttle.client_address(request),
    )
    until = throttle.locked_until(attempt)
    if until is not None:
        raise LoginRefused(_locked_message(until), locked_until=until)
    raise LoginRefused(_("Nama pengguna/e-mail atau kata sandi salah."))


# ---------------------------------------------------------------------------
# Two-factor (TOTP)
# ---------------------------------------------------------------------------

TOTP_ISSUER = "Selaras"


def _totp(user: User) -> pyotp.TOTP:
    return pyotp.TOTP(user.totp_secret)


def totp_provisioning_uri(user: User) -> str:
    label = user.email or user.username
    return _totp(user).provisioning_uri(name=label, issuer_name=TOTP_ISSUER)


def totp_accepts(*, user: User, code: str, now: dt.datetime | None = None) -> bool:
    """Whether `code` is valid now (one step of clock drift either way) and
    newer than the last accepted one; remembers it so it cannot be replayed."""
    code = (code or "").strip().replace(" ", "")
    if not user.totp_secret or not code.isdigit() or len(code) != 6:
        return False
    totp = _totp(user)
    when = now or timezone.now()
    for drift in (-1, 0, 1):
        moment = when + dt.timedelta(seconds=drift * totp.interval)
        if pyotp.utils.strings_equal(totp.at(moment), code):
            step = totp.timecode(moment)
            with transaction.atomic():
                fresh = User.objects.select_for_update().get(pk=user.pk)
                if fresh.totp_last_step is not None and step <= fresh.totp_last_step:
                    return False
                User.objects.filter(pk=user.pk).update(totp_last_step=step)
            user.totp_last_step = step
            return True
    return False


def totp_check(*, user: User, code: str, address: str) -> None:
    """Accept `code` as the user's second factor or raise `LoginRefused`.
    Wrong codes are counted and locked like wrong passwords (by account and
    address), apart from them: knowing the password resets nothing here."""
    attempt = throttle.Attempt(throttle.CODE, throttle.account_key(user, ""), address)
    until = throttle.locked_until(attempt)
    if until is None:
        if totp_accepts(user=user, code=code):
            throttle.success_record(attempt)
            return
        until = throttle.failure_record(attempt)
    if until is not None:
        raise LoginRefused(_locked_message(until), locked_until=until)
    raise LoginRefused(_("Kode verifikasi salah atau sudah kedaluwarsa."))


def _checked_code(*, user: User, code: str, address: str) -> None:
    try:
        totp_check(user=user, code=code, address=address)
    except LoginRefused as refused:
        raise ValidationError({"code": refused.message}) from None


@transaction.atomic
def totp_setup_begin(*, user: User) -> str:
    """Give the user a secret to scan. A pending secret is kept (so reloading
    the page does not invalidate what was scanned); an enabled one is never
    replaced here."""
    if user.totp_enabled:
        raise ValidationError(_("Verifikasi dua langkah sudah aktif."))
    if not user.totp_secret:
        user.totp_secret = pyotp.random_base32()
        user.totp_last_step = None
        user.save(update_fields=["totp_secret", "totp_last_step"])
    return user.totp_secret


# Not atomic: a refused code must stay counted.
def totp_enable(*, user: User, code: str, address: str = "") -> User:
    if user.totp_enabled:
        raise ValidationError(_("Verifikasi dua langkah sudah aktif."))
    if not user.totp_secret:
        raise ValidationError(_("Mulai dari halaman pengaturan verifikasi dua langkah."))
    _checked_code(user=user, code=code, address=address)
    user.totp_enabled = True
    user.save(update_fields=["totp_enabled"])
    return user


# Not atomic: a refused code must stay counted.
def totp_disable(*, user: User, code: str, address: str = "") -> User:
    if not user.totp_enabled:
        raise ValidationError(_("Verifikasi dua langkah belum aktif."))
    _checked_code(user=user, code=code, address=address)
    user.totp_enabled = False
    user.totp_secret = ""
    user.totp_last_step = None
    user.save(update_fields=["totp_enabled", "totp_secret", "totp_last_step"])
    return user


# ---------------------------------------------------------------------------
# Memberships
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class ScopeRule:
    needs_agency: bool = False
    needs_region: bool = False


# Only what is clearly wrong is refused: a regional officer works for a
# region, a planner for an agency. Coordinators are usually a Kemendagri
# directorate but may be national; administrators and viewers take any scope.
SCOPE_RULES: dict[str, ScopeRule] = {
    Role.REGIONAL: ScopeRule(needs_region=True),
    Role.PLANNER: ScopeRule(needs_agency=True),
}


def membership_validate(*, role: str, agency=None, region=None) -> None:
    """Raise a `ValidationError` naming the field when role and scope do not fit."""
    errors: dict[str, str] = {}
    if role not in Role.values:
        errors["role"] = _("Peran tidak dikenal.")
    if agency is not None and region is not None:
        errors["region"] = _("Lingkup keanggotaan adalah instansi atau wilayah, tidak keduanya.")
    rule = SCOPE_RULES.get(role, ScopeRule())
    if rule.needs_region and region is None:
        errors["region"] = _("Petugas daerah harus memiliki lingkup wilayah.")
    if rule.needs_agency and agency is None:
        errors["agency"] = _("Perencana K/L harus memiliki lingkup instansi.")
    if errors:
        raise ValidationError(errors)


def _check_granter(by: User | None) -> None:
    # `by=None` is the system itself (commands such as demo-data).
    if by is not None and not (by.is_superuser or can_create(by, Membership)):
        raise ValidationError(_("Hanya administrator yang dapat mengatur keanggotaan."))


@transaction.atomic
def membership_grant(*, user: User, role: str, agency=None, region=None, by: User | None) -> Membership:
    """Give `user` the `role` within a scope (an agency, a region, or national
    when both are empty). Granting again a revoked membership reactivates it."""
    _check_granter(by)
    membership_validate(role=role, agency=agency, region=region)
    existing = Membership.objects.filter(user=user, role=role, agency=agency, region=region).first()
    if existing is not None:
        if existing.is_active:
            raise ValidationError(_("Pengguna ini sudah memiliki peran tersebut dalam lingkup yang sama."))
        existing.is_active = True
        existing.version += 1
        existing.save(update_fields=["is_active", "version", "updated_at"])
        membership = existing
    else:
        membership = Membership(user=user, role=role, agency=agency, region=region)
        membership.full_clean()
        membership.save()
    forget_grants(user)
    return membership


@transaction.atomic
def membership_revoke(*, membership: Membership, by: User | None) -> Membership:
    """Take a role away. The row stays, inactive, so the history shows who
    held which role when."""
    _check_granter(by)
    if not membership.is_active:
        raise ValidationError(_("Keanggotaan ini sudah dicabut."))
    membership.is_active = False
    membership.version += 1
    membership.save(update_fields=["is_active", "version", "updated_at"])
    forget_grants(membership.user)
    return membership
