"""Background check runs.

A check run's status follows its job's: whichever way the task ends
(an error, a worker stopped mid-way, a worker lost without a word), the run
is failed with the same reason as the job, and both can be run again from
the job's page.
"""

from __future__ import annotations

from django.tasks import task
from django.utils import timezone

from selaras.core.jobs import job_failure_hook, job_rerun_guard, job_running, user_reason


def _fail_run(run_id: int, reason: str) -> None:
    from selaras.sync.models import CheckRun, RunStatus

    CheckRun.objects.filter(pk=run_id).exclude(status=RunStatus.SUCCEEDED).update(
        status=RunStatus.FAILED, error=reason[:2000], finished_at=timezone.now(), updated_at=timezone.now()
    )


@task
def run_checks(*, job_id: int, run_id: int) -> dict:
    from selaras.sync import engine
    from selaras.sync.models import CheckRun, RunStatus

    run = CheckRun.objects.get(pk=run_id)
    if run.status != RunStatus.QUEUED or run.error:
        # A re-run: the previous attempt's outcome no longer applies.
        run.status, run.error, run.finished_at = RunStatus.QUEUED, "", None
        run.save(update_fields=["status", "error", "finished_at", "updated_at"])
    with job_running(job_id) as progress:
        try:
            engine.execute(run, progress=lambda done, total, message: progress.update(done, total, message))
        except BaseException as exc:
            # BaseException: a worker stopped mid-run (SystemExit,
            # KeyboardInterrupt) must not leave the run "running" forever.
            _fail_run(run_id, user_reason(exc))
            raise
        progress.result = {"run": run.pk, **run.counts}
        return run.counts


@job_failure_hook("sync.check")
def _fail_lost_run(job, reason: str) -> None:
    run_id = (job.task_kwargs or {}).get("run_id")
    if run_id:
        _fail_run(run_id, reason)


@job_rerun_guard("sync.check")
def _may_rerun(user, job) -> bool:
    from selaras.sync.models import CheckRun
    from selaras.sync.services import _may_run

    run = CheckRun.objects.select_related("plan", "cycle__programme").filter(pk=job.task_kwargs.get("run_id")).first()
    return run is not None and _may_run(user, plan=run.plan, cycle=run.cycle)
