"""A large coordination matrix is built as a background job and downloaded
from the job's page, by its owner only; small ones stay in the request."""

import io
import os
import time

import pytest
from django.urls import reverse

from selaras.core.models import Job, JobStatus
from selaras.plans import tasks
from tests.plans.helpers import add_activity, submit

pytestmark = pytest.mark.django_db


@pytest.fixture
def planned(plans, cast, reference):
    a = add_activity(plans, reference, cast.planner_a)
    submit(plans.plan_a, cast.planner_a)
    return a


@pytest.fixture
def background(settings, tmp_path):
    """Every matrix counts as large; tasks run at once; files go to tmp."""
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    settings.SELARAS_EXPORT_DIR = str(tmp_path / "exports")
    settings.REGION_MATRIX_BACKGROUND_LOCATIONS = 1
    return tmp_path / "exports"


def export(client, fmt, code="33"):
    return client.get(reverse("plans:region_matrix", args=[code]), {"tahun": 2024, "format": fmt})


def start(client, fmt, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = export(client, fmt)
    assert response.status_code == 302
    return Job.objects.get(kind=tasks.JOB_KIND)


def test_a_large_matrix_goes_to_the_background_and_the_job_page_links_the_file(
    client, cast, planned, background, django_capture_on_commit_callbacks
):
    client.force_login(cast.coordinator)
    job = start(client, "xlsx", django_capture_on_commit_callbacks)
    job.refresh_from_db()
    assert job.status == JobStatus.SUCCEEDED and job.region.code == "33"
    page = client.get(reverse("core:job_detail", args=[job.pk])).content.decode()
    download = reverse("plans:region_matrix_download", args=[job.pk])
    assert download in page and "Unduh berkas" in page
    response = client.get(download)
    assert response.status_code == 200
    assert 'filename="matriks-33-jawa-tengah-2024.xlsx"' in response["Content-Disposition"]
    from openpyxl import load_workbook

    rows = list(load_workbook(io.BytesIO(b"".join(response.streaming_content))).worksheets[0].values)
    assert any(row[3] == "Pelatihan kader Posyandu" for row in rows)
    assert [p.suffix for p in background.iterdir()] == [".xlsx"]


def test_export_files_are_kept_outside_the_served_folders(settings):
    folder = tasks.export_dir().resolve()
    for served in (settings.STATIC_ROOT, settings.MEDIA_ROOT):
        assert not folder.is_relative_to(os.path.realpath(served))


def test_the_pdf_is_built_in_the_background_too(client, cast, planned, background, django_capture_on_commit_callbacks):
    client.force_login(cast.coordinator)
    job = start(client, "pdf", django_capture_on_commit_callbacks)
    response = client.get(reverse("plans:region_matrix_download", args=[job.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_only_the_jobs_owner_may_download_the_file(
    client, cast, planned, background, django_capture_on_commit_callbacks
):
    client.force_login(cast.coordinator)
    job = start(client, "xlsx", django_capture_on_commit_callbacks)
    download = reverse("plans:region_matrix_download", args=[job.pk])
    for other in (cast.officer_papua, cast.officer_jateng, cast.planner_b, cast.viewer):
        client.force_login(other)
        assert client.get(download).status_code == 404
    client.logout()
    assert client.get(download).status_code == 302


def test_a_small_matrix_stays_in_the_request(client, cast, planned, settings):
    settings.REGION_MATRIX_BACKGROUND_LOCATIONS = 1000
    client.force_login(cast.coordinator)
    response = export(client, "xlsx")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert not Job.objects.filter(kind=tasks.JOB_KIND).exists()


def test_old_export_files_are_removed_and_the_page_says_so(
    client, cast, planned, background, django_capture_on_commit_callbacks
):
    client.force_login(cast.coordinator)
    job = start(client, "xlsx", django_capture_on_commit_callbacks)
    (path,) = [p for p in background.iterdir() if not p.name.startswith(".")]
    day_old = time.time() - 25 * 3600
    os.utime(path, (day_old, day_old))
    assert tasks.remove_old_exports() == 1
    assert client.get(reverse("plans:region_matrix_download", args=[job.pk])).status_code == 404
    page = client.get(reverse("core:job_detail", args=[job.pk])).content.decode()
    assert "Unduh berkas" not in page
