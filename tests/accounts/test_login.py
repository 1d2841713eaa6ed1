from __future__ import annotations

import pytest
from django.urls import reverse

from selaras.accounts.models import LoginThrottle
from tests.accounts.conftest import failures
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

PAIR = LoginThrottle.Scope.PAIR

LOGIN = "/accounts/login/"
TARGET = "/accounts/profil/"


def post_login(client, username, password, next_url=TARGET):
    return client.post(LOGIN, {"username": username, "password": password, "next": next_url})


def test_login_url_and_form_labels(client, cast):
    assert reverse("accounts:login") == LOGIN
    response = client.get(LOGIN)
    body = response.content.decode()
    assert response.status_code == 200
    assert 'name="username"' in body and "Nama pengguna atau e-mail" in body
    assert 'name="password"' in body and "Kata sandi" in body
    assert ">Masuk</button>" in body


def test_it_logs_in_by_username(client, cast):
    response = post_login(client, "perencana_a", PASSWORD)
    assert response.status_code == 302 and response.url == TARGET
    assert client.session["_auth_user_id"] == str(cast.planner_a.pk)


def test_it_logs_in_by_email_ignoring_case(client, cast):
    response = post_login(client, "PERENCANA_A@Selaras.TEST", PASSWORD)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(cast.planner_a.pk)


def test_it_rejects_a_wrong_password(client, cast):
    response = post_login(client, "perencana_a", "salah-sekali")
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert "Nama pengguna/e-mail atau kata sandi salah." in response.content.decode()
    assert failures(cast.planner_a, scope=PAIR) == 1


def test_it_ignores_an_unsafe_next_url(client, cast):
    response = post_login(client, "perencana_a", PASSWORD, next_url="https://jahat.example/")
    assert response.status_code == 302
    assert "jahat.example" not in response.url


def test_it_locks_after_max_failures_even_with_right_password(client, cast, settings):
    for _ in range(settings.LOGIN_MAX_FAILURES):
        post_login(client, "perencana_a", "salah-sekali")

    response = post_login(client, "perencana_a", PASSWORD)
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert "dikunci sementara" in response.content.decode()


def test_the_lock_also_applies_to_the_admin_login(client, cast, settings):
    cast.admin.is_staff = True
    cast.admin.save()
    for _ in range(settings.LOGIN_MAX_FAILURES):
        post_login(client, "admin", "salah-sekali")
    client.post("/admin/login/", {"username": "admin", "password": PASSWORD})
    assert "_auth_user_id" not in client.session


def test_an_unknown_username_gets_the_same_answer_as_a_locked_account(client, cast, settings, clock):
    for _ in range(settings.LOGIN_MAX_FAILURES):
        post_login(client, "perencana_a", "salah-sekali")
        post_login(client, "tidak_ada", "salah-sekali")
    known = post_login(client, "perencana_a", PASSWORD)
    unknown = post_login(client, "tidak_ada", PASSWORD)
    assert known.status_code == unknown.status_code == 200
    assert "dikunci sementara" in known.content.decode()
    assert known.context["form"].errors == unknown.context["form"].errors


def test_unknown_usernames_are_refused_with_the_generic_message_before_the_limit(client, cast, settings):
    for _ in range(settings.LOGIN_MAX_FAILURES - 1):
        response = post_login(client, "tidak_ada", "apa-saja-123")
    body = response.content.decode()
    assert "Nama pengguna/e-mail atau kata sandi salah." in body
    assert "dikunci" not in body


def test_the_lock_expires(client, cast, settings, clock):
    for _ in range(settings.LOGIN_MAX_FAILURES):
        post_login(client, "perencana_a", "salah-sekali")
    clock.advance(minutes=settings.LOGIN_LOCKOUT_MINUTES + 1)

    response = post_login(client, "perencana_a", PASSWORD)
    assert response.status_code == 302
    assert not LoginThrottle.objects.filter(account=f"user:{cast.planner_a.pk}").exists()


def test_one_mistake_after_an_expired_lock_does_not_lock_again(client, cast, settings, clock):
    for _ in range(settings.LOGIN_MAX_FAILURES):
        post_login(client, "perencana_a", "salah-sekali")
    clock.advance(minutes=settings.LOGIN_LOCKOUT_MINUTES + 1)
    post_login(client, "perencana_a", "salah-sekali")
    assert failures(cast.planner_a, scope=PAIR) == 1
    assert post_login(client, "perencana_a", PASSWORD).status_code == 302


def test_success_resets_the_failure_count(client, cast, settings):
    for _ in range(settings.LOGIN_MAX_FAILURES - 1):
        post_login(client, "perencana_a", "salah-sekali")
    assert failures(cast.planner_a, scope=PAIR) == settings.LOGIN_MAX_FAILURES - 1
    post_login(client, "perencana_a", PASSWORD)
    assert failures(cast.planner_a, scope=PAIR) == 0


def test_logout_needs_post(client, cast):
    client.force_login(cast.planner_a)
    assert client.get(reverse("accounts:logout")).status_code == 405
    client.post(reverse("accounts:logout"))
    assert "_auth_user_id" not in client.session


def test_profile_lists_memberships_and_two_factor_status(client, cast):
    client.force_login(cast.officer_jateng)
    body = client.get(reverse("accounts:profile")).content.decode()
    assert "Petugas daerah" in body
    assert "Jawa Tengah" in body
    assert "tidak aktif" in body
