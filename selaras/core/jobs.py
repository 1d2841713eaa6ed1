"""Background jobs a person starts and watches.

A view or service calls `job_start(kind=..., label=..., task=..., by=user,
**task_kwargs)`: it creates the `Job` row and, once the surrounding
transaction commits, enqueues the Django task with `job_id=<id>` added to its
keyword arguments. The task body reports through `job_running`:

    @task
    def rebuild_index(*, job_id: int) -> None:
        with job_running(job_id) as progress:
            for done, item in enumerate(items, 1):
                ...
                progress.update(done, len(items), gettext("Mengindeks %(name)s") % {"name": item})
            progress.result = {"indexed": len(items)}

On success the job is marked succeeded with its progress complete; on any
exception it is marked failed with a reason a person can act on (the message
of a `JobError` or a `ValidationError`, otherwise a generic sentence), the
traceback kept apart for administrators, and the exception re-raised so the
queue records the failure too. That includes `SystemExit` and
`KeyboardInterrupt` (a worker stopped in the middle of the job).

A running job holds a lease that its worker renews (every progress write,
and a heartbeat thread for long silent steps). A worker killed outright
cannot mark anything; `jobs_reap`, run when a worker starts, periodically
in the worker and when a job is started, finds the jobs whose lease has
expired, fails their queue task and requeues the job once (`MAX_ATTEMPTS`),
then fails it for good with a reason. A failed job can be re-run from its
page (`job_rerun`).
"""

from __future__ import annotations

import logging
import threading
import time
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import cache
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connections, transaction
from django.db.models import F
from django.tasks import Task
from django.utils import timezone
from django.utils.module_loading import autodiscover_modules, import_string
from django.utils.translation import gettext

from selaras.core import events
from selaras.core.access import can
from selaras.core.context import acting_as
from selaras.core.models import Job, JobStatus

logger = logging.getLogger("selaras.jobs")

# Progress is written at most this often (seconds) within one step: a loop
# over 80,000 villages must not turn into 80,000 UPDATEs. A new step (a new
# message) is always written at once.
PROGRESS_WRITE_INTERVAL = 0.5
# The heartbeat renews the lease and writes a progress value held back by
# the interval above, so the page is never more than this far behind.
HEARTBEAT_SECONDS = 3.0
# A worker silent for this long is taken for lost.
LEASE_SECONDS = 60.0
# Runs of one job before a lost worker fails it for good: the first, and
# one automatic requeue.
MAX_ATTEMPTS = 2


class JobError(Exception):
    """A failure whose message is meant for the person who started the job
    (bad input in an uploaded file, a missing reference record)."""


def job_start(
    *,
    kind: str,
    label: str,
    task: Task,
    by,
    agency=None,
    region=None,
    total: int = 0,
    **task_kwargs: Any,
) -> Job:
    """Create a job and enqueue `task(job_id=..., **task_kwargs)` after commit.

    `agency` and `region` scope the job for the permission layer; every
    other keyword goes to the task and must be JSON-serialisable.
    """
    if not kind or not label:
        raise ValidationError(gettext("Jenis dan judul pekerjaan wajib diisi."))
    user = by if getattr(by, "is_authenticated", False) else None
    with transaction.atomic():
        job = Job.objects.create(
            kind=kind,
            label=label[:255],
            started_by=user,
            agency=agency,
            region=region,
            progress_total=max(0, total),
            task_path=task.module_path,
            task_kwargs=task_kwargs,
        )
        # Enqueue only once the Job row is visible to other connections: a
        # worker on another machine (Redis queue) must find it.
        transaction.on_commit(lambda: _enqueue(job.pk, task, task_kwargs))
        transaction.on_commit(_reap_quietly)
    return job


def _enqueue(job_id: int, task: Task, task_kwargs: dict[str, Any]) -> None:
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


class Progress:
    """The handle a running task uses to report how far it is.

    Thread-safe: the heartbeat thread writes what `update` held back.
    """

    def __init__(
        self,
        job: Job,
        *,
        interval: float = PROGRESS_WRITE_INTERVAL,
        lease: float = LEASE_SECONDS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.job_id = job.pk
        self.done = job.progress_done
        self.total = job.progress_total
        self.message = job.message
        self.result: dict[str, Any] = {}
        self._interval = interval
        self._lease = lease
        self._clock = clock
        self._last_write = float("-inf")
        self._pending = False
        self._lock = threading.Lock()

    def update(self, done: int, total: int | None = None, message: str | None = None) -> None:
        """Record progress. Written at once when the step (the message)
        changes or `done` reaches the total, otherwise at most every
        `interval` seconds; a value held back is written by the next update
        after the interval, the heartbeat, or the end of the job."""
        with self._lock:
            if total is not None:
                self.total = max(0, int(total))
            self.done = max(0, int(done))
            new_step = False
            if message is not None:
                message = str(message)[:255]
                new_step = message != self.message
                self.message = message
            self._pending = True
            due = self._clock() - self._last_write >= self._interval
        if new_step or due or (self.total and self.done >= self.total):
            self.flush()

    def flush(self) -> None:
        """Write the current progress and renew the lease."""
        with self._lock:
            done, total, message = self.done, self.total, self.message
            self._pending = False
            self._last_write = self._clock()
        now = timezone.now()
        # Only while running: a late heartbeat never rewrites a finished job.
        Job.objects.filter(pk=self.job_id, status=JobStatus.RUNNING).update(
            progress_done=done,
            progress_total=total,
            message=message,
            lease_expires_at=now + timedelta(seconds=self._lease),
            updated_at=now,
        )

    def beat(self) -> None:
        """The heartbeat: write what was held back, or just renew the lease."""
        if self._pending:
            self.flush()
            return
        Job.objects.filter(pk=self.job_id, status=JobStatus.RUNNING).update(
            lease_expires_at=timezone.now() + timedelta(seconds=self._lease)
        )


class _Heartbeat(threading.Thread):
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


def user_reason(exc: BaseException) -> str:
    """What the person who started the job is told about a failure."""
    if isinstance(exc, JobError):
        return str(exc)
    if isinstance(exc, ValidationError):
        return " ".join(str(m) for m in exc.messages)
    if isinstance(exc, (SystemExit, KeyboardInterrupt)):
        return gettext("Pekerja latar dihentikan sebelum pekerjaan ini selesai. Jalankan ulang dari halaman ini.")
    return gettext("Terjadi kesalahan tak terduga (%(kind)s). Rincian teknis tersimpan untuk administrator.") % {
        "kind": type(exc).__name__
    }


@contextmanager
def job_running(
    job_id: int,
    *,
    interval: float = PROGRESS_WRITE_INTERVAL,
    heartbeat: float | None = HEARTBEAT_SECONDS,
    lease: float = LEASE_SECONDS,
    clock: Callable[[], float] = time.monotonic,
) -> Iterator[Progress]:
    """Mark the job running, yield its `Progress`, and record the outcome,
    whichever way the block is left."""
    job = Job.objects.select_related("started_by").get(pk=job_id)
    started = timezone.now()
    Job.objects.filter(pk=job_id).update(
        status=JobStatus.RUNNING,
        started_at=started,
        finished_at=None,
        error="",
        error_detail="",
        attempts=F("attempts") + 1,
        lease_expires_at=started + timedelta(seconds=lease),
        updated_at=started,
    )
    progress = Progress(job, interval=interval, lease=lease, clock=clock)
    beating = _Heartbeat(progress, heartbeat) if heartbeat else None
    if beating is not None:
        beating.start()
    try:
        with acting_as(job.started_by, via=f"job:{job.kind}"):
            yield progress
    except BaseException as exc:
        if beating is not None:
            beating.stop()
        Job.objects.filter(pk=job_id).update(
            status=JobStatus.FAILED,
            progress_done=progress.done,
            progress_total=progress.total,
            message=progress.message,
            error=user_reason(exc),
            error_detail="".join(traceback.format_exception(exc)),
            lease_expires_at=None,
            finished_at=timezone.now(),
            updated_at=timezone.now(),
        )
        events.emit("job.finished", job_id=job_id, run=job.attempts + 1)
        raise
    if beating is not None:
        beating.stop()
    total = max(progress.total, progress.done)
    Job.objects.filter(pk=job_id).update(
        status=JobStatus.SUCCEEDED,
        progress_done=total,
        progress_total=total,
        message=progress.message,
        result=progress.result,
        lease_expires_at=None,
        finished_at=timezone.now(),
        updated_at=timezone.now(),
    )
    events.emit("job.finished", job_id=job_id, run=job.attempts + 1)


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
            _enqueue(job.pk, import_string(job.task_path), job.task_kwargs)
            requeued.append(job.pk)
    return requeued


def _reap_quietly() -> None:
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
        transaction.on_commit(lambda: _enqueue(job.pk, task, kwargs))
    job.refresh_from_db()
    return job


# --- what a finished job says -------------------------------------------------
# A task stores its result as plain data (`{"run": 7, "new": 0, ...}`); the
# job page shows it as labelled lines and a link back to what started the
# job. The app that defines a task registers its presenter in a
# `job_presenters` module, found like admin modules are.


@dataclass(frozen=True)
class JobSummary:
    """The result of a job as a person reads it."""

    lines: list[tuple[str, Any]] = field(default_factory=list)
    links: list[tuple[str, str]] = field(default_factory=list)  # (label, url)


JobPresenter = Callable[[Job], JobSummary]
_presenters: dict[str, JobPresenter] = {}


def job_presenter(kind: str) -> Callable[[JobPresenter], JobPresenter]:
    """Register the presenter of one job kind: `@job_presenter("plan_import")`."""

    def register(presenter: JobPresenter) -> JobPresenter:
        _presenters[kind] = presenter
        return presenter

    return register


@cache
def _discover() -> None:
    autodiscover_modules("job_presenters")


def job_summary(job: Job) -> JobSummary:
    _discover()
    presenter = _presenters.get(job.kind)
    if presenter is not None:
        return presenter(job)
    # A kind nobody described yet: show what it stored rather than nothing.
    result = job.result
    if isinstance(result, dict):
        return JobSummary(lines=[(str(key), value) for key, value in result.items()])
    return JobSummary(lines=[(gettext("Hasil"), result)] if result else [])
