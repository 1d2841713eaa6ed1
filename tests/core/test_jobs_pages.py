"""Who sees a job, and what the job page, its polling partial and the API
show."""

from __future__ import annotations

import pytest

from selaras.core import access
from selaras.core.models import Job, JobStatus
from tests.conftest import PASSWORD


@pytest.fixture
def running_job(cast) -> Job:
    return Job.objects.create(
        kind="import", label="Impor RKT Kemenkes", started_by=cast.planner_a, status=JobStatus.RUNNING,
        progress_done=30, progress_total=120, message="Baris 30",
    )  # fmt: skip


@pytest.fixture
def failed_job(cast) -> Job:
    return Job.objects.create(
        kind="import", label="Impor gagal", started_by=cast.planner_a, status=JobStatus.FAILED,
        error="Kolom 'pagu' kosong pada baris 7.", error_detail="Traceback (most recent call last): secret/path.py",
    )  # fmt: skip


def _login(client, user):
    assert client.login(username=user.username, password=PASSWORD)


def test_only_the_starter_and_national_admins_read_a_job(running_job, cast):
    readers = {name for name, user in cast.members().items() if access.can(user, access.READ, running_job)}
    assert readers == {"admin", "planner_a"}


def test_nobody_changes_a_job_through_the_permission_layer(running_job, cast):
    writers = {name for name, user in cast.members().items() if access.can(user, access.WRITE, running_job)}
    assert writers == set()


def test_the_job_page_shows_a_progress_bar_that_polls_while_running(client, running_job, cast):
    _login(client, cast.planner_a)
    page = client.get(f"/jobs/{running_job.pk}/")
    assert page.status_code == 200
    html = page.content.decode()
    assert '<progress value="30" max="120">' in html
    assert f'hx-get="/jobs/{running_job.pk}/progress/"' in html
    assert 'hx-trigger="every 1s"' in html
    assert "Baris 30" in html
    assert "<script>" not in html and "style=" not in html  # the CSP allows neither


def test_the_partial_stops_polling_once_the_job_has_finished(client, running_job, cast):
    Job.objects.filter(pk=running_job.pk).update(status=JobStatus.SUCCEEDED, progress_done=120, result={"baris": 120})
    _login(client, cast.planner_a)
    partial = client.get(f"/jobs/{running_job.pk}/progress/")
    html = partial.content.decode()
    assert partial.status_code == 200
    assert "hx-get" not in html
    assert '<progress value="120" max="120">' in html
    assert "<dt>baris</dt><dd>120</dd>" in html  # a kind with no presenter shows what it stored
    assert "<html" not in html


def test_another_user_gets_not_found_for_someone_elses_job(client, running_job, cast):
    _login(client, cast.planner_b)
    assert client.get(f"/jobs/{running_job.pk}/").status_code == 404
    assert client.get(f"/jobs/{running_job.pk}/progress/").status_code == 404


def test_the_starter_sees_the_reason_and_only_an_admin_sees_the_traceback(client, failed_job, cast):
    _login(client, cast.planner_a)
    html = client.get(f"/jobs/{failed_job.pk}/").content.decode()
    assert "Kolom &#x27;pagu&#x27; kosong pada baris 7." in html
    assert "secret/path.py" not in html

    _login(client, cast.admin)
    assert "secret/path.py" in client.get(f"/jobs/{failed_job.pk}/").content.decode()


def test_the_job_list_shows_only_ones_own_jobs(client, running_job, failed_job, cast):
    Job.objects.create(kind="x", label="Pekerjaan orang lain", started_by=cast.planner_b)
    _login(client, cast.planner_a)
    html = client.get("/jobs/").content.decode()
    assert "Impor RKT Kemenkes" in html and "Impor gagal" in html
    assert "Pekerjaan orang lain" not in html


def test_starting_the_demo_job_queues_it_and_opens_its_page(client, cast, django_capture_on_commit_callbacks):
    _login(client, cast.viewer)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/jobs/demo/")
    job = Job.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/jobs/{job.pk}/"
    assert job.started_by == cast.viewer and job.status == JobStatus.QUEUED and job.task_result_id


def test_the_api_returns_progress_to_the_starter_and_hides_it_from_others(client, running_job, cast):
    _login(client, cast.planner_a)
    body = client.get(f"/api/jobs/{running_job.pk}/").json()
    assert body["status"] == "running"
    assert (body["progress_done"], body["progress_total"], body["percent"]) == (30, 120, 25)
    assert body["is_finished"] is False and body["error_detail"] is None

    _login(client, cast.planner_b)
    assert client.get(f"/api/jobs/{running_job.pk}/").status_code == 404
    client.logout()
    assert client.get(f"/api/jobs/{running_job.pk}/").status_code in (401, 403)


def test_a_check_run_job_shows_labelled_indonesian_counts_and_links_back(client, cast, reference):
    from selaras.sync.models import CheckRun, RunScope

    job = Job.objects.create(
        kind="sync.check", label="Pemeriksaan", started_by=cast.planner_a, status=JobStatus.SUCCEEDED,
        result={"run": 7, "new": 0, "kept": 9, "reopened": 1, "resolved": 2, "total": 10},
    )  # fmt: skip
    run = CheckRun.objects.create(scope=RunScope.NATIONAL, year=2024, job=job, started_by=cast.planner_a)
    _login(client, cast.planner_a)
    html = client.get(f"/jobs/{job.pk}/").content.decode()
    assert "<dt>Temuan baru</dt><dd>0</dd>" in html
    assert "<dt>Temuan yang tetap ada</dt><dd>9</dd>" in html
    assert "<dt>Jumlah temuan</dt><dd>10</dd>" in html
    assert "<dt>kept</dt>" not in html and "<dt>run</dt>" not in html
    assert f'href="/sinkronisasi/pemeriksaan/{run.pk}/"' in html


def test_a_plan_import_job_links_back_to_its_plan(client, cast, reference):
    from selaras.plans.models import Cycle, Plan, Programme, ProgrammeKind

    programme = Programme.objects.create(
        code="P", name="P", kind=ProgrammeKind.DEKON_GWPP, coordinator=reference.supd4, start_year=2024, end_year=2025
    )
    plan = Plan.objects.create(cycle=Cycle.objects.create(programme=programme, year=2024), owner=reference.ministry_a)
    job = Job.objects.create(
        kind="plan_import", label="Impor", started_by=cast.planner_a, status=JobStatus.SUCCEEDED,
        agency=reference.ministry_a, result={"plan": plan.pk, "activities": 12, "locations": 30, "indicators": 4},
    )  # fmt: skip
    _login(client, cast.planner_a)
    html = client.get(f"/jobs/{job.pk}/progress/").content.decode()
    assert "<dt>Kegiatan diimpor</dt><dd>12</dd>" in html
    assert f'href="/rencana/{plan.pk}/"' in html
    api = client.get(f"/api/jobs/{job.pk}/").json()
    assert {"label": "Lokasi diimpor", "value": 30} in api["summary"]["lines"]
    assert {"label": "Kembali ke rencana", "url": f"/rencana/{plan.pk}/"} in api["summary"]["links"]


def test_the_demo_job_names_region_levels(client, cast):
    job = Job.objects.create(
        kind="count_regions", label="Hitung", started_by=cast.planner_a, status=JobStatus.SUCCEEDED,
        result={"provinsi": 38, "kabkota": 514},
    )  # fmt: skip
    _login(client, cast.planner_a)
    html = client.get(f"/jobs/{job.pk}/").content.decode()
    assert "<dt>Provinsi</dt><dd>38</dd>" in html
    assert "<dt>Kabupaten/Kota</dt><dd>514</dd>" in html
