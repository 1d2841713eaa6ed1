"""Job round trip through the database queue: from `job_start` until the
Job reads succeeded, with a real `selaras db-worker` process polling at its
default interval (1 s), as in `make demo`. One warm-up job (the worker
booting) is not counted; jobs are spaced so the worker is found idle, as a
person's click would find it."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time

from bench.run import figure

JOBS = 8
# Pauses between jobs, so the requests land at different points of the
# worker's poll interval instead of locking onto one phase of it.
SPACINGS = [0.3 + 0.17 * i for i in range(JOBS)]


def run(results: dict) -> None:
    from selaras.core.jobs import job_start
    from selaras.core.models import Job, JobStatus
    from selaras.registry.tasks import count_regions

    def round_trip() -> float:
        started = time.perf_counter()
        job = job_start(kind="bench", label="bench", task=count_regions, by=None)
        status = None
        while time.perf_counter() < started + 60:
            status = Job.objects.values_list("status", flat=True).get(pk=job.pk)
            if status in (JobStatus.SUCCEEDED, JobStatus.FAILED):
                break
            time.sleep(0.02)
        if status != JobStatus.SUCCEEDED:
            raise RuntimeError(f"job {job.pk} ended {status}: {Job.objects.get(pk=job.pk).error}")
        return time.perf_counter() - started

    worker = subprocess.Popen(
        [sys.executable, "-m", "selaras", "db-worker", "--queue-name", "*", "--no-startup-delay", "-v", "0"],
        env=os.environ.copy(),
    )
    try:
        round_trip()  # warm-up: the worker process is still booting
        latencies = []
        for pause in SPACINGS:
            time.sleep(pause)
            latencies.append(round_trip())
    finally:
        worker.terminate()
        worker.wait(timeout=30)
    results["job_roundtrip.db_worker.median_seconds"] = figure(statistics.median(latencies), "s", 2.0)
    results["job_roundtrip.db_worker.max_seconds"] = figure(max(latencies), "s", 3.0)
