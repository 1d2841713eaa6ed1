"""Password login by username or e-mail address, with lockout."""

from __future__ import annotations

from django.contrib.auth.backends import ModelBackend

from selaras.accounts import selectors, throttle
from selaras.accounts.models import User


class UsernameOrEmailBackend(ModelBackend):
    """Every password login goes through here (our form, the admin, the
    API's token sign-in), so this is where failures are counted and locks
    obeyed (`selaras.accounts.throttle`)."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None:
            username = kwargs.get(User.USERNAME_FIELD)
        if username is None or password is None:
            return None
        user = selectors.user_by_login(username)
        attempt = throttle.Attempt(
            throttle.PASSWORD, throttle.account_key(user, username), throttle.client_address(request)
        )
        # A known and an unknown name take the same path: the lock first,
        # then one password hash, then the same counting.
        if throttle.locked_until(attempt) is not None:
            return None
        if user is None:
            User().set_password(password)
        elif user.check_password(password) and self.user_can_authenticate(user):
            throttle.success_record(attempt)
            return user
        throttle.failure_record(attempt)
        return None
