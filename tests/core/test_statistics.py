"""The planner's statistics are refreshed after a bulk load (see
`selaras.core.statistics`): without them PostgreSQL plans the first queries
after a load of a million rows as if the tables were empty."""

from __future__ import annotations

import pytest
from django.db import connection

from selaras.core.statistics import refresh_statistics
from selaras.registry.models import Region
from selaras.sync import engine
from selaras.sync.models import CheckRun

pytestmark = pytest.mark.django_db


def _statistics_rows(model) -> int:
    table = model._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT count(*) FROM pg_stats WHERE tablename = %s", [table])
        else:
            cursor.execute("SELECT name FROM sqlite_master WHERE name = 'sqlite_stat1'")
            if cursor.fetchone() is None:
                return 0
            cursor.execute("SELECT count(*) FROM sqlite_stat1 WHERE tbl = %s", [table])
        return cursor.fetchone()[0]


def test_refreshing_gives_the_planner_statistics_of_the_loaded_table(reference):
    assert Region.objects.count() > 1
    refresh_statistics(Region)
    assert _statistics_rows(Region) > 0


def test_a_national_run_refreshes_the_findings_statistics_only_after_a_large_first_run(monkeypatch):
    refreshed = []
    monkeypatch.setattr(engine, "refresh_statistics", lambda *models: refreshed.append(models))
    monkeypatch.setattr(engine, "STATISTICS_AFTER", 10)
    engine.finalise(CheckRun.objects.create(scope="national", year=2025), {"new": 9, "total": 9})
    assert refreshed == []
    engine.finalise(CheckRun.objects.create(scope="national", year=2025), {"new": 10, "total": 10})
    assert refreshed == [(engine.Finding,)]
