"""How long `selaras load-reference` takes on an empty database: regions
down to kabupaten/kota (38 + 514) with agencies, affairs and targets; a
second run that finds nothing to change; and all 91,599 regions down to
desa/kelurahan."""

from __future__ import annotations

import io
import time

from django.core.management import call_command

from bench.run import figure


def _timed(*args: str) -> float:
    started = time.perf_counter()
    call_command("load_reference", *args, stdout=io.StringIO())
    return time.perf_counter() - started


def run(results: dict) -> None:
    from selaras.registry.models import Region, RegionLevel

    results["load_reference.regions_552.seconds"] = figure(_timed(), "s", 30)
    provinces = Region.objects.filter(level=RegionLevel.PROVINCE).count()
    regencies = Region.objects.filter(level=RegionLevel.REGENCY).count()
    results["load_reference.regions_552.count"] = figure(provinces + regencies, "regions", 552, higher_is_better=True)
    results["load_reference.rerun_unchanged.seconds"] = figure(_timed(), "s", 10)
    results["load_reference.with_villages.seconds"] = figure(_timed("--with-villages"), "s", 300)
    results["load_reference.with_villages.count"] = figure(
        Region.objects.count(), "regions", 91_599, higher_is_better=True
    )
