"""The administrators' commands around the plan workbook, and the
background import with progress."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command

from tests.plans.badfiles import CORPUS, filled_bytes, load
from tests.plans.test_spreadsheet import _content, sdg_targets  # noqa: F401 (the `targets` fixture)


def test_plan_template_writes_the_cycle_template(plans, cast, tmp_path):
    target = tmp_path / "templat.xlsx"
    call_command("plan_template", cycle="RI-UNICEF-2021:2024", owner="024", output=str(target), stdout=io.StringIO())
    wb = load(target.read_bytes())
    assert wb["Kegiatan"]["A1"].value == "Kode"
    assert any("024" in str(c.value) for c in wb["Petunjuk"]["B"])


def test_import_then_export_round_trips_through_the_commands(plans, cast, targets, tmp_path):
    source, exported = tmp_path / "isi.xlsx", tmp_path / "ekspor.xlsx"
    source.write_bytes(filled_bytes(plans.cycle))
    out = io.StringIO()
    call_command("import_plan", str(source), plan=plans.plan_a.pk, user="perencana_a", stdout=out)
    assert "2 kegiatan, 3 lokasi, 3 indikator" in out.getvalue()
    before = _content(plans.plan_a)
    call_command("export_plan", plan=plans.plan_a.pk, output=str(exported), stdout=io.StringIO())
    call_command("import_plan", str(exported), plan=plans.plan_a.pk, stdout=io.StringIO())
    assert _content(plans.plan_a) == before


def test_import_by_cycle_and_owner_creates_the_plan(plans, cast, targets, reference, tmp_path):
    from selaras.plans.models import Plan

    source = tmp_path / "isi.xlsx"
    source.write_bytes(filled_bytes(plans.cycle))
    call_command("import_plan", str(source), cycle="RI-UNICEF-2021:2024", owner="pemda.33", stdout=io.StringIO())
    plan = Plan.objects.get(cycle=plans.cycle, owner=reference.pemprov_jateng)
    assert plan.activities.count() == 2


def test_a_failed_import_exits_non_zero_printing_every_error(plans, cast, targets, tmp_path):
    build = CORPUS["unknown_region"][0]
    source = tmp_path / "salah.xlsx"
    source.write_bytes(build(plans.cycle))
    err = io.StringIO()
    with pytest.raises(CommandError) as caught:
        call_command("import_plan", str(source), plan=plans.plan_a.pk, stderr=err)
    assert caught.value.returncode == 1
    assert "Lembar Lokasi, baris 3, kolom B (Kode Wilayah)" in err.getvalue()
    assert not plans.plan_a.activities.exists()


def test_the_commands_act_as_the_named_user(plans, cast, targets, tmp_path):
    from selaras.audit.models import AuditEntry

    source = tmp_path / "isi.xlsx"
    source.write_bytes(filled_bytes(plans.cycle))
    with pytest.raises(CommandError):
        call_command("import_plan", str(source), plan=plans.plan_a.pk, user="perencana_b", stderr=io.StringIO())
    call_command("import_plan", str(source), plan=plans.plan_a.pk, user="perencana_a", stdout=io.StringIO())
    event = AuditEntry.objects.filter(object_pk=plans.plan_a.pk, action="event").latest("id")
    assert event.actor == cast.planner_a and event.via == "command"


@pytest.fixture
def immediate_tasks(settings, tmp_path):
    """Run enqueued tasks at once, keeping uploads in a temporary folder."""
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    settings.MEDIA_ROOT = tmp_path


def test_a_background_import_reports_progress_and_its_result(
    plans,
    cast,
    targets,
    immediate_tasks,
    django_capture_on_commit_callbacks,
    tmp_path,
):
    from selaras.core.models import Job, JobStatus
    from selaras.plans.imports import plan_import_start

    with django_capture_on_commit_callbacks(execute=True):
        job = plan_import_start(plan=plans.plan_a, by=cast.planner_a, file=filled_bytes(plans.cycle), name="rkt.xlsx")
    job = Job.objects.get(pk=job.pk)
    assert job.kind == "plan_import" and job.status == JobStatus.SUCCEEDED, job.error
    assert job.result == {"plan": plans.plan_a.pk, "activities": 2, "locations": 3, "indicators": 3}
    assert job.progress_done == job.progress_total > 0
    assert plans.plan_a.activities.count() == 2
    assert not list((tmp_path / "imports").iterdir())  # the kept upload is removed


def test_a_background_import_of_a_bad_file_fails_with_the_errors(
    plans,
    cast,
    targets,
    immediate_tasks,
    django_capture_on_commit_callbacks,
):
    from selaras.core.models import Job, JobStatus
    from selaras.plans.imports import plan_import_start

    data = CORPUS["text_in_number"][0](plans.cycle)
    with django_capture_on_commit_callbacks(execute=True):
        job = plan_import_start(plan=plans.plan_a, by=cast.planner_a, file=data, name="salah.xlsx")
    job = Job.objects.get(pk=job.pk)
    assert job.status == JobStatus.FAILED and "baris 3, kolom F" in job.error
    assert not plans.plan_a.activities.exists()


def test_a_regional_import_runs_in_the_background_too(
    reference, cast, immediate_tasks, django_capture_on_commit_callbacks
):
    from selaras.core.models import Job, JobStatus
    from selaras.plans.imports import regional_plan_import_start
    from selaras.plans.models import RegionalSubActivity

    data = "Kode Sub Kegiatan;Nama Sub Kegiatan;Perangkat Daerah;Pagu;Lokasi\n1.02.02.2.02.0001;Posyandu;Dinkes;100;33.02\n"
    with django_capture_on_commit_callbacks(execute=True):
        job = regional_plan_import_start(
            region=reference.banyumas, year=2024, by=cast.officer_jateng, file=data.encode(), name="rkpd.csv"
        )
    job = Job.objects.get(pk=job.pk)
    assert job.status == JobStatus.SUCCEEDED and job.result["rows"] == 1
    assert RegionalSubActivity.objects.get().location == reference.banyumas
