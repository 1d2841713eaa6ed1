"""Spreadsheets on the plan pages: the cycle's template, a plan's export, and
the upload (at once for small files, in the background for large ones),
with every error of a bad file listed and nothing imported."""

from __future__ import annotations

import io

import openpyxl
import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from selaras.core.context import acting_as
from selaras.core.models import Job, JobStatus
from selaras.plans import services
from selaras.plans.models import Activity
from tests.plans.badfiles import CORPUS, filled_bytes, junk
from tests.plans.helpers import add_activity, submit

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def sdg_target(db):
    from selaras.registry.models import DevelopmentTarget, FrameworkKind, TargetFramework

    sdg = TargetFramework.objects.create(code="sdg", name="SDGs", kind=FrameworkKind.SDG)
    return DevelopmentTarget.objects.create(framework=sdg, code="3", name="Tujuan 3")


@pytest.fixture
def background(settings, tmp_path, monkeypatch):
    """Every upload goes to the background; tasks run at once."""
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    settings.MEDIA_ROOT = tmp_path
    monkeypatch.setattr("selaras.plans.imports.BACKGROUND_THRESHOLD_BYTES", 100)


def upload(data: bytes, name: str = "rkt.xlsx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="application/octet-stream")


def import_url(plan):
    return reverse("plans:plan_import", args=[plan.pk])


def texts(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


# --- links on the pages -----------------------------------------------------------
def test_the_owner_sees_export_and_the_import_form_on_the_plan_page(client, plans, cast):
    client.force_login(cast.planner_a)
    html = client.get(reverse("plans:plan_detail", args=[plans.plan_a.pk])).content.decode()
    assert reverse("plans:plan_export", args=[plans.plan_a.pk]) in html
    assert f'action="{import_url(plans.plan_a)}"' in html
    assert 'enctype="multipart/form-data"' in html
    assert "style=" not in html
    page = client.get(import_url(plans.plan_a)).content.decode()
    assert reverse("plans:cycle_template", args=[plans.cycle.pk]) in page
    assert f'name="version" value="{plans.plan_a.version}"' in page


def test_a_reader_who_may_not_write_sees_export_but_no_import_form(client, plans, cast, reference):
    add_activity(plans, reference, cast.planner_a)
    submit(plans.plan_a, cast.planner_a)
    client.force_login(cast.coordinator)
    html = client.get(reverse("plans:plan_detail", args=[plans.plan_a.pk])).content.decode()
    assert "Ekspor ke Excel" in html
    assert import_url(plans.plan_a) not in html


def test_the_cycle_template_downloads_as_a_workbook(client, plans, cast):
    client.force_login(cast.planner_a)
    response = client.get(reverse("plans:cycle_template", args=[plans.cycle.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "templat-ri-unicef-2021-2024.xlsx" in response["Content-Disposition"]
    wb = openpyxl.load_workbook(io.BytesIO(response.content))
    assert wb.sheetnames[:4] == ["Petunjuk", "Kegiatan", "Lokasi", "Indikator"]


def test_the_export_holds_the_plan_and_imports_back_unchanged(client, plans, cast, reference):
    add_activity(plans, reference, cast.planner_a, title="Pelatihan bidan desa")
    client.force_login(cast.planner_a)
    response = client.get(reverse("plans:plan_export", args=[plans.plan_a.pk]))
    assert response.status_code == 200
    wb = openpyxl.load_workbook(io.BytesIO(response.content))
    assert wb["Kegiatan"]["B2"].value == "Pelatihan bidan desa"
    again = client.post(import_url(plans.plan_a), {"file": upload(response.content), "version": plans.plan_a.version})
    assert again.status_code == 302
    assert list(plans.plan_a.activities.values_list("title", flat=True)) == ["Pelatihan bidan desa"]


def test_a_planner_of_another_ministry_can_neither_export_nor_import(client, plans, cast):
    client.force_login(cast.planner_b)
    assert client.get(reverse("plans:plan_export", args=[plans.plan_a.pk])).status_code == 404
    response = client.post(import_url(plans.plan_a), {"file": upload(filled_bytes(plans.cycle))})
    assert response.status_code == 404
    assert not plans.plan_a.activities.exists()


# --- importing at once ------------------------------------------------------------
def test_a_small_workbook_is_imported_at_once_with_its_counts(client, plans, cast):
    client.force_login(cast.planner_a)
    response = client.post(import_url(plans.plan_a), {"file": upload(filled_bytes(plans.cycle))})
    assert response.status_code == 302
    assert response["Location"] == reverse("plans:plan_detail", args=[plans.plan_a.pk])
    assert "2 kegiatan, 3 lokasi, 3 indikator" in " ".join(texts(response))
    assert sorted(plans.plan_a.activities.values_list("code", flat=True)) == ["K001", "K002"]
    assert not Job.objects.exists()


def test_a_workbook_with_errors_lists_each_one_and_imports_nothing(client, plans, cast, reference):
    add_activity(plans, reference, cast.planner_a, title="Kegiatan lama")
    client.force_login(cast.planner_a)
    builder, (sheet, row, column), fragment = CORPUS["text_in_number"]
    response = client.post(import_url(plans.plan_a), {"file": upload(builder(plans.cycle))})
    assert response.status_code == 400
    issues = response.context["issues"]
    assert (issues[0]["sheet"], issues[0]["row"], issues[0]["column"]) == (sheet, row, column)
    html = response.content.decode()
    assert fragment in html and "tidak ada data yang disimpan" in html
    assert "<td>Kegiatan</td>" in html and '<span class="code">F</span>' in html
    # The plan keeps what it had.
    assert list(plans.plan_a.activities.values_list("title", flat=True)) == ["Kegiatan lama"]


def test_a_file_that_is_not_a_workbook_by_name_is_refused(client, plans, cast):
    client.force_login(cast.planner_a)
    response = client.post(import_url(plans.plan_a), {"file": upload(b"%PDF-1.4", name="rencana.pdf")})
    assert response.status_code == 400
    assert "bukan berkas Excel (.xlsx)" in response.content.decode()
    assert not plans.plan_a.activities.exists()


def test_junk_named_like_a_workbook_is_refused_with_a_clear_message(client, plans, cast):
    client.force_login(cast.planner_a)
    response = client.post(import_url(plans.plan_a), {"file": upload(junk(4096), name="rkt.xlsx")})
    assert response.status_code == 400
    assert "bukan buku kerja Excel (.xlsx)" in response.content.decode()
    assert not plans.plan_a.activities.exists()


def test_an_empty_upload_is_refused(client, plans, cast):
    client.force_login(cast.planner_a)
    response = client.post(import_url(plans.plan_a), {"file": upload(b"")})
    assert response.status_code == 400
    assert response.context["form"].errors["file"]
    assert not plans.plan_a.activities.exists()


def test_a_file_over_the_upload_limit_is_refused(client, plans, cast, settings):
    settings.PLAN_IMPORT_MAX_BYTES = 1024
    client.force_login(cast.planner_a)
    response = client.post(import_url(plans.plan_a), {"file": upload(filled_bytes(plans.cycle))})
    assert response.status_code == 400
    assert "Berkas terlalu besar" in response.content.decode()
    assert not plans.plan_a.activities.exists()


def test_a_submitted_plan_refuses_an_import(client, plans, cast, reference):
    add_activity(plans, reference, cast.planner_a, title="Kegiatan lama")
    submit(plans.plan_a, cast.planner_a)
    client.force_login(cast.planner_a)
    response = client.post(import_url(plans.plan_a), {"file": upload(filled_bytes(plans.cycle))})
    assert response.status_code == 302
    assert "terkunci" in " ".join(texts(response))
    assert list(plans.plan_a.activities.values_list("title", flat=True)) == ["Kegiatan lama"]


def test_an_import_from_a_stale_page_is_refused(client, plans, cast):
    loaded = plans.plan_a.version
    with acting_as(cast.planner_a, "test"):
        services.plan_update(plan=plans.plan_a, by=cast.planner_a, expected_version=loaded, title="Baru", notes="")
    client.force_login(cast.planner_a)
    response = client.post(import_url(plans.plan_a), {"file": upload(filled_bytes(plans.cycle)), "version": loaded})
    assert response.status_code == 302
    assert "telah diubah" in " ".join(texts(response))
    assert not plans.plan_a.activities.exists()


# --- importing in the background -------------------------------------------------
def test_a_large_workbook_runs_in_the_background_and_links_back_to_the_plan(
    client, plans, cast, background, django_capture_on_commit_callbacks
):
    client.force_login(cast.planner_a)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(import_url(plans.plan_a), {"file": upload(filled_bytes(plans.cycle))})
    job = Job.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("plans:plan_import_job", args=[plans.plan_a.pk, job.pk])
    assert job.status == JobStatus.SUCCEEDED, job.error
    assert plans.plan_a.activities.count() == 2
    page = client.get(response["Location"])
    html = page.content.decode()
    assert page.status_code == 200
    assert f'href="{reverse("plans:plan_detail", args=[plans.plan_a.pk])}"' in html
    assert "Kembali ke rencana" in html
    assert page.context["counts"] == [("Kegiatan", 2), ("Lokasi", 3), ("Indikator", 3)]
    assert "hx-get" not in html  # finished: no more polling


def test_a_failed_background_import_shows_every_error_in_a_table(
    client, plans, cast, background, django_capture_on_commit_callbacks
):
    client.force_login(cast.planner_a)
    builder, (sheet, row, column), fragment = CORPUS["unknown_region"]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(import_url(plans.plan_a), {"file": upload(builder(plans.cycle))})
    job = Job.objects.get()
    assert job.status == JobStatus.FAILED
    assert job.result["plan"] == plans.plan_a.pk and job.result["error_count"] >= 1
    page = client.get(response["Location"])
    issues = page.context["issues"]
    assert (issues[0]["sheet"], issues[0]["row"], issues[0]["column"]) == (sheet, row, column)
    assert fragment in page.content.decode()
    assert not plans.plan_a.activities.exists()


def test_a_running_import_page_polls_its_progress(client, plans, cast, reference):
    job = Job.objects.create(kind="plan_import", label="Impor", started_by=cast.planner_a, agency=reference.ministry_a)
    client.force_login(cast.planner_a)
    progress_url = reverse("plans:plan_import_job_progress", args=[plans.plan_a.pk, job.pk])
    html = client.get(reverse("plans:plan_import_job", args=[plans.plan_a.pk, job.pk])).content.decode()
    assert f'hx-get="{progress_url}"' in html and 'hx-trigger="every 1s"' in html
    assert "Kembali ke rencana" not in html
    partial = client.get(progress_url)
    assert partial.status_code == 200 and partial["Cache-Control"] == "no-store"
    assert "<progress" in partial.content.decode()


def test_someone_elses_import_job_is_not_found(client, plans, cast, reference):
    add_activity(plans, reference, cast.planner_a)
    submit(plans.plan_a, cast.planner_a)
    job = Job.objects.create(kind="plan_import", label="Impor", started_by=cast.planner_a, agency=reference.ministry_a)
    client.force_login(cast.coordinator)  # reads the submitted plan, not the planner's job
    assert client.get(reverse("plans:plan_import_job", args=[plans.plan_a.pk, job.pk])).status_code == 404


def test_a_job_of_another_plan_is_not_shown_under_this_plan(client, plans, cast, reference):
    job = Job.objects.create(
        kind="plan_import", label="Impor", started_by=cast.admin, agency=reference.ministry_b, status=JobStatus.QUEUED
    )
    client.force_login(cast.admin)
    assert client.get(reverse("plans:plan_import_job", args=[plans.plan_a.pk, job.pk])).status_code == 404
    assert Activity.objects.count() == 0
