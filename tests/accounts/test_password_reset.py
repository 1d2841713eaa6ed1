from __future__ import annotations

import re

import pytest
from django.core import mail
from django.urls import reverse

from selaras.accounts import throttle
from selaras.accounts.models import User
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "Sandi-Baru-Yang-Panjang-77"


def test_reset_mail_is_sent_and_its_link_sets_a_new_password(client, cast, settings):
    # A locked account can be recovered by whoever reads its mailbox.
    for _ in range(settings.LOGIN_ACCOUNT_MAX_FAILURES):
        throttle.failure_record(throttle.Attempt(throttle.PASSWORD, f"user:{cast.planner_a.pk}", "10.0.0.66"))
    assert throttle.account_locked_until(cast.planner_a) is not None
    response = client.post(reverse("accounts:password_reset"), {"email": "Perencana_A@selaras.test"})
    assert response.status_code == 302 and response.url == reverse("accounts:password_reset_done")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["perencana_a@selaras.test"]
    assert "Setel ulang kata sandi" in message.subject

    link = re.search(r"http://testserver(/accounts/sandi/setel/\S+/)", message.body).group(1)
    response = client.get(link)
    assert response.status_code == 302  # Django swaps the token for a session marker
    form_url = response.url
    response = client.post(form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert response.status_code == 302 and response.url == reverse("accounts:password_reset_complete")

    user = User.objects.get(pk=cast.planner_a.pk)
    assert user.check_password(NEW_PASSWORD) and not user.check_password(PASSWORD)
    assert throttle.account_locked_until(user) is None
    response = client.post(
        "/accounts/login/", {"username": "perencana_a", "password": NEW_PASSWORD, "next": "/accounts/profil/"}
    )
    assert response.status_code == 302


def test_reset_for_an_unknown_address_sends_nothing_and_says_the_same(client, cast):
    response = client.post(reverse("accounts:password_reset"), {"email": "tidak.ada@selaras.test"})
    assert response.status_code == 302 and response.url == reverse("accounts:password_reset_done")
    assert mail.outbox == []


def test_a_used_link_no_longer_works(client, cast):
    client.post(reverse("accounts:password_reset"), {"email": "perencana_a@selaras.test"})
    link = re.search(r"http://testserver(/accounts/sandi/setel/\S+/)", mail.outbox[0].body).group(1)
    form_url = client.get(link).url
    client.post(form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    response = client.get(link)
    assert response.status_code == 200
    assert "Tautan ini tidak berlaku" in response.content.decode()
