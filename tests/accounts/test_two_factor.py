from __future__ import annotations

import pyotp
import pytest
from django.urls import reverse

from selaras.accounts import services
from selaras.accounts.models import User
from tests.accounts.conftest import totp_code
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

PROFILE = "/accounts/profil/"


def enable_two_factor(user) -> User:
    services.totp_setup_begin(user=user)
    services.totp_enable(user=user, code=totp_code(user))
    return User.objects.get(pk=user.pk)


def test_setup_page_shows_secret_and_inline_svg_qr(client, cast):
    client.force_login(cast.planner_a)
    response = client.get(reverse("accounts:two_factor_setup"))
    body = response.content.decode()
    user = User.objects.get(pk=cast.planner_a.pk)
    assert response.status_code == 200
    assert len(user.totp_secret) >= 16
    assert user.totp_secret[:4] in body
    assert "<svg" in body and "data:image" not in body
    assert user.totp_enabled is False


def test_enabling_needs_a_valid_code(client, cast):
    client.force_login(cast.planner_a)
    client.get(reverse("accounts:two_factor_setup"))
    response = client.post(reverse("accounts:two_factor_setup"), {"code": "000000"})
    assert response.status_code == 200
    assert User.objects.get(pk=cast.planner_a.pk).totp_enabled is False

    user = User.objects.get(pk=cast.planner_a.pk)
    response = client.post(reverse("accounts:two_factor_setup"), {"code": totp_code(user)})
    assert response.status_code == 302
    assert User.objects.get(pk=cast.planner_a.pk).totp_enabled is True
    # The user who just proved a code is not sent back to the code page.
    assert client.get(PROFILE).status_code == 200


def test_login_with_two_factor_needs_the_code(client, cast):
    user = enable_two_factor(cast.planner_a)
    response = client.post("/accounts/login/", {"username": "perencana_a", "password": PASSWORD, "next": PROFILE})
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:two_factor_verify"))

    response = client.post(response.url, {"code": totp_code(user, steps_ahead=1)})
    assert response.status_code == 302 and response.url == PROFILE
    assert client.get(PROFILE).status_code == 200


def test_a_wrong_code_is_refused(client, cast):
    user = enable_two_factor(cast.planner_a)
    client.post("/accounts/login/", {"username": "perencana_a", "password": PASSWORD})
    wrong = "111111" if totp_code(user, steps_ahead=1) != "111111" else "222222"
    response = client.post(reverse("accounts:two_factor_verify"), {"code": wrong})
    assert response.status_code == 200
    assert "Kode verifikasi salah" in response.content.decode()
    assert client.get(PROFILE).status_code == 302


def test_a_code_cannot_be_used_twice(cast):
    user = enable_two_factor(cast.planner_a)
    code = totp_code(user, steps_ahead=1)
    assert services.totp_accepts(user=user, code=code) is True
    assert services.totp_accepts(user=user, code=code) is False


def test_no_other_page_is_reachable_before_the_code(client, cast):
    enable_two_factor(cast.planner_a)
    client.post("/accounts/login/", {"username": "perencana_a", "password": PASSWORD})
    for path in (PROFILE, reverse("accounts:two_factor_disable"), "/admin/", "/wilayah/"):
        response = client.get(path)
        assert response.status_code == 302, path
        assert response.url.startswith(reverse("accounts:two_factor_verify")), path
    assert client.get("/api/").status_code == 403
    # Logging out is always possible.
    assert client.post(reverse("accounts:logout")).status_code == 302


def test_the_admin_login_path_also_leads_to_the_code_page(client, cast):
    cast.admin.is_staff = True
    cast.admin.save()
    enable_two_factor(cast.admin)
    client.post("/admin/login/", {"username": "admin", "password": PASSWORD})
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:two_factor_verify"))


def test_disabling_needs_a_valid_code(client, cast):
    user = enable_two_factor(cast.planner_a)
    client.post("/accounts/login/", {"username": "perencana_a", "password": PASSWORD})
    client.post(reverse("accounts:two_factor_verify"), {"code": totp_code(user, steps_ahead=1)})

    response = client.post(reverse("accounts:two_factor_disable"), {"code": "abc"})
    assert response.status_code == 200
    assert User.objects.get(pk=user.pk).totp_enabled is True

    # Codes already used cannot be reused; one step earlier has not been.
    code = pyotp.TOTP(user.totp_secret).now()
    User.objects.filter(pk=user.pk).update(totp_last_step=None)
    response = client.post(reverse("accounts:two_factor_disable"), {"code": code})
    assert response.status_code == 302
    user = User.objects.get(pk=user.pk)
    assert user.totp_enabled is False and user.totp_secret == ""


def wrong_code_for(user) -> str:
    right = {totp_code(user, steps_ahead=step) for step in (-1, 0, 1, 2)}
    return next(code for code in ("111111", "222222", "333333", "444444", "555555") if code not in right)


def test_wrong_codes_on_the_page_are_locked_like_passwords(client, cast, settings):
    user = enable_two_factor(cast.planner_a)
    client.post("/accounts/login/", {"username": "perencana_a", "password": PASSWORD})
    for _ in range(settings.LOGIN_MAX_FAILURES):
        client.post(reverse("accounts:two_factor_verify"), {"code": wrong_code_for(user)})
    response = client.post(reverse("accounts:two_factor_verify"), {"code": totp_code(user, steps_ahead=1)})
    assert response.status_code == 200
    assert "dikunci sementara" in response.content.decode()
    assert client.get(PROFILE).status_code == 302


def test_the_code_lock_runs_out(client, cast, settings, clock):
    user = enable_two_factor(cast.planner_a)
    client.post("/accounts/login/", {"username": "perencana_a", "password": PASSWORD})
    for _ in range(settings.LOGIN_MAX_FAILURES):
        client.post(reverse("accounts:two_factor_verify"), {"code": wrong_code_for(user)})
    clock.advance(minutes=settings.LOGIN_LOCKOUT_MINUTES + 1)
    response = client.post(reverse("accounts:two_factor_verify"), {"code": totp_code(user, steps_ahead=1)})
    assert response.status_code == 302
    assert client.get(PROFILE).status_code == 200


def test_signing_in_again_with_the_password_does_not_reset_wrong_codes(client, cast, settings):
    user = enable_two_factor(cast.planner_a)
    for _ in range(settings.LOGIN_MAX_FAILURES):
        client.post("/accounts/login/", {"username": "perencana_a", "password": PASSWORD})
        client.post(reverse("accounts:two_factor_verify"), {"code": wrong_code_for(user)})
        client.post(reverse("accounts:logout"))
    client.post("/accounts/login/", {"username": "perencana_a", "password": PASSWORD})
    response = client.post(reverse("accounts:two_factor_verify"), {"code": totp_code(user, steps_ahead=1)})
    assert "dikunci sementara" in response.content.decode()


def test_wrong_codes_from_one_address_do_not_lock_the_code_elsewhere(client, cast, settings):
    user = enable_two_factor(cast.planner_a)
    for _ in range(settings.LOGIN_MAX_FAILURES):
        with pytest.raises(services.LoginRefused):
            services.totp_check(user=user, code=wrong_code_for(user), address="10.0.0.66")
    services.totp_check(user=user, code=totp_code(user, steps_ahead=1), address="10.0.0.7")


def test_wrong_codes_on_the_api_token_are_locked(cast, settings):
    from rest_framework.test import APIClient

    api = APIClient()
    user = enable_two_factor(cast.planner_a)
    sign_in = {"username": "perencana_a", "password": PASSWORD}
    for _ in range(settings.LOGIN_MAX_FAILURES):
        response = api.post("/api/token/", {**sign_in, "code": wrong_code_for(user)}, format="json")
        assert response.status_code == 400
    response = api.post("/api/token/", {**sign_in, "code": totp_code(user, steps_ahead=1)}, format="json")
    assert response.status_code == 400
    assert "dikunci sementara" in response.json()["errors"]["code"][0]
    assert "token" not in response.json()


def test_the_api_token_needs_the_code_when_two_factor_is_on(cast):
    from rest_framework.test import APIClient

    user = enable_two_factor(cast.planner_a)
    api = APIClient()
    response = api.post("/api/token/", {"username": "perencana_a", "password": PASSWORD}, format="json")
    assert response.status_code == 400 and "belum diisi" in response.json()["errors"]["code"][0]
    response = api.post(
        "/api/token/",
        {"username": "perencana_a", "password": PASSWORD, "code": totp_code(user, steps_ahead=1)},
        format="json",
    )
    assert response.status_code == 200 and response.json()["token"]


def test_wrong_codes_to_disable_two_factor_are_locked(client, cast, settings):
    user = enable_two_factor(cast.planner_a)
    client.post("/accounts/login/", {"username": "perencana_a", "password": PASSWORD})
    client.post(reverse("accounts:two_factor_verify"), {"code": totp_code(user, steps_ahead=1)})
    for _ in range(settings.LOGIN_MAX_FAILURES):
        client.post(reverse("accounts:two_factor_disable"), {"code": wrong_code_for(user)})
    User.objects.filter(pk=user.pk).update(totp_last_step=None)
    response = client.post(reverse("accounts:two_factor_disable"), {"code": totp_code(user, steps_ahead=2)})
    assert response.status_code == 200
    assert "dikunci sementara" in response.content.decode()
    assert User.objects.get(pk=user.pk).totp_enabled is True
