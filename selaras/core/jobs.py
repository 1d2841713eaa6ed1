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
page (`job_rerun`). Leases, the heartbeat, the reaper and re-runs live in
`selaras.core.job_leases`; their names stay importable from here.
"""

from __future__ import annotations

import logging
import threading
import time
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import timedelta
from functools import cache
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.tasks import Task
from django.utils import timezone
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext

from selaras.core import events
from selaras.core.context import acting_as
from selaras.core.job_leases import (  # noqa: F401 -- re-exported
    HEARTBEAT_SECONDS,
    LEASE_SECONDS,
    MAX_ATTEMPTS,
    Heartbeat,
    JobHook,
    RerunGuard,
    enqueue,
    job_failure_hook,
    job_is_stuck,
    job_may_rerun,
    job_rerun,
    job_rerun_guard,
    jobs_reap,
    reap_quietly,
)
from selaras.core.models import Job, JobStatus

logger = logging.getLogger("selaras.jobs")

# Progress is written at most this often (seconds) within one step: a loop
# over 80,000 villages must not turn into 80,000 UPDATEs. A new step (a new
# message) is always written at once.
PROGRESS_WRITE_INTERVAL = 0.5


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
        transaction.on_commit(lambda: enqueue(job.pk, task, task_kwargs))
        transaction.on_commit(reap_quietly)
    return job


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
        try:
            # Only while running: a late heartbeat never rewrites a finished job.
            Job.objects.filter(pk=self.job_id, status=JobStatus.RUNNING).update(
                progress_done=done,
                progress_total=total,
                message=message,
                lease_expires_at=now + timedelta(seconds=self._lease),
                updated_at=now,
            )
        except BaseException:
            # Not written (a locked table, a dropped connection): still held
            # back, so the next beat or update writes it rather than losing it.
            with self._lock:
                self._pending = True
            raise

    def beat(self) -> None:
        """The heartbeat: write what was held back, or just renew the lease."""
        if self._pending:
            self.flush()
            return
        Job.objects.filter(pk=self.job_id, status=JobStatus.RUNNING).update(
            lease_expires_at=timezone.now() + timedelta(seconds=self._lease)
        )


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
    beating = Heartbeat(progress, heartbeat) if heartbeat else None
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
