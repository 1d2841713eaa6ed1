"""Background check runs.

A check run's status follows its job's: whichever way the task ends
(an error, a worker stopped mid-way, a worker lost without a word), the run
is failed with the same reason as the job, and both can be run again from
the job's page.
"""

from __future__ import annotations

import traceback

from django.tasks import task
from django.utils import timezone
from django.utils.translation import gettext as _

from selaras.core.jobs import JobError, job_failure_hook, job_rerun_guard, job_running, user_reason
from selaras.core.models import Job, JobStatus


def fail_run(run_id: int, reason: str) -> None:
    """Mark an unfinished check run failed with `reason` (shards fail their parent run this way)."""
    from selaras.sync.models import CheckRun, RunStatus

    CheckRun.objects.filter(pk=run_id).exclude(status=RunStatus.SUCCEEDED).update(
        status=RunStatus.FAILED, error=reason[:2000], finished_at=timezone.now(), updated_at=timezone.now()
    )


@task
def run_checks(*, job_id: int, run_id: int) -> dict:
    from selaras.sync import engine, shards
    from selaras.sync.models import CheckRun, RunScope, RunStatus

    run = CheckRun.objects.get(pk=run_id)
    if run.status != RunStatus.QUEUED or run.error:
        # A re-run: the previous attempt's outcome no longer applies.
        run.status, run.error, run.finished_at = RunStatus.QUEUED, "", None
        run.save(update_fields=["status", "error", "finished_at", "updated_at"])
    if run.scope == RunScope.NATIONAL:
        # Split by province for as many workers as take them; the job stays
        # running until its last shard finalises the run.
        try:
            started = shards.start(run, job_id)
        except BaseException as exc:
            reason = user_reason(exc)
            fail_run(run_id, reason)
            Job.objects.filter(pk=job_id).update(
                status=JobStatus.FAILED, error=reason, error_detail="".join(traceback.format_exception(exc)),
                finished_at=timezone.now(), lease_expires_at=None,
            )  # fmt: skip
            raise
        return {"run": run.pk, "shards": len(started)}
    with job_running(job_id) as progress:
        try:
            engine.execute(run, progress=lambda done, total, message: progress.update(done, total, message))
        except BaseException as exc:
            # BaseException: a worker stopped mid-run (SystemExit,
            # KeyboardInterrupt) must not leave the run "running" forever.
            fail_run(run_id, user_reason(exc))
            raise
        progress.result = {"run": run.pk, **run.counts}
        return run.counts


@task
def run_shard(
    *, job_id: int, run_id: int, parent_job_id: int, generation: str, province: str, takes_rest: bool
) -> dict:
    """One province of a national run (see `selaras.sync.shards`)."""
    from selaras.sync import engine, shards
    from selaras.sync.models import CheckRun

    run = CheckRun.objects.get(pk=run_id)
    with job_running(job_id) as progress:

        def report(done: int, total: int, message: str) -> None:
            step = message != progress.message
            progress.update(done, total, message)
            if step and not shards.report_progress(parent_job_id, generation, province, message):
                raise JobError(_stopped_reason())

        try:
            if not shards.report_progress(parent_job_id, generation, province, _("mulai")):
                raise JobError(_stopped_reason())
            counts = engine.execute_shard(run, province=province, takes_rest=takes_rest, progress=report)
            progress.update(progress.total, progress.total, _("disimpan"))
            shards.complete(
                run_id=run_id, parent_job_id=parent_job_id, generation=generation, province=province, counts=counts
            )
        except BaseException as exc:
            reason = _("Provinsi %(province)s: %(reason)s") % {"province": province or "-", "reason": user_reason(exc)}
            shards.fail(run_id=run_id, parent_job_id=parent_job_id, generation=generation, reason=reason)
            raise
        progress.result = {"run": run_id, "province": province, **counts}
        return counts


def _stopped_reason() -> str:
    return _("Pemeriksaan nasional ini sudah gagal atau dijalankan ulang; bagian ini dihentikan.")


@job_failure_hook("sync.check.shard")
def _fail_lost_shard(job, reason: str) -> None:
    from selaras.sync import shards

    kwargs = job.task_kwargs or {}
    if kwargs.get("run_id") and kwargs.get("parent_job_id"):
        shards.fail(
            run_id=kwargs["run_id"],
            parent_job_id=kwargs["parent_job_id"],
            generation=kwargs.get("generation"),
            reason=reason,
        )


@job_rerun_guard("sync.check.shard")
def _shard_rerun(user, job) -> bool:
    return False  # a national run is re-run whole, from its own job


@job_failure_hook("sync.check")
def _fail_lost_run(job, reason: str) -> None:
    run_id = (job.task_kwargs or {}).get("run_id")
    if run_id:
        fail_run(run_id, reason)


@job_rerun_guard("sync.check")
def _may_rerun(user, job) -> bool:
    from selaras.core.access import can_create
    from selaras.sync.models import CheckRun

    run = CheckRun.objects.select_related("plan", "cycle__programme").filter(pk=job.task_kwargs.get("run_id")).first()
    return run is not None and can_create(user, CheckRun, plan=run.plan, cycle=run.cycle)
