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
queue records the failure too.
"""

from __future__ import annotations

import time
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.tasks import Task
from django.utils import timezone
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext

from selaras.audit.context import acting_as
from selaras.core.models import Job, JobStatus

# Progress is written at most this often (seconds): a loop over 80,000
# villages must not turn into 80,000 UPDATEs.
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
        )
        # Enqueue only once the Job row is visible to other connections: a
        # worker on another machine (Redis queue) must find it.
        transaction.on_commit(lambda: _enqueue(job.pk, task, task_kwargs))
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
    """The handle a running task uses to report how far it is."""

    def __init__(self, job: Job, *, interval: float = PROGRESS_WRITE_INTERVAL) -> None:
        self.job_id = job.pk
        self.done = job.progress_done
        self.total = job.progress_total
        self.message = job.message
        self.result: dict[str, Any] = {}
        self._interval = interval
        self._last_write = float("-inf")

    def update(self, done: int, total: int | None = None, message: str | None = None) -> None:
        """Record progress; written to the database at most every
        `PROGRESS_WRITE_INTERVAL` seconds, and always when `done` reaches
        the total."""
        if total is not None:
            self.total = max(0, int(total))
        self.done = max(0, int(done))
        if message is not None:
            self.message = str(message)[:255]
        now = time.monotonic()
        if now - self._last_write >= self._interval or (self.total and self.done >= self.total):
            self.flush()
            self._last_write = now

    def flush(self) -> None:
        Job.objects.filter(pk=self.job_id).update(
            progress_done=self.done, progress_total=self.total, message=self.message, updated_at=timezone.now()
        )


def user_reason(exc: BaseException) -> str:
    """What the person who started the job is told about a failure."""
    if isinstance(exc, JobError):
        return str(exc)
    if isinstance(exc, ValidationError):
        return " ".join(str(m) for m in exc.messages)
    return gettext("Terjadi kesalahan tak terduga (%(kind)s). Rincian teknis tersimpan untuk administrator.") % {
        "kind": type(exc).__name__
    }


@contextmanager
def job_running(job_id: int, *, interval: float = PROGRESS_WRITE_INTERVAL) -> Iterator[Progress]:
    """Mark the job running, yield its `Progress`, and record the outcome."""
    job = Job.objects.select_related("started_by").get(pk=job_id)
    started = timezone.now()
    Job.objects.filter(pk=job_id).update(
        status=JobStatus.RUNNING, started_at=started, finished_at=None, error="", error_detail="", updated_at=started
    )
    progress = Progress(job, interval=interval)
    try:
        with acting_as(job.started_by, via=f"job:{job.kind}"):
            yield progress
    except BaseException as exc:
        Job.objects.filter(pk=job_id).update(
            status=JobStatus.FAILED,
            progress_done=progress.done,
            progress_total=progress.total,
            message=progress.message,
            error=user_reason(exc),
            error_detail="".join(traceback.format_exception(exc)),
            finished_at=timezone.now(),
            updated_at=timezone.now(),
        )
        raise
    total = max(progress.total, progress.done)
    Job.objects.filter(pk=job_id).update(
        status=JobStatus.SUCCEEDED,
        progress_done=total,
        progress_total=total,
        message=progress.message,
        result=progress.result,
        finished_at=timezone.now(),
        updated_at=timezone.now(),
    )


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
