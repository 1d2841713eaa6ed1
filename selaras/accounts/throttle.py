"""Failed sign-ins (passwords and two-step codes) counted and locked by
account *and* client address, so that nobody can lock a real user out
everywhere from one machine:

- an account from one address locks after LOGIN_MAX_FAILURES;
- an address locks after LOGIN_ADDRESS_MAX_FAILURES, whatever the accounts
  (one machine trying many accounts);
- an account locks everywhere only after LOGIN_ACCOUNT_MAX_FAILURES, a softer
  limit that needs many addresses to reach.

A count restarts when its lock has run out or when its last failure is older
than LOGIN_LOCKOUT_MINUTES. Unknown usernames are counted exactly like real
accounts, so neither the answer nor the work done tells which accounts exist.
Passwords and codes are counted apart: a known password must not reset the
count of wrong codes."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from selaras.accounts.models import LoginThrottle, User
from selaras.audit.recorder import record_event

PASSWORD = LoginThrottle.Factor.PASSWORD
CODE = LoginThrottle.Factor.CODE
PAIR = LoginThrottle.Scope.PAIR
ADDRESS = LoginThrottle.Scope.ADDRESS
ACCOUNT = LoginThrottle.Scope.ACCOUNT


def clock() -> dt.datetime:
    """The time every decision here uses; tests replace it instead of sleeping."""
    return timezone.now()


def client_address(request) -> str:
    """The address the attempt came from. Behind the deployment's proxy
    (SECURE_PROXY_SSL_HEADER set, see settings) REMOTE_ADDR is the proxy, so
    the last X-Forwarded-For hop, the one the proxy itself added, is used."""
    if request is None:
        return ""
    meta = request.META
    forwarded = meta.get("HTTP_X_FORWARDED_FOR", "")
    if settings.SECURE_PROXY_SSL_HEADER and forwarded:
        return forwarded.split(",")[-1].strip()[:45]
    return (meta.get("REMOTE_ADDR") or "")[:45]


def account_key(user: User | None, identifier: str) -> str:
    # A real account is one key however it is named (username or e-mail).
    if user is not None:
        return f"user:{user.pk}"
    return f"name:{(identifier or '').strip().lower()[:250]}"


@dataclass(frozen=True)
class Attempt:
    factor: str
    account: str
    address: str

    def keys(self) -> list[tuple[str, str, str, int]]:
        """(scope, account, address, limit) of each count this attempt touches."""
        return [
            (PAIR, self.account, self.address, settings.LOGIN_MAX_FAILURES),
            (ADDRESS, "", self.address, settings.LOGIN_ADDRESS_MAX_FAILURES),
            (ACCOUNT, self.account, "", settings.LOGIN_ACCOUNT_MAX_FAILURES),
        ]

    def _rows(self):
        condition = Q()
        for scope, account, address, _limit in self.keys():
            condition |= Q(scope=scope, account=account, address=address)
        return LoginThrottle.objects.filter(condition, factor=self.factor)


def _record_account_lock(account: str, factor: str, failures: int) -> None:
    user = User.objects.filter(pk=int(account.removeprefix("user:"))).first()
    if user is not None:
        # the factor by its label: the history is read by administrators, not by code
        message = _("Akun dikunci di semua alamat setelah %(n)s kali gagal (%(factor)s)") % {
            "n": failures,
            "factor": LoginThrottle.Factor(factor).label.lower(),
        }
        record_event(user, message, {"failed_logins": failures})


def locked_until(attempt: Attempt) -> dt.datetime | None:
    """When the latest lock that applies to `attempt` ends, or None."""
    return attempt._rows().filter(locked_until__gt=clock()).aggregate(end=Max("locked_until"))["end"]


@transaction.atomic
def failure_record(attempt: Attempt) -> dt.datetime | None:
    """Count one failure under each key; return when the lock ends if one applies now."""
    now = clock()
    window = dt.timedelta(minutes=settings.LOGIN_LOCKOUT_MINUTES)
    for scope, account, address, limit in attempt.keys():
        row, _created = LoginThrottle.objects.select_for_update().get_or_create(
            factor=attempt.factor, scope=scope, account=account, address=address, defaults={"last_failure_at": now}
        )
        lock_ran_out = row.locked_until is not None and row.locked_until <= now
        if lock_ran_out or row.last_failure_at < now - window:
            row.failures, row.locked_until = 0, None
        row.failures += 1
        row.last_failure_at = now
        if row.failures >= limit and row.locked_until is None:
            row.locked_until = now + window
            if scope == ACCOUNT and account.startswith("user:"):
                _record_account_lock(account, attempt.factor, row.failures)
        row.save(update_fields=["failures", "last_failure_at", "locked_until"])
    return locked_until(attempt)


def success_record(attempt: Attempt) -> None:
    """A right password (or code) clears its account's counts; the
    address's count stays, or one's own account would reset a spray."""
    attempt._rows().exclude(scope=ADDRESS).delete()


def account_clear(user: User) -> None:
    """An administrator's or a password reset's way out of every lock on the account."""
    LoginThrottle.objects.filter(account=account_key(user, "")).delete()


def account_locked_until(user: User) -> dt.datetime | None:
    """The latest lock on the account from any address, for the administrator's view."""
    return LoginThrottle.objects.filter(account=account_key(user, ""), locked_until__gt=clock()).aggregate(
        end=Max("locked_until")
    )["end"]
