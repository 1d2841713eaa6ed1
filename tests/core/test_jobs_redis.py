"""The Redis queue, against the Redis server on 127.0.0.1:6379, with the
real worker loop taking the messages (skipped when no Redis answers)."""

from __future__ import annotations

import uuid

import pytest
import redis
from django.core.management import call_command
from django.core.management.base import CommandError
from django.tasks import TaskResultStatus, task
from django.tasks.exceptions import TaskResultDoesNotExist

from selaras.core.jobs import job_start
from selaras.core.models import JobStatus
from selaras.core.tasks_redis import RedisBackend
from selaras.registry.tasks import count_regions

REDIS_URL = "redis://127.0.0.1:6379/15"


def _redis_answers() -> bool:
    try:
        return bool(redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping())
    except redis.RedisError:
        return False


pytestmark = [
    pytest.mark.skipif(not _redis_answers(), reason="no Redis server answers on 127.0.0.1:6379"),
    pytest.mark.django_db(transaction=True),
]


@task
def add(a: int, b: int) -> int:
    return a + b


@task
def not_json() -> object:
    return object()


@pytest.fixture
def redis_queue(settings):
    """Settings as with TASKS_REDIS_URL set, under a prefix of this test's own."""
    prefix = f"selaras-test:{uuid.uuid4().hex}"
    settings.TASKS = {
        "default": {"BACKEND": "selaras.core.tasks_redis.RedisBackend", "OPTIONS": {"url": REDIS_URL, "prefix": prefix}}
    }
    yield prefix
    client = redis.Redis.from_url(REDIS_URL)
    keys = list(client.scan_iter(f"{prefix}:*"))
    if keys:
        client.delete(*keys)


def test_a_task_goes_through_redis_and_its_result_comes_back(redis_queue):
    result = add.enqueue(2, 3)
    assert isinstance(add.get_backend(), RedisBackend)
    assert add.get_result(result.id).status == TaskResultStatus.READY

    call_command("redis_worker", batch=True)

    result.refresh()
    assert result.status == TaskResultStatus.SUCCESSFUL
    assert result.return_value == 5
    assert result.started_at is not None and result.finished_at >= result.started_at
    assert len(result.worker_ids) == 1


def test_a_job_runs_through_the_redis_worker_with_progress(redis_queue, reference, cast):
    job = job_start(kind="count_regions", label="Hitung wilayah", task=count_regions, by=cast.coordinator)

    call_command("redis_worker", batch=True)

    job.refresh_from_db()
    assert job.status == JobStatus.SUCCEEDED, job.error_detail
    assert (job.progress_done, job.progress_total) == (4, 4)
    assert job.result["provinsi"] == 2
    assert count_regions.get_result(job.task_result_id).status == TaskResultStatus.SUCCESSFUL


def test_a_failing_job_is_failed_in_the_job_and_in_redis(redis_queue, reference, cast):
    job = job_start(kind="count_regions", label="Hitung wilayah", task=count_regions, by=cast.coordinator, prefix="99")

    call_command("redis_worker", batch=True)

    job.refresh_from_db()
    assert job.status == JobStatus.FAILED
    assert job.error == "Kode wilayah 99 tidak ditemukan."
    result = count_regions.get_result(job.task_result_id)
    assert result.status == TaskResultStatus.FAILED
    assert result.errors[0].exception_class_path == "selaras.core.jobs.JobError"


def test_a_return_value_that_is_not_json_fails_the_task(redis_queue):
    result = not_json.enqueue()
    call_command("redis_worker", batch=True)
    result.refresh()
    assert result.status == TaskResultStatus.FAILED
    assert "TypeError" in result.errors[0].exception_class_path


def test_an_unknown_result_id_is_reported_as_missing(redis_queue):
    with pytest.raises(TaskResultDoesNotExist):
        add.get_backend().get_result("no-such-id")


def test_the_redis_worker_refuses_to_run_on_the_database_queue(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    with pytest.raises(CommandError, match="TASKS_REDIS_URL"):
        call_command("redis_worker", batch=True)


def test_a_restarted_redis_worker_takes_up_the_job_of_a_killed_one(redis_queue, reference, cast):
    from datetime import timedelta

    from django.db.models import F
    from django.utils import timezone

    from selaras.core.models import Job

    job = job_start(kind="count_regions", label="Hitung wilayah", task=count_regions, by=cast.coordinator)
    job.refresh_from_db()
    backend = count_regions.get_backend()
    # The killed worker had taken the task and started the job (kill -9: no exit handler ran).
    backend.client.rpop(backend.queue_key("default"))
    backend.client.hset(backend.result_key(job.task_result_id), "status", TaskResultStatus.RUNNING.value)
    Job.objects.filter(pk=job.pk).update(
        status=JobStatus.RUNNING, attempts=F("attempts") + 1, lease_expires_at=timezone.now() - timedelta(seconds=1)
    )

    call_command("redis_worker", batch=True)  # reaps before taking anything

    lost = count_regions.get_result(job.task_result_id)
    assert lost.status == TaskResultStatus.FAILED
    assert lost.errors[0].exception_class_path == "selaras.core.jobs.LostWorker"
    job.refresh_from_db()
    assert job.status == JobStatus.SUCCEEDED and job.attempts == 2, job.error_detail
    assert count_regions.get_result(job.task_result_id).status == TaskResultStatus.SUCCESSFUL


def test_the_redis_worker_waits_out_a_dropped_connection(redis_queue, monkeypatch):
    from selaras.core.tasks_redis import RedisWorker

    result = add.enqueue(1, 1)
    backend = add.get_backend()
    real_rpop = backend.client.rpop
    failures = iter([redis.ConnectionError("Connection reset by peer")])

    def flaky(key):
        error = next(failures, None)
        if error is not None:
            raise error
        return real_rpop(key)

    monkeypatch.setattr(backend.client, "rpop", flaky)
    pauses: list[float] = []
    RedisWorker(backend, queue_names=["default"], worker_id="w1", batch=True, sleep=pauses.append).run()

    result.refresh()
    assert result.status == TaskResultStatus.SUCCESSFUL
    assert pauses == [1.0]
