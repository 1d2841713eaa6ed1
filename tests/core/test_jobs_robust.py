"""Jobs that cannot be left "running" forever: a worker stopped mid-way, a
worker killed outright (the lease), a dropped database connection, and the
re-run from the job's page. Time is injected (leases, sleeps), never waited."""

from __future__ import annotations

import signal
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db.models import F
from django.db.utils import OperationalError
from django.utils import timezone
from django_tasks_db.models import DBTaskResult, DBTaskResultQuerySet

from selaras.core.jobs import MAX_ATTEMPTS, job_start, jobs_reap
from selaras.core.management.commands.db_worker import Worker
from selaras.core.models import Job, JobStatus
from selaras.registry.tasks import count_regions
from tests.conftest import PASSWORD

worker_db = pytest.mark.django_db(transaction=True)


@pytest.fixture
def run_db_worker():
    saved = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT)}

    def run() -> None:
        call_command(
            "db_worker", batch=True, reload=False, startup_delay=False, interval=0, verbosity=0, queue_name="*"
        )

    yield run
    for sig, handler in saved.items():
        signal.signal(sig, handler)


def _worker_dies_in(job: Job, *, lease: float = 60) -> None:
    """What `kill -9` leaves behind: the queue task claimed, the job started
    as `job_running` starts it, and no exit handler run."""
    DBTaskResult.objects.filter(id=job.task_result_id).update(status="RUNNING", started_at=timezone.now())
    Job.objects.filter(pk=job.pk).update(
        status=JobStatus.RUNNING, attempts=F("attempts") + 1, lease_expires_at=timezone.now() + timedelta(seconds=lease)
    )


def _start_check(by):
    # A cycle run: a national one is split into shard jobs (tests/sync/test_sharding.py).
    from selaras.plans.models import Cycle, Programme
    from selaras.registry.models import Agency
    from selaras.sync.services import check_run_start

    programme = Programme.objects.create(
        coordinator=Agency.objects.order_by("pk").first(),
        code="P-JOBS",
        name="Program",
        kind="cooperation",
        start_year=2024,
        end_year=2026,
    )
    return check_run_start(by=by, scope="cycle", cycle=Cycle.objects.create(programme=programme, year=2024))


@worker_db
def test_a_check_run_stopped_mid_way_is_failed_with_a_reason_and_re_run_from_its_page(
    client, cast, reference, run_db_worker, monkeypatch
):
    from selaras.sync import engine
    from selaras.sync.models import CheckRun, RunStatus

    def finished(run, progress=None):
        # The rules themselves are tested in tests/sync; here only how the run ends.
        run.status, run.counts = RunStatus.SUCCEEDED, {"new": 0, "total": 0}
        run.save(update_fields=["status", "counts"])
        progress(1, 1, "selesai")
        return run

    def stopped(run, progress=None):
        run.status = RunStatus.RUNNING
        run.save(update_fields=["status"])
        progress(1, 5, "aturan pertama")
        raise SystemExit(1)  # the worker's second Ctrl-C, mid-rule

    monkeypatch.setattr(engine, "execute", stopped)
    run = _start_check(cast.admin)
    run_db_worker()

    job = Job.objects.get(pk=run.job_id)
    run.refresh_from_db()
    assert job.status == JobStatus.FAILED and "dihentikan" in job.error
    assert (job.progress_done, job.message) == (1, "aturan pertama")
    assert run.status == RunStatus.FAILED and run.error == job.error
    assert DBTaskResult.objects.get(id=job.task_result_id).status == "FAILED"

    assert client.login(username=cast.admin.username, password=PASSWORD)
    page = client.get(f"/jobs/{job.pk}/").content.decode()
    assert "Jalankan ulang" in page
    client.post(f"/jobs/{job.pk}/rerun/")
    job.refresh_from_db()
    assert job.status == JobStatus.QUEUED and job.error == "" and job.attempts == 0

    monkeypatch.setattr(engine, "execute", finished)
    run_db_worker()
    job.refresh_from_db()
    run.refresh_from_db()
    assert job.status == JobStatus.SUCCEEDED, job.error_detail
    assert run.status == RunStatus.SUCCEEDED and run.error == ""
    assert CheckRun.objects.count() == 1


@worker_db
def test_only_someone_who_may_start_it_sees_and_uses_the_re_run_button(client, cast, reference):
    job = Job.objects.create(
        kind="count_regions", label="Hitung", started_by=cast.planner_a, status=JobStatus.FAILED,
        error="Gagal", task_path=count_regions.module_path,
    )  # fmt: skip
    running = Job.objects.create(
        kind="count_regions", label="Hitung", started_by=cast.planner_a, status=JobStatus.RUNNING,
        task_path=count_regions.module_path, lease_expires_at=timezone.now() + timedelta(minutes=1),
    )  # fmt: skip
    assert client.login(username=cast.planner_a.username, password=PASSWORD)
    assert "Jalankan ulang" in client.get(f"/jobs/{job.pk}/").content.decode()
    assert "Jalankan ulang" not in client.get(f"/jobs/{running.pk}/").content.decode()
    client.post(f"/jobs/{running.pk}/rerun/")
    running.refresh_from_db()
    assert running.status == JobStatus.RUNNING  # a live job is not run twice

    client.logout()
    assert client.login(username=cast.planner_b.username, password=PASSWORD)
    assert client.post(f"/jobs/{job.pk}/rerun/").status_code == 404
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED


@worker_db
def test_an_expired_lease_fails_the_queue_task_and_requeues_the_job_exactly_once(cast, reference, run_db_worker):
    job = job_start(kind="count_regions", label="Hitung wilayah", task=count_regions, by=cast.planner_a)
    job.refresh_from_db()
    first_task = job.task_result_id
    _worker_dies_in(job)

    assert jobs_reap() == []  # the lease still runs
    later = timezone.now() + timedelta(seconds=61)
    assert jobs_reap(now=later) == [job.pk]
    assert jobs_reap(now=later) == []  # claimed once, whoever reaps again

    job.refresh_from_db()
    assert job.status == JobStatus.QUEUED and "berhenti tanpa kabar" in job.error
    assert DBTaskResult.objects.get(id=first_task).status == "FAILED"
    second_task = job.task_result_id
    assert second_task != first_task
    assert DBTaskResult.objects.get(id=second_task).status == "READY"

    # The second worker dies too: this time the job fails for good.
    _worker_dies_in(job)
    job.refresh_from_db()
    assert job.attempts == MAX_ATTEMPTS
    assert jobs_reap(now=timezone.now() + timedelta(seconds=61)) == []
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED and "berhenti tanpa kabar" in job.error
    assert DBTaskResult.objects.get(id=second_task).status == "FAILED"
    assert DBTaskResult.objects.count() == 2


@worker_db
def test_a_restarted_worker_takes_up_the_job_of_a_killed_one(cast, reference, run_db_worker):
    job = job_start(kind="count_regions", label="Hitung wilayah", task=count_regions, by=cast.planner_a)
    job.refresh_from_db()
    _worker_dies_in(job, lease=-1)  # and its lease has run out since

    run_db_worker()  # reaps when it starts

    job.refresh_from_db()
    assert job.status == JobStatus.SUCCEEDED and job.attempts == 2, job.error_detail
    assert job.result["provinsi"] == 2


@worker_db
def test_a_lost_check_run_fails_with_its_job(cast, reference):
    from selaras.sync.models import RunStatus

    run = _start_check(cast.admin)
    job = Job.objects.get(pk=run.job_id)
    Job.objects.filter(pk=job.pk).update(attempts=MAX_ATTEMPTS - 1)
    _worker_dies_in(job)
    jobs_reap(now=timezone.now() + timedelta(seconds=61))

    job.refresh_from_db()
    run.refresh_from_db()
    assert job.status == JobStatus.FAILED
    assert run.status == RunStatus.FAILED and run.error == job.error


@worker_db
def test_the_db_worker_survives_a_dropped_database_connection(cast, reference, monkeypatch):
    job = job_start(kind="count_regions", label="Hitung wilayah", task=count_regions, by=cast.planner_a)
    real_get_locked = DBTaskResultQuerySet.get_locked
    failures = iter([OperationalError("server closed the connection unexpectedly")])

    def flaky(self):
        error = next(failures, None)
        if error is not None:
            raise error
        return real_get_locked(self)

    monkeypatch.setattr(DBTaskResultQuerySet, "get_locked", flaky)
    pauses: list[float] = []
    worker = Worker(
        queue_names=["*"], interval=0, batch=True, backend_name="default", startup_delay=False,
        max_tasks=None, worker_id="w1", excluded_queue_names=[], sleep=pauses.append,
    )  # fmt: skip
    worker.run()

    job.refresh_from_db()
    assert job.status == JobStatus.SUCCEEDED, job.error_detail
    assert pauses == [1.0] and worker.connection_errors == 1


@worker_db
def test_an_import_is_re_run_only_while_its_upload_is_still_kept(cast, tmp_path):
    from selaras.core.jobs import job_may_rerun
    from selaras.plans.tasks import plan_import_task

    upload = tmp_path / "rkt.xlsx"
    job = Job.objects.create(
        kind="plan_import", label="Impor", started_by=cast.planner_a, status=JobStatus.FAILED,
        task_path=plan_import_task.module_path, task_kwargs={"plan_id": 1, "path": str(upload), "name": "rkt.xlsx"},
    )  # fmt: skip
    assert not job_may_rerun(cast.planner_a, job)  # deleted when the import ended
    upload.write_bytes(b"PK")
    assert job_may_rerun(cast.planner_a, job)  # its worker was lost: the file is still there


@worker_db
def test_a_worker_warms_up_once_before_its_first_task_and_a_failing_hook_does_not_stop_it(cast, reference, monkeypatch):
    from selaras.core import warmup

    job = job_start(kind="count_regions", label="Hitung wilayah", task=count_regions, by=cast.planner_a)
    seen: list[str] = []

    def broken() -> None:
        raise RuntimeError("no index")

    monkeypatch.setattr(warmup, "_HOOKS", {"broken": broken})
    warmup.register("probe", lambda: seen.append(Job.objects.get(pk=job.pk).status))
    worker = Worker(
        queue_names=["*"], interval=0, batch=False, backend_name="default", startup_delay=False,
        max_tasks=1, worker_id="w1", excluded_queue_names=[], reap_every=0,
    )  # fmt: skip
    worker.run()

    job.refresh_from_db()
    assert seen == [JobStatus.QUEUED]
    assert job.status == JobStatus.SUCCEEDED, job.error_detail


def test_the_sync_app_registers_the_warm_up_of_its_checks():
    from selaras.core.warmup import hooks
    from selaras.sync.shards import warm_up_checks
    from selaras.sync.similarity_service import warm_up

    assert hooks()["sync.similarity"] is warm_up and hooks()["sync.checks"] is warm_up_checks
