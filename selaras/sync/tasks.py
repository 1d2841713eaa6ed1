"""Background check runs."""

from __future__ import annotations

from django.tasks import task

from selaras.core.jobs import job_running


@task
def run_checks(*, job_id: int, run_id: int) -> dict:
    from selaras.sync import engine
    from selaras.sync.models import CheckRun, RunStatus

    run = CheckRun.objects.get(pk=run_id)
    with job_running(job_id) as progress:
        try:
            engine.execute(run, progress=lambda done, total, message: progress.update(done, total, message))
        except Exception as exc:
            CheckRun.objects.filter(pk=run_id).update(status=RunStatus.FAILED, error=str(exc)[:2000])
            raise
        progress.result = {"run": run.pk, **run.counts}
        return run.counts
