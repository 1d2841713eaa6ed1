"""Shared helpers for the registry tests: where the cross-check data lives."""

from __future__ import annotations

import csv
import gzip
from pathlib import Path

import pytest
from django.conf import settings


def shared_regions_dir() -> Path:
    path = Path(settings.SHARED_DATA_DIR) / "data" / "regions"
    if not path.is_dir():
        pytest.skip(f"cross-check data not found at {path} (settings.SHARED_DATA_DIR / SELARAS_SHARED_DIR)")
    return path


def shared_maps_dir() -> Path:
    path = Path(settings.SHARED_DATA_DIR) / "data" / "maps"
    if not path.is_dir():
        pytest.skip(f"boundary files not found at {path} (settings.SHARED_DATA_DIR / SELARAS_SHARED_DIR)")
    return path


def shared_agencies_dir() -> Path:
    path = Path(settings.SHARED_DATA_DIR) / "data" / "agencies"
    if not path.is_dir():
        pytest.skip(f"agency lists not found at {path} (settings.SHARED_DATA_DIR / SELARAS_SHARED_DIR)")
    return path


def read_csv(path: Path) -> list[dict]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))
