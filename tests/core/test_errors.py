"""Errors: API clients always get JSON (an unexpected exception in a view,
an unknown address, a server error outside DRF), the site keeps its HTML
pages, and a persistent database connection that died is replaced before
it fails a request."""

from __future__ import annotations

import logging
import os
import sqlite3
import subprocess
import sys

import pytest
from django.db.utils import ConnectionHandler, ProgrammingError
from django.test import RequestFactory
from django.urls import get_resolver
from rest_framework.test import APIClient


@pytest.fixture
def broken_regions(monkeypatch):
    from selaras.registry.api import RegionViewSet

    def explode(self, request, *args, **kwargs):
        raise RuntimeError("kabel putus")

    monkeypatch.setattr(RegionViewSet, "list", explode)


def test_an_unexpected_error_in_the_api_is_a_json_500_and_is_logged(db, broken_regions, caplog):
    api = APIClient(raise_request_exception=False)
    with caplog.at_level(logging.ERROR, logger="django.request"):
        response = api.get("/api/regions/")
    assert response.status_code == 500
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["code"] == "server_error"
    assert "kesalahan pada server" in response.json()["detail"]
    assert "kabel putus" not in response.content.decode()
    assert any(r.exc_info and "kabel putus" in str(r.exc_info[1]) for r in caplog.records)


def test_an_unknown_api_address_is_a_json_404(client, db):
    response = client.get("/api/tidak-ada/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["code"] == "not_found"


def test_an_unknown_page_of_the_site_is_still_the_html_404(client, db):
    response = client.get("/tidak-ada/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")
    assert "Halaman tidak ditemukan" in response.content.decode()


def test_a_server_error_outside_the_views_answers_json_under_api_and_html_elsewhere(db):
    handler = get_resolver().resolve_error_handler(500)
    api = handler(RequestFactory().get("/api/plans/"))
    assert api.status_code == 500
    assert api["Content-Type"].startswith("application/json")
    page = handler(RequestFactory().get("/rencana/"))
    assert page.status_code == 500
    assert page["Content-Type"].startswith("text/html")
    assert "Terjadi kesalahan pada server" in page.content.decode()


def _persistent_connection(settings, tmp_path, **overrides):
    # The configured connection settings (health checks included) on a
    # SQLite file of its own, whichever server the suite runs against: the
    # behaviour under test is Django's reuse of a persistent connection.
    config = {
        **settings.DATABASES["default"],
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(tmp_path / "db.sqlite3"),
        "CONN_MAX_AGE": None,
        "OPTIONS": {},
        "USER": "",
        "PASSWORD": "",
        "HOST": "",
        "PORT": "",
    }
    conn = ConnectionHandler({"default": {**config, **overrides}})["default"]

    def is_usable():
        # What the PostgreSQL backend does; SQLite's own check always says yes.
        try:
            conn.connection.execute("SELECT 1")
        except sqlite3.ProgrammingError:
            return False
        return True

    conn.is_usable = is_usable
    conn.ensure_connection()
    return conn


def _server_drops(conn) -> None:
    conn.connection.close()  # the database restarted: the socket is dead
    conn.close_if_unusable_or_obsolete()  # what Django does as the next request starts


def test_a_dropped_persistent_connection_is_replaced_before_the_next_query(db, settings, tmp_path):
    assert settings.DATABASES["default"]["CONN_HEALTH_CHECKS"] is True
    conn = _persistent_connection(settings, tmp_path)
    _server_drops(conn)
    with conn.cursor() as cursor:
        cursor.execute("SELECT 1")
        assert cursor.fetchone() == (1,)
    conn.close()


def test_without_health_checks_that_query_would_fail(db, settings, tmp_path):
    conn = _persistent_connection(settings, tmp_path, CONN_HEALTH_CHECKS=False)
    _server_drops(conn)
    with pytest.raises(ProgrammingError):
        with conn.cursor() as cursor:
            cursor.execute("SELECT 1")


def test_a_database_url_also_checks_connections_before_reuse():
    code = (
        "import django, os; os.environ['DJANGO_SETTINGS_MODULE']='selaras.settings'; django.setup();"
        "from django.conf import settings; print(settings.DATABASES['default']['CONN_HEALTH_CHECKS'])"
    )
    env = {**os.environ, "DATABASE_URL": "postgres://selaras:x@db.invalid:5432/selaras"}
    proc = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "True"
