from __future__ import annotations

import datetime as dt

import pyotp
import pytest
from django.utils import timezone


@pytest.fixture(autouse=True)
def _small_lockout(settings):
    # Django's default hasher is deliberately slow; these tests hash a lot.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.LOGIN_MAX_FAILURES = 3
    settings.LOGIN_ACCOUNT_MAX_FAILURES = 7
    settings.LOGIN_ADDRESS_MAX_FAILURES = 10
    settings.LOGIN_LOCKOUT_MINUTES = 15


def totp_code(user, *, steps_ahead: int = 0) -> str:
    """A valid code for `user`; `steps_ahead` gives the next step's code, so
    a test can use two codes in a row without waiting (each code is good once)."""
    return pyotp.TOTP(user.totp_secret).at(timezone.now() + dt.timedelta(seconds=30 * steps_ahead))


class Clock:
    """The throttle's clock, moved by tests instead of sleeping."""

    def __init__(self):
        self.now = timezone.now()

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, **delta) -> None:
        self.now += dt.timedelta(**delta)


@pytest.fixture
def clock(monkeypatch) -> Clock:
    from selaras.accounts import throttle

    fake = Clock()
    monkeypatch.setattr(throttle, "clock", fake)
    return fake


def failures(user, *, scope: str, factor: str = "password") -> int:
    """The failures counted for `user` under one scope (0 when nothing is counted)."""
    from selaras.accounts.models import LoginThrottle

    row = LoginThrottle.objects.filter(account=f"user:{user.pk}", scope=scope, factor=factor).first()
    return row.failures if row else 0
