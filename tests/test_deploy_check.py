"""`selaras check --deploy` with production settings finds nothing to fix."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys


def test_the_deploy_check_passes_with_production_settings(tmp_path):
    env = {
        **{
            k: v
            for k, v in os.environ.items()
            if k not in {"DEBUG", "SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS", "DJANGO_ALLOW_ASYNC_UNSAFE"}
        },
        "SELARAS_PRODUCTION": "1",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "selaras.example.go.id",
        "DATABASE_URL": "postgres://selaras@127.0.0.1:5432/selaras",
        "STATIC_ROOT": str(tmp_path / "static"),
    }
    proc = subprocess.run(
        [sys.executable, "-m", "selaras", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    output = proc.stdout + proc.stderr
    assert proc.returncode == 0, output
    assert "System check identified no issues" in output
