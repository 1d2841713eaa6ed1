"""Settings: fail fast on bad configuration, security headers on every
page, mail through MAILERS without deprecation warnings."""

from __future__ import annotations

import os
import subprocess
import sys
import warnings

import pytest
from django.core import mail

from tests.conftest import PASSWORD


def _boot(**env: str) -> subprocess.CompletedProcess:
    """Import the settings in a fresh interpreter with these variables."""
    clean = {
        k: v for k, v in os.environ.items() if k not in {"DEBUG", "SELARAS_PRODUCTION", "SECRET_KEY", "DATABASE_URL"}
    }
    return subprocess.run(
        [
            sys.executable,
            "-c",
            "import django, os; os.environ['DJANGO_SETTINGS_MODULE']='selaras.settings'; django.setup()",
        ],
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_it_refuses_to_start_with_a_malformed_boolean_and_names_it():
    proc = _boot(DEBUG="maybe")
    assert proc.returncode != 0
    assert "DEBUG='maybe' is not a boolean" in proc.stderr


def test_it_refuses_to_start_with_a_malformed_integer_and_names_it():
    proc = _boot(SESSION_COOKIE_AGE="ten hours")
    assert proc.returncode != 0
    assert "SESSION_COOKIE_AGE='ten hours' is not an integer" in proc.stderr


def test_production_refuses_a_short_secret_key():
    proc = _boot(SELARAS_PRODUCTION="1", SECRET_KEY="short", ALLOWED_HOSTS="x.go.id", DATABASE_URL="postgres://u@h/db")
    assert proc.returncode != 0
    assert "SECRET_KEY must be set" in proc.stderr


def test_production_refuses_to_run_without_a_database_url():
    proc = _boot(SELARAS_PRODUCTION="1", SECRET_KEY="k" * 10 + "abcdefghij" * 5, ALLOWED_HOSTS="x.go.id")
    assert proc.returncode != 0
    assert "DATABASE_URL is required" in proc.stderr


def test_debug_is_off_unless_asked():
    proc = subprocess.run(
        [sys.executable, "-c", "import os; os.environ['DJANGO_SETTINGS_MODULE']='selaras.settings'; "
         "from django.conf import settings; print(settings.DEBUG)"],
        env={k: v for k, v in os.environ.items() if k != "DEBUG"}, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert proc.stdout.strip() == "False", proc.stderr


def test_a_page_carries_the_security_headers(client, cast):
    assert client.login(username=cast.viewer.username, password=PASSWORD)
    response = client.get("/jobs/")
    assert response.status_code == 200
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "object-src 'none'" in csp and "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"


@pytest.mark.django_db
def test_mail_goes_through_mailers_without_deprecation_warnings():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        sent = mail.send_mail("Undangan Rakortekpus", "Isi", None, ["bappeda@jatengprov.go.id"])
    assert sent == 1
    assert mail.outbox[0].subject == "Undangan Rakortekpus"
    assert mail.outbox[0].from_email.startswith("Selaras")
