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
    settings.LOGIN_LOCKOUT_MINUTES = 15


def totp_code(user, *, steps_ahead: int = 0) -> str:
    """A valid code for `user`; `steps_ahead` gives the next step's code, so
    a test can use two codes in a row without waiting (each code is good once)."""
    return pyotp.TOTP(user.totp_secret).at(timezone.now() + dt.timedelta(seconds=30 * steps_ahead))
