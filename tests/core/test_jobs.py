"""Background jobs run through the real database worker (`db_worker`), not
an immediate or mocked backend: enqueue, let the worker take one batch in
this process, then look at what the person would see."""

from __future__ import annotations

import signal

import pytest
from django.core.management import call_command
from django.tasks import task
from django_tasks_db.models import DBTaskResult

from selaras.core.jobs import Progress, job_running, job_start
from selaras.core.models import Job, JobStatus
from selaras.registry.tasks import count_regions

# The worker commits as it goes, like in production: the test database must
# really commit too, so these tests use transactional databases.
worker_db = pytest.mark.django_db(transaction=True)


@task
def explode(*, job_id: int) -> None:
    with job_running(job_id) as progress:
        progress.update(3, 10, "Memproses baris 3")
        raise KeyError("kolom_hilang")


@pytest.fixture
def run_db_worker():
    """Run the real db_worker for whatever is queued, then put back the
    signal handlers it installs."""
    saved = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT)}

    def run() -> None:
        call_command(
            "db_worker", batch=True, reload=False, startup_delay=False, interval=0, verbosity=0, queue_name="*"
        )

    yield run
    for sig, handler in saved.items():
        signal.signal(sig, handler)


@worker_db
def test_a_job_run_by_the_database_worker_succeeds_with_full_progress(reference, cast, run_db_worker):
    job = job_start(kind="count_regions", label="Hitung wilayah", task=count_regions, by=cast.planner_a)
    job.refresh_from_db()
    assert job.status == JobStatus.QUEUED
    assert DBTaskResult.objects.filter(id=job.task_result_id, status="READY").exists()

    run_db_worker()

    job.refresh_from_db()
    assert job.status == JobStatus.SUCCEEDED, job.error_detail
    assert job.progress_total == 4  # one step per region level
    assert job.progress_done == job.progress_total
    assert job.percent == 100
    # The conftest slice: 2 provinces, 3 regencies, 1 district, no village.
    assert job.result == {"provinsi": 2, "kabkota": 3, "kecamatan": 1, "desa": 0}
    assert job.started_by == cast.planner_a
    assert job.started_at is not None and job.finished_at >= job.started_at
    assert DBTaskResult.objects.get(id=job.task_result_id).status == "SUCCESSFUL"


@worker_db
def test_a_job_with_bad_input_fails_with_the_reason_for_the_person(reference, cast, run_db_worker):
    job = job_start(kind="count_regions", label="Hitung wilayah", task=count_regions, by=cast.planner_a, prefix="99")

    run_db_worker()

    job.refresh_from_db()
    assert job.status == JobStatus.FAILED
    assert job.error == "Kode wilayah 99 tidak ditemukan."
    assert "JobError" in job.error_detail
    assert DBTaskResult.objects.get(id=job.task_result_id).status == "FAILED"


@worker_db
def test_an_unexpected_error_fails_the_job_without_showing_the_traceback_as_reason(cast, run_db_worker):
    job = job_start(kind="import", label="Impor rencana", task=explode, by=cast.planner_b)

    run_db_worker()

    job.refresh_from_db()
    assert job.status == JobStatus.FAILED
    assert "KeyError" in job.error and "administrator" in job.error
    assert "kolom_hilang" not in job.error
    assert "Traceback" in job.error_detail and "kolom_hilang" in job.error_detail
    # How far it got is kept, so the person knows where it stopped.
    assert (job.progress_done, job.progress_total, job.message) == (3, 10, "Memproses baris 3")


@worker_db
def test_a_job_is_enqueued_only_when_the_starting_transaction_commits(cast):
    from django.db import transaction

    class Rollback(Exception):
        pass

    with pytest.raises(Rollback), transaction.atomic():
        job_start(kind="count_regions", label="Hitung wilayah", task=count_regions, by=cast.viewer)
        raise Rollback

    assert not Job.objects.exists()
    assert not DBTaskResult.objects.exists()


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def _written(job: Job) -> tuple[int, int, str]:
    job.refresh_from_db()
    return job.progress_done, job.progress_total, job.message


def test_progress_within_a_step_is_throttled_but_every_new_step_is_written(db, cast):
    job = Job.objects.create(kind="demo", label="Contoh", started_by=cast.viewer, status=JobStatus.RUNNING)
    clock = FakeClock()
    progress = Progress(job, interval=5, clock=clock)

    progress.update(1, 10, "satu")
    assert _written(job) == (1, 10, "satu")

    clock.now += 0.1
    progress.update(2, 10, "satu")
    assert _written(job) == (1, 10, "satu")  # same step, too soon

    clock.now += 0.1
    progress.update(3, 10, "dua")
    assert _written(job) == (3, 10, "dua")  # a new step, however soon

    progress.update(10, 10, "dua")
    assert _written(job) == (10, 10, "dua")  # the end of the work


def test_a_held_back_value_is_written_after_the_interval_or_by_the_heartbeat(db, cast):
    job = Job.objects.create(kind="demo", label="Contoh", started_by=cast.viewer, status=JobStatus.RUNNING)
    clock = FakeClock()
    progress = Progress(job, interval=5, clock=clock)
    progress.update(1, 100, "baris")
    progress.update(2, 100, "baris")
    assert _written(job)[0] == 1

    clock.now += 5
    progress.update(3, 100, "baris")
    assert _written(job)[0] == 3  # the next update after the interval

    progress.update(4, 100, "baris")
    assert _written(job)[0] == 3
    progress.beat()  # a long silent step: the heartbeat flushes the last value
    assert _written(job)[0] == 4


@worker_db
def test_a_job_stopped_before_the_interval_keeps_its_last_progress(cast):
    job = Job.objects.create(kind="demo", label="Contoh", started_by=cast.viewer)
    with pytest.raises(SystemExit), job_running(job.pk, interval=3600, heartbeat=None) as progress:
        progress.update(1, 10, "baris")
        progress.update(7, 10, "baris")
        raise SystemExit(1)
    job.refresh_from_db()
    assert (job.progress_done, job.status) == (7, JobStatus.FAILED)
    assert "dihentikan" in job.error


def test_it_rejects_a_job_without_kind_or_label(db, cast):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        job_start(kind="", label="x", task=count_regions, by=cast.viewer)
    assert not Job.objects.exists()


def test_a_value_whose_write_failed_stays_held_back_for_the_next_beat(db, cast, monkeypatch):
    from django.db import OperationalError
    from django.db.models import QuerySet

    job = Job.objects.create(kind="demo", label="Contoh", started_by=cast.viewer, status=JobStatus.RUNNING)
    progress = Progress(job, interval=3600, clock=FakeClock())
    progress.update(1, 100, "baris")
    progress.update(6, 100, "baris")  # held back
    real_update = QuerySet.update

    def locked(self, **values):
        raise OperationalError("database table is locked: core_job")

    monkeypatch.setattr(QuerySet, "update", locked)
    with pytest.raises(OperationalError):
        progress.beat()  # the heartbeat thread logs this and beats again
    monkeypatch.setattr(QuerySet, "update", real_update)
    assert _written(job)[0] == 1
    progress.beat()
    assert _written(job)[0] == 6


@worker_db
def test_the_heartbeat_writes_a_held_back_value_and_renews_the_lease_during_a_silent_step(cast):
    import time

    job = Job.objects.create(kind="demo", label="Contoh", started_by=cast.viewer)
    with job_running(job.pk, interval=3600, heartbeat=0.02, lease=60) as progress:
        progress.update(1, 10, "baris")
        first_lease = Job.objects.get(pk=job.pk).lease_expires_at
        progress.update(6, 10, "baris")
        deadline = time.monotonic() + 5
        while Job.objects.get(pk=job.pk).progress_done != 6 and time.monotonic() < deadline:
            time.sleep(0.02)
        job.refresh_from_db()
        assert job.progress_done == 6
        assert job.lease_expires_at > first_lease
    job.refresh_from_db()
    assert job.status == JobStatus.SUCCEEDED and job.lease_expires_at is None


def test_a_late_heartbeat_never_rewrites_a_finished_job(db, cast):
    job = Job.objects.create(
        kind="demo", label="Contoh", started_by=cast.viewer, status=JobStatus.SUCCEEDED, progress_done=10,
        progress_total=10,
    )  # fmt: skip
    progress = Progress(job, interval=3600)
    progress.update(4, 10)
    progress.beat()
    job.refresh_from_db()
    assert (job.progress_done, job.lease_expires_at) == (10, None)
