"""Failed sign-ins are counted by account and address: one machine cannot
lock a real user out everywhere, many machines can only after a softer
account-wide limit, and one machine trying many accounts is stopped."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from selaras.accounts import services, throttle
from selaras.accounts.models import LoginThrottle, User
from tests.accounts.conftest import failures
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"


def post_login(client, username, password, address):
    return client.post(
        LOGIN, {"username": username, "password": password, "next": "/accounts/profil/"}, REMOTE_ADDR=address
    )


def signed_in(response) -> bool:
    return response.status_code == 302


def test_a_lock_from_one_address_does_not_lock_the_account_elsewhere(client, cast, settings):
    for _ in range(settings.LOGIN_MAX_FAILURES):
        post_login(client, "perencana_a", "salah-sekali", "10.0.0.66")
    assert "dikunci sementara" in post_login(client, "perencana_a", PASSWORD, "10.0.0.66").content.decode()
    assert signed_in(post_login(client, "perencana_a", PASSWORD, "10.0.0.7"))


def test_an_account_locks_everywhere_after_the_softer_account_limit(client, cast, settings):
    per_address = settings.LOGIN_MAX_FAILURES - 1
    addresses = [f"10.0.1.{i}" for i in range(settings.LOGIN_ACCOUNT_MAX_FAILURES // per_address + 1)]
    for address in addresses:
        for _ in range(per_address):
            post_login(client, "perencana_a", "salah-sekali", address)
    response = post_login(client, "perencana_a", PASSWORD, "10.0.0.7")
    assert not signed_in(response)
    assert "dikunci sementara" in response.content.decode()
    # the account's history says so in words, the factor by its label
    from selaras.audit.models import AuditEntry

    messages = list(AuditEntry.objects.filter(object_pk=str(cast.planner_a.pk)).values_list("message", flat=True))
    assert any(m.startswith("Akun dikunci di semua alamat setelah") and m.endswith("(kata sandi)") for m in messages)


def test_one_address_trying_many_accounts_is_locked(client, cast, settings):
    for i in range(settings.LOGIN_ADDRESS_MAX_FAILURES):
        post_login(client, f"tebakan_{i}", "salah-sekali", "10.0.0.66")
    assert not signed_in(post_login(client, "perencana_a", PASSWORD, "10.0.0.66"))
    assert signed_in(post_login(client, "perencana_a", PASSWORD, "10.0.0.7"))


def test_signing_in_to_ones_own_account_does_not_reset_the_address_count(client, cast, settings):
    for i in range(settings.LOGIN_ADDRESS_MAX_FAILURES - 1):
        post_login(client, f"tebakan_{i}", "salah-sekali", "10.0.0.66")
        if i == 1:
            assert signed_in(post_login(client, "pemantau", PASSWORD, "10.0.0.66"))
            client.logout()
    post_login(client, "tebakan_terakhir", "salah-sekali", "10.0.0.66")
    assert not signed_in(post_login(client, "perencana_a", PASSWORD, "10.0.0.66"))


def test_old_failures_are_forgotten_after_the_window(client, cast, settings, clock):
    for _ in range(settings.LOGIN_MAX_FAILURES - 1):
        post_login(client, "perencana_a", "salah-sekali", "10.0.0.66")
    clock.advance(minutes=settings.LOGIN_LOCKOUT_MINUTES + 1)
    post_login(client, "perencana_a", "salah-sekali", "10.0.0.66")
    assert failures(cast.planner_a, scope=LoginThrottle.Scope.PAIR) == 1
    assert signed_in(post_login(client, "perencana_a", PASSWORD, "10.0.0.66"))


def test_the_locked_message_names_the_time_the_lock_ends(client, cast, settings, clock):
    for _ in range(settings.LOGIN_MAX_FAILURES):
        post_login(client, "perencana_a", "salah-sekali", "10.0.0.66")
    body = post_login(client, "perencana_a", PASSWORD, "10.0.0.66").content.decode()
    ends = clock.now + dt.timedelta(minutes=settings.LOGIN_LOCKOUT_MINUTES)
    assert f"setelah pukul {timezone.localtime(ends).strftime('%H:%M')}" in body


def test_the_administrator_unlocks_an_account(client, cast, settings):
    for _ in range(settings.LOGIN_ACCOUNT_MAX_FAILURES):
        throttle.failure_record(throttle.Attempt(throttle.PASSWORD, f"user:{cast.planner_a.pk}", "10.0.0.66"))
    assert throttle.account_locked_until(cast.planner_a) is not None
    User.objects.filter(pk=cast.admin.pk).update(is_staff=True, is_superuser=True)
    client.force_login(cast.admin)
    response = client.post(
        reverse("admin:accounts_user_changelist"),
        {"action": "unlock_accounts", "_selected_action": [cast.planner_a.pk]},
    )
    assert response.status_code == 302
    assert throttle.account_locked_until(cast.planner_a) is None


def test_behind_the_proxy_the_address_is_the_hop_the_proxy_added(rf, settings):
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    request = rf.get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.9")
    assert throttle.client_address(request) == "203.0.113.9"
    settings.SECURE_PROXY_SSL_HEADER = None
    assert throttle.client_address(request) == "127.0.0.1"


def test_a_lock_holds_whichever_name_the_account_is_given(cast, settings, rf):
    request = rf.post(LOGIN, REMOTE_ADDR="10.0.0.66")
    for _ in range(settings.LOGIN_MAX_FAILURES):
        with pytest.raises(services.LoginRefused):
            services.login_attempt(request=request, identifier="perencana_a", password="salah")
    with pytest.raises(services.LoginRefused) as refused:
        services.login_attempt(request=request, identifier="perencana_a@selaras.test", password=PASSWORD)
    assert refused.value.locked_until is not None
