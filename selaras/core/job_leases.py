"""Leases of running jobs: the heartbeat that renews them, the reaper that
fails or requeues the jobs whose worker was lost, and re-runs of failed jobs
(see `selaras.core.jobs`, which re-exports these names)."""

from __future__ import annotations

import logging
import threading
import traceback
from collections.abc import Callable
from datetime import datetime
from functools import cache
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connections, transaction
from django.tasks import Task
from django.utils import timezone
from django.utils.module_loading import autodiscover_modules, import_string
from django.utils.translation import gettext

from selaras.core.access import can
from selaras.core.models import Job, JobStatus

if TYPE_CHECKING:
    from selaras.core.jobs import Progress

logger = logging.getLogger("selaras.jobs")

# The heartbeat renews the lease and writes a progress value held back by
# the interval above, so the page is never more than this far behind.
HEARTBEAT_SECONDS = 3.0
# A worker silent for this long is taken for lost.
LEASE_SECONDS = 60.0
# Runs of one job before a lost worker fails it for good: the first, and
# one automatic requeue.
MAX_ATTEMPTS = 2


def enqueue(job_id: int, task: Task, task_kwargs: dict[str, Any]) -> None:
    try:
        result = task.enqueue(job_id=job_id, **task_kwargs)
    except Exception as exc:
        # The queue itself is down (Redis unreachable, table missing): say so
        # on the job page instead of leaving it "waiting" forever.
        Job.objects.filter(pk=job_id).update(
            status=JobStatus.FAILED,
            error=gettext("Pekerjaan tidak dapat dimasukkan ke antrean. Hubungi administrator."),
            error_detail="".join(traceback.format_exception(exc)),
            finished_at=timezone.now(),
        )
        raise
    Job.objects.filter(pk=job_id).update(task_result_id=str(result.id))


class Heartbeat(threading.Thread):
    """Renews a running job's lease while its task computes without
    reporting (one long query, a numpy screening step)."""

    def __init__(self, progress: Progress, every: float) -> None:
        super().__init__(name=f"job-{progress.job_id}-heartbeat", daemon=True)
        self.progress = progress
        self.every = every
        self.stopped = threading.Event()

    def run(self) -> None:
        try:
            while not self.stopped.wait(self.every):
                try:
                    self.progress.beat()
                except Exception:
                    # A dropped connection: the next beat tries again.
                    logger.warning("Heartbeat of job %s failed", self.progress.job_id, exc_info=True)
                    connections.close_all()
        finally:
            connections.close_all()  # this thread's connections only

    def stop(self) -> None:
        self.stopped.set()
        # Bounded: a beat waiting on a lock the task holds must not hold up
        # the job's end (it is a daemon thread, and writes only while running).
        self.join(timeout=self.every + 5)


# --- lost workers and re-runs -------------------------------------------------
# An app whose job has a record of its own to fail with it (a check run)
# registers a hook in its `tasks` module: `@job_failure_hook("sync.check")`.
# It may also narrow who may re-run its jobs: `@job_rerun_guard(...)`.

JobHook = Callable[[Job, str], None]
RerunGuard = Callable[[Any, Job], bool]
_failure_hooks: dict[str, JobHook] = {}
_rerun_guards: dict[str, RerunGuard] = {}


def job_failure_hook(kind: str) -> Callable[[JobHook], JobHook]:
    """Register what else to fail when a job of `kind` is found lost."""

    def register(hook: JobHook) -> JobHook:
        _failure_hooks[kind] = hook
        return hook

    return register


def job_rerun_guard(kind: str) -> Callable[[RerunGuard], RerunGuard]:
    """Register who may re-run a job of `kind` (besides reading it)."""

    def register(guard: RerunGuard) -> RerunGuard:
        _rerun_guards[kind] = guard
        return guard

    return register


@cache
def _discover_hooks() -> None:
    # Where tasks are defined, and so their hooks: an app's `tasks` module,
    # or `imports` for the spreadsheet imports.
    autodiscover_modules("tasks", "imports")


def _lost_reason() -> str:
    return gettext("Pekerja latar berhenti tanpa kabar (mati atau kehilangan koneksi) sebelum pekerjaan ini selesai.")


def _fail_queue_task(job: Job, reason: str) -> None:
    """Mark the job's queue task failed, so the queue too stops calling it running."""
    if not (job.task_result_id and job.task_path):
        return
    try:
        backend = import_string(job.task_path).get_backend()
        fail = getattr(backend, "fail_lost", None)
        if fail is not None:
            fail(job.task_result_id, reason)
            return
        from django_tasks_db.backend import DatabaseBackend
        from django_tasks_db.models import DBTaskResult

        if isinstance(backend, DatabaseBackend):
            DBTaskResult.objects.filter(id=job.task_result_id, status="RUNNING").update(
                status="FAILED",
                finished_at=timezone.now(),
                exception_class_path="selaras.core.jobs.LostWorker",
                traceback=reason,
            )
    except Exception:
        logger.exception("Could not fail the queue task of job %s", job.pk)


def _run_failure_hook(job: Job, reason: str) -> None:
    _discover_hooks()
    hook = _failure_hooks.get(job.kind)
    if hook is None:
        return
    try:
        hook(job, reason)
    except Exception:
        logger.exception("Failure hook of job %s (%s) failed", job.pk, job.kind)


def jobs_reap(*, now: datetime | None = None) -> list[int]:
    """Fail the running jobs whose lease has expired; requeue each once.

    Returns the ids of the jobs requeued. Safe to run from several workers
    at once: each job is claimed by a conditional UPDATE.
    """
    now = now or timezone.now()
    requeued: list[int] = []
    expired = Job.objects.filter(status=JobStatus.RUNNING, lease_expires_at__lt=now)
    for job in expired:
        reason = _lost_reason()
        claim = Job.objects.filter(pk=job.pk, status=JobStatus.RUNNING, lease_expires_at=job.lease_expires_at)
        again = job.attempts < MAX_ATTEMPTS and bool(job.task_path)
        if again:
            note = gettext("%(reason)s Dimasukkan lagi ke antrean otomatis (percobaan ke-%(attempt)s).") % {
                "reason": reason,
                "attempt": job.attempts + 1,
            }
            if not claim.update(
                status=JobStatus.QUEUED, lease_expires_at=None, message=note[:255], error=note, updated_at=now
            ):
                continue
        elif not claim.update(
            status=JobStatus.FAILED, lease_expires_at=None, error=reason, finished_at=now, updated_at=now
        ):
            continue
        logger.warning("Job %s (%s) lost its worker; %s", job.pk, job.kind, "requeued" if again else "failed")
        _fail_queue_task(job, reason)
        _run_failure_hook(job, reason)
        if again:
            enqueue(job.pk, import_string(job.task_path), job.task_kwargs)
            requeued.append(job.pk)
    return requeued


def reap_quietly() -> None:
    # Starting a job must not fail because an old one could not be requeued.
    try:
        jobs_reap()
    except Exception:
        logger.exception("Reaping lost jobs failed")


def job_is_stuck(job: Job, *, now: datetime | None = None) -> bool:
    """Running on paper, but its worker stopped renewing the lease."""
    return (
        job.status == JobStatus.RUNNING
        and job.lease_expires_at is not None
        and job.lease_expires_at < (now or timezone.now())
    )


def job_may_rerun(user, job: Job) -> bool:
    """Whether `user` may run this failed or stuck job again: the person
    who started it or an administrator, and whoever the job's app allows."""
    if not job.task_path or not (job.status == JobStatus.FAILED or job_is_stuck(job)):
        return False
    from selaras.core.policies import RERUN

    if not getattr(user, "is_authenticated", False) or not can(user, RERUN, job):
        return False
    _discover_hooks()
    guard = _rerun_guards.get(job.kind)
    return guard is None or guard(user, job)


def job_rerun(*, job: Job, by) -> Job:
    """Queue a failed (or stuck) job again, from the start, as a fresh run."""
    if not job.task_path or not (job.status == JobStatus.FAILED or job_is_stuck(job)):
        raise ValidationError(gettext("Hanya pekerjaan yang gagal atau macet yang dapat dijalankan ulang."))
    if not job_may_rerun(by, job):
        raise PermissionDenied(gettext("Anda tidak berwenang menjalankan ulang pekerjaan ini."))
    stuck = job_is_stuck(job)
    with transaction.atomic():
        claimed = Job.objects.filter(pk=job.pk, status=job.status, updated_at=job.updated_at).update(
            status=JobStatus.QUEUED,
            attempts=0,
            progress_done=0,
            message=gettext("Dijalankan ulang"),
            error="",
            error_detail="",
            result={},
            lease_expires_at=None,
            started_at=None,
            finished_at=None,
            updated_at=timezone.now(),
        )
        if not claimed:
            raise ValidationError(gettext("Pekerjaan ini baru saja berubah. Muat ulang halaman."))
        if stuck:
            _fail_queue_task(job, _lost_reason())
        task, kwargs = import_string(job.task_path), job.task_kwargs
        transaction.on_commit(lambda: enqueue(job.pk, task, kwargs))
    job.refresh_from_db()
    return job
