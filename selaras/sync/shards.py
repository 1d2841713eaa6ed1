"""A national check run split into shards, one per province, that any number
of workers take from the queue (the database queue on one machine, Redis
across machines).

The run's own job (the parent) enqueues one shard job per province and stays
running without a lease of its own: each shard holds one, so a lost worker
fails its shard, and the shard fails the run. Each shard saves the findings
of its province (`engine.execute_shard`); the parent's progress is the sum of
its shards'. The shards' tally lives in the parent job's `result`, updated
under that row's lock, so the last shard to finish is known exactly once and
finalises the run (`engine.finalise`: what no shard found again is resolved).
A re-run of the parent starts a new generation of shards; a shard of an older
generation finishing late changes nothing.
"""

from __future__ import annotations

import uuid
from collections import Counter

from django.db import transaction
from django.db.models import Count, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from selaras.core.jobs import job_start
from selaras.core.models import Job, JobStatus
from selaras.plans.models import ActivityLocation, PlanStatus
from selaras.sync.models import CheckRun, RunStatus

SHARD_KIND = "sync.check.shard"


def provinces_of(run: CheckRun) -> list[str]:
    """The provinces where the run's submitted activities take place, the
    busiest first: the longest shards start first, so that the last one to
    start is short and no worker idles while another finishes a big one."""
    rows = (
        ActivityLocation.objects.filter(activity__plan__cycle__year=run.year)
        .exclude(activity__plan__status=PlanStatus.DRAFT)
        .order_by()
        .values_list("region__code")
        .annotate(n=Count("pk"))
    )
    sizes: Counter[str] = Counter()
    for code, n in rows:
        sizes[code.split(".")[0]] += n
    return sorted(sizes, key=lambda code: (-sizes[code], code)) or [""]


def start(run: CheckRun, job_id: int) -> list[Job]:
    """Mark the run and its job running and enqueue its shards."""
    from selaras.sync import engine
    from selaras.sync.tasks import run_shard

    # The rules about the whole scope first, in a shard of their own: they
    # read every activity of the year, the longest shard of all.
    provinces = [engine.WHOLE_SCOPE, *provinces_of(run)]
    rules = engine.enabled_rules()
    whole_steps = sum(engine.is_whole_scope(r) for r in rules) + 1
    steps = len(rules) - whole_steps + 2
    generation = uuid.uuid4().hex
    parent = Job.objects.select_related("started_by").get(pk=job_id)
    now = timezone.now()
    with transaction.atomic():
        run.status, run.started_at, run.error, run.finished_at = RunStatus.RUNNING, now, "", None
        run.save(update_fields=["status", "started_at", "error", "finished_at", "updated_at"])
        shards = [
            job_start(
                kind=SHARD_KIND,
                label=_label(run, province),
                task=run_shard,
                by=parent.started_by,
                total=whole_steps if province == engine.WHOLE_SCOPE else steps,
                run_id=run.pk,
                parent_job_id=job_id,
                generation=generation,
                province=province,
                # the busiest province also checks the activities located nowhere
                takes_rest=index == 1,
            )
            for index, province in enumerate(provinces)
        ]
        tally = {"generation": generation, "provinces": provinces, "jobs": [s.pk for s in shards], "done": {}}
        Job.objects.filter(pk=job_id).update(
            status=JobStatus.RUNNING,
            started_at=now,
            finished_at=None,
            error="",
            error_detail="",
            progress_done=0,
            progress_total=whole_steps + steps * (len(provinces) - 1),
            message=_("%(n)s provinsi dalam antrean") % {"n": len(provinces)},
            result={"shards": tally},
            # the shards hold the leases: the parent computes nothing itself
            lease_expires_at=None,
            updated_at=now,
        )
    return shards


def _label(run: CheckRun, province: str) -> str:
    from selaras.sync.engine import WHOLE_SCOPE

    if province == WHOLE_SCOPE:
        return _("Pemeriksaan nasional %(year)s, aturan seluruh cakupan") % {"year": run.year}
    return _("Pemeriksaan nasional %(year)s, provinsi %(province)s") % {"year": run.year, "province": province or "-"}


def _tally(parent_job_id: int, generation: str, *, lock: bool = False) -> tuple[Job | None, dict | None]:
    qs = Job.objects.filter(pk=parent_job_id)
    job = (qs.select_for_update() if lock else qs).first()
    tally = (job.result or {}).get("shards") if job else None
    if job is None or job.status != JobStatus.RUNNING or not tally or tally.get("generation") != generation:
        return None, None
    return job, tally


def report_progress(parent_job_id: int, generation: str, province: str, message: str) -> bool:
    """The parent's progress: the sum of its shards'. False when the run no
    longer waits for this shard (it failed or was re-run)."""
    job, tally = _tally(parent_job_id, generation)
    if job is None:
        return False
    sums = Job.objects.filter(pk__in=tally["jobs"]).aggregate(done=Sum("progress_done"), total=Sum("progress_total"))
    Job.objects.filter(pk=parent_job_id, status=JobStatus.RUNNING).update(
        progress_done=sums["done"] or 0,
        progress_total=sums["total"] or 0,
        message=f"{province or '-'}: {message}"[:255],
        updated_at=timezone.now(),
    )
    return True


def complete(*, run_id: int, parent_job_id: int, generation: str, province: str, counts: dict) -> bool:
    """Record a finished shard; the last one finalises the run. Returns
    whether this shard was the last."""
    from selaras.sync import engine

    with transaction.atomic():
        job, tally = _tally(parent_job_id, generation, lock=True)
        if job is None:
            return False
        tally["done"][province] = counts
        last = len(tally["done"]) == len(tally["provinces"])
        if not last:
            Job.objects.filter(pk=parent_job_id).update(
                result={"shards": tally},
                message=_("%(done)s dari %(total)s provinsi selesai")
                % {"done": len(tally["done"]), "total": len(tally["provinces"])},
                updated_at=timezone.now(),
            )
            return False
        summed = Counter()
        for shard_counts in tally["done"].values():
            summed.update(shard_counts)
        run = engine.finalise(CheckRun.objects.get(pk=run_id), dict(summed))
        total = Job.objects.filter(pk__in=tally["jobs"]).aggregate(total=Sum("progress_total"))["total"] or 0
        now = timezone.now()
        Job.objects.filter(pk=parent_job_id).update(
            status=JobStatus.SUCCEEDED,
            progress_done=total,
            progress_total=total,
            message=_("selesai"),
            result={"run": run.pk, **run.counts},
            finished_at=now,
            updated_at=now,
        )
        return True


def fail(*, run_id: int, parent_job_id: int, generation: str | None, reason: str) -> None:
    """A shard failed: the run and its job fail with the shard's reason (the
    other shards of this generation then stop at their next step)."""
    from selaras.sync.tasks import fail_run

    with transaction.atomic():
        job = Job.objects.select_for_update().filter(pk=parent_job_id).first()
        tally = (job.result or {}).get("shards") if job else None
        if (
            job is None
            or job.status != JobStatus.RUNNING
            or (generation and (tally or {}).get("generation") != generation)
        ):
            return
        now = timezone.now()
        Job.objects.filter(pk=parent_job_id).update(
            status=JobStatus.FAILED, error=reason, finished_at=now, lease_expires_at=None, updated_at=now
        )
        fail_run(run_id, reason)


def warm_up_checks() -> None:
    """What a worker's first shard would otherwise pay (a worker hook,
    `selaras.core.warmup`): the rule modules and the engine's imports, the
    authority matrix and its item index, one tiny screening."""
    from selaras.sync import engine  # noqa: F401
    from selaras.sync.context import authority_matrix
    from selaras.sync.rules.base import all_rules
    from selaras.sync.similarity.index import screen

    all_rules()
    authority_matrix()
    screen(["Pelatihan kader posyandu"], [[0]], ["Pelatihan kader posyandu desa"], [0], workers=1)
