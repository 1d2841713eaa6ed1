"""A national check split by province into shard jobs that any worker takes
from the queue: the same findings as the run in one piece, the parent's
progress the sum of its shards', a failed shard failing the run with its
reason, and the run re-run from its job's page."""

from __future__ import annotations

import signal

import pytest
from django.core.management import call_command

from selaras.core.models import Job, JobStatus
from selaras.plans.models import RegionalPlan, RegionalSubActivity
from selaras.registry.models import Region, RegionLevel
from selaras.sync.models import CheckRun, Finding, FindingStatus, RunStatus
from selaras.sync.shards import SHARD_KIND
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)


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


@pytest.fixture
def country(build, reference):
    """Two agencies planning alike in three provinces, regions' own plans
    alike too, one activity across two provinces and one without a place."""
    jatim = Region.objects.create(code="35", name="Jawa Timur", level=RegionLevel.PROVINCE)
    malang = Region.objects.create(code="35.07", name="Kabupaten Malang", level=RegionLevel.REGENCY, parent=jatim)
    kediri = Region.objects.create(code="35.06", name="Kabupaten Kediri", level=RegionLevel.REGENCY, parent=jatim)
    cycle_a = build.cycle(build.programme(loci=[reference.jayapura, kediri]), year=2025)
    cycle_b = build.cycle(build.programme(coordinator=reference.supd4), year=2025)
    plan_a = build.plan(cycle_a, reference.ministry_a)
    plan_b = build.plan(cycle_b, reference.ministry_b)
    for region in (reference.banyumas, reference.jayapura, malang):
        build.activity(plan_a, title="Rehabilitasi Puskesmas Pembantu", locations=[region])
        build.activity(plan_b, title="Rehab Puskesmas Pembantu", locations=[region])
    build.activity(plan_a, title="Pembangunan Jembatan Gantung", locations=[reference.cilacap, reference.jayapura])
    build.activity(plan_b, title="Pembangunan Jembatan Gantung Desa", locations=[reference.jayapura])
    build.activity(plan_a, title="Penyusunan Norma Standar", locations=[])
    for region in (reference.cilacap, malang):
        sub_plan = RegionalPlan.objects.create(region=region, year=2025)
        RegionalSubActivity.objects.create(
            regional_plan=sub_plan, code="1.02.02.2.001", name="Rehabilitasi Puskesmas Pembantu Desa", row_number=1
        )
    return {"kediri": kediri, "plan_a": plan_a}


def _start(cast) -> CheckRun:
    from selaras.sync.services import check_run_start

    return check_run_start(by=cast.admin, scope="national", year=2025)


def _findings() -> dict[str, tuple]:
    return {f.key: (f.content_hash, f.status) for f in Finding.objects.all()}


def test_a_national_run_over_three_provinces_runs_as_three_shards_with_the_unsharded_findings(
    country, build, cast, run_db_worker
):
    run = _start(cast)
    run_db_worker()

    run.refresh_from_db()
    parent = Job.objects.get(pk=run.job_id)
    shards = Job.objects.filter(kind=SHARD_KIND)
    assert run.status == RunStatus.SUCCEEDED, run.error
    assert sorted(s.task_kwargs["province"] for s in shards) == ["*", "33", "35", "91"]
    assert all(s.status == JobStatus.SUCCEEDED for s in shards)
    assert parent.status == JobStatus.SUCCEEDED and parent.result["run"] == run.pk
    assert parent.progress_done == parent.progress_total == sum(s.progress_total for s in shards)
    sharded = _findings()
    rules = {key.split(":")[0] for key in sharded}
    assert {"duplication.central", "duplication.regional", "coverage.locus_without_activity"} <= rules
    assert run.counts["new"] == run.counts["total"] == len(sharded)

    # the run in one piece finds exactly the same: nothing new, changed or resolved
    whole = build.run_national(2025)
    assert _findings() == sharded
    assert (whole.counts["new"], whole.counts["reopened"], whole.counts["resolved"]) == (0, 0, 0)


def test_a_sharded_re_run_keeps_decisions_and_resolves_what_no_shard_found_again(country, build, cast, run_db_worker):
    from selaras.sync.services import finding_dismiss

    build.run_national(2025)
    dismissed = Finding.objects.filter(rule="duplication.central").first()
    finding_dismiss(finding=dismissed, by=cast.admin, reason="Lokasi berbeda")
    gone = Finding.objects.get(rule="coverage.locus_without_activity")
    build.activity(country["plan_a"], title="Penyuluhan Kesehatan", locations=[country["kediri"]])

    run = _start(cast)
    run_db_worker()
    run.refresh_from_db()
    dismissed.refresh_from_db()
    gone.refresh_from_db()
    assert run.status == RunStatus.SUCCEEDED, run.error
    assert dismissed.status == FindingStatus.DISMISSED and dismissed.reason == "Lokasi berbeda"
    assert gone.status == FindingStatus.RESOLVED and gone.resolved_run == run
    assert run.counts["resolved"] == 1


def test_a_failed_shard_fails_the_run_with_its_reason_and_the_run_is_re_run_from_its_page(
    country, cast, client, run_db_worker, monkeypatch
):
    from selaras.core.jobs import JobError
    from selaras.sync import engine

    real = engine.execute_shard

    def papua_fails(run, *, province, **kwargs):
        if province == "91":
            raise JobError("Data Papua tidak terbaca")
        return real(run, province=province, **kwargs)

    monkeypatch.setattr(engine, "execute_shard", papua_fails)
    run = _start(cast)
    run_db_worker()
    run.refresh_from_db()
    parent = Job.objects.get(pk=run.job_id)
    first = set(Job.objects.filter(kind=SHARD_KIND).values_list("pk", flat=True))
    assert run.status == RunStatus.FAILED and "91" in run.error and "Data Papua tidak terbaca" in run.error
    assert parent.status == JobStatus.FAILED and parent.error == run.error

    monkeypatch.setattr(engine, "execute_shard", real)
    assert client.login(username=cast.admin.username, password=PASSWORD)
    client.post(f"/jobs/{parent.pk}/rerun/")
    run_db_worker()
    run.refresh_from_db()
    parent.refresh_from_db()
    assert run.status == RunStatus.SUCCEEDED and run.error == ""
    assert parent.status == JobStatus.SUCCEEDED
    again = Job.objects.filter(kind=SHARD_KIND).exclude(pk__in=first)
    assert sorted(again.values_list("status", flat=True)) == [JobStatus.SUCCEEDED] * 4
    assert Finding.objects.filter(last_run=run).count() == run.counts["total"] > 0


def test_the_whole_scope_rules_get_a_shard_of_their_own_queued_first_then_the_busiest_province(country, cast):
    from selaras.sync import engine
    from selaras.sync import shards as sharding

    run = _start(cast)
    shards = sharding.start(run, run.job_id)
    # Papua holds 4 places of activities, Jawa Tengah 3, Jawa Timur 2: busiest first
    assert [s.task_kwargs["province"] for s in shards] == [engine.WHOLE_SCOPE, "91", "33", "35"]
    assert [s.task_kwargs["takes_rest"] for s in shards] == [False, True, False, False]
    whole_rules = [r for r in engine.enabled_rules() if engine.is_whole_scope(r)]
    assert shards[0].progress_total == len(whole_rules) + 1
    assert run.status == RunStatus.RUNNING


def test_each_process_indexes_the_authority_matrix_once_until_it_changes(country, build, monkeypatch):
    from selaras.registry.models import Affair
    from selaras.sync import context as context_module
    from selaras.sync.authority.matcher import ItemIndex

    builds = []
    real = ItemIndex.build
    monkeypatch.setattr(ItemIndex, "build", classmethod(lambda cls, rules: builds.append(1) or real(rules)))
    context_module._MATRIX.clear()
    run = CheckRun.objects.create(scope="national", year=2025)
    first = context_module.CheckContext(run=run, province="33").item_index
    assert context_module.CheckContext(run=run, province="91").item_index is first
    assert len(builds) == 1

    Affair.objects.create(code="1.02", name="Kesehatan", level="field")  # the matrix changed: read again
    assert context_module.CheckContext(run=run, province="35").item_index is not first
    assert len(builds) == 2
