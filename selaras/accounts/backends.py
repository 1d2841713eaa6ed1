"""Password login by username or e-mail address, with lockout."""

from __future__ import annotations

from django.contrib.auth.backends import ModelBackend

from selaras.accounts import selectors, services
from selaras.accounts.models import User


class UsernameOrEmailBackend(ModelBackend):
    """Every password login goes through here (our form, the admin, the
    API's session login), so this is where failures are counted and locked
    accounts refused."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None:
            username = kwargs.get(User.USERNAME_FIELD)
        if username is None or password is None:
            return None
        user = selectors.user_by_login(username)
        if user is None:
            # Spend the same time as a real check so response times do not
            # tell which accounts exist.
            User().set_password(password)
            return None
        if services.login_is_locked(user):
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return services.login_success_record(user=user)
        if self.user_can_authenticate(user):
            services.login_failure_record(user=user)
        return None
