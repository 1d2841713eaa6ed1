"""A region's own plan page: its imported sub-activities (search, pages) and
the upload for those who may write it, at once or in the background."""

from __future__ import annotations

import io

import openpyxl
import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from selaras.core.context import acting_as
from selaras.core.models import Job, JobStatus
from selaras.plans.imports import regional_plan_import
from selaras.plans.models import RegionalPlan, RegionalSubActivity

pytestmark = pytest.mark.django_db

HEADER = "Kode Sub Kegiatan;Nama Sub Kegiatan;Perangkat Daerah;Pagu;Lokasi"
GOOD = (
    f"{HEADER}\n"
    "1.02.02.2.02.0001;Pengelolaan Pelayanan Kesehatan Ibu Hamil;Dinas Kesehatan;1.250.000.000;33.02.01\n"
    "1.02.02.2.02.0002;Pengelolaan Pelayanan Kesehatan Balita;Dinas Kesehatan;750000000;33.02\n"
)
BAD = f"{HEADER}\n1.02.02.2.02.0001;Posyandu;Dinkes;seratus;33.02\n1.02.02.2.02.0002;;Dinkes;100;33.02\n"


def page_url(code="33.02", year=2024):
    return reverse("plans:regional_plan", args=[code, year])


def import_url(code="33.02", year=2024):
    return reverse("plans:regional_plan_import", args=[code, year])


def csv(text: str, name="rkpd.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/csv")


def texts(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def test_the_regional_officer_sees_the_upload_form_of_its_region(client, reference, cast):
    client.force_login(cast.officer_jateng)
    html = client.get(page_url()).content.decode()
    assert f'action="{import_url()}"' in html
    assert "Belum ada rencana daerah yang diimpor" in html


@pytest.mark.parametrize("who", ["officer_papua", "planner_a", "viewer"])
def test_others_see_the_page_but_may_not_upload(client, reference, cast, who):
    client.force_login(getattr(cast, who))
    html = client.get(page_url()).content.decode()
    assert import_url() not in html
    assert client.post(import_url(), {"file": csv(GOOD)}).status_code == 403
    assert not RegionalSubActivity.objects.exists()


def test_a_national_coordinator_may_upload_anywhere(client, reference, cast):
    from selaras.accounts.models import Membership, Role

    Membership.objects.create(user=cast.viewer, role=Role.COORDINATOR)
    client.force_login(cast.viewer)
    assert import_url("91.03") in client.get(page_url("91.03")).content.decode()


def test_a_csv_is_imported_with_its_counts(client, reference, cast):
    client.force_login(cast.officer_jateng)
    response = client.post(import_url(), {"file": csv(GOOD)})
    assert response.status_code == 302 and response["Location"] == page_url()
    assert "2 sub kegiatan" in " ".join(texts(response))
    plan = RegionalPlan.objects.get(region=reference.banyumas, year=2024)
    assert plan.source_name == "rkpd.csv" and plan.sub_activities.count() == 2
    html = client.get(page_url()).content.decode()
    assert "Pengelolaan Pelayanan Kesehatan Balita" in html and "Rp" in html


def test_an_xlsx_is_imported_too(client, reference, cast):
    wb = openpyxl.Workbook()
    ws = wb.active
    for line in GOOD.strip().split("\n"):
        ws.append(line.split(";"))
    out = io.BytesIO()
    wb.save(out)
    client.force_login(cast.officer_jateng)
    upload = SimpleUploadedFile("rkpd.xlsx", out.getvalue())
    assert client.post(import_url(), {"file": upload}).status_code == 302
    assert RegionalSubActivity.objects.count() == 2


def test_a_file_with_errors_lists_them_by_row_and_column_and_keeps_the_old_rows(client, reference, cast):
    with acting_as(cast.officer_jateng, "test"):
        regional_plan_import(
            region=reference.banyumas, year=2024, by=cast.officer_jateng, file=GOOD.encode(), name="a.csv"
        )
    client.force_login(cast.officer_jateng)
    response = client.post(import_url(), {"file": csv(BAD)})
    assert response.status_code == 400
    places = {(i["row"], i["column"]) for i in response.context["issues"]}
    assert (2, "D") in places and (3, "B") in places
    assert "tidak ada data yang disimpan" in response.content.decode()
    assert RegionalSubActivity.objects.count() == 2
    assert RegionalSubActivity.objects.filter(name="Posyandu").count() == 0


def test_a_file_of_the_wrong_type_is_refused(client, reference, cast):
    client.force_login(cast.officer_jateng)
    response = client.post(import_url(), {"file": SimpleUploadedFile("rkpd.docx", b"PK\x03\x04")})
    assert response.status_code == 400
    assert "bukan berkas Excel (.xlsx) atau CSV (.csv)" in response.content.decode()
    assert not RegionalPlan.objects.exists()


def test_the_regional_upload_limit_is_its_own_not_the_plan_workbooks(client, reference, cast, settings):
    # A region's whole RKPD is far larger than one plan workbook: a file over
    # the plan limit but under the regional one is read, not refused at the door.
    settings.PLAN_IMPORT_MAX_BYTES = 100
    settings.REGIONAL_IMPORT_MAX_BYTES = 10_000
    client.force_login(cast.officer_jateng)
    response = client.post(import_url(), {"file": csv(GOOD)})
    assert response.status_code == 302
    assert RegionalSubActivity.objects.count() == 2

    settings.REGIONAL_IMPORT_MAX_BYTES = 100
    response = client.post(import_url(), {"file": csv(GOOD + GOOD.split("\n", 1)[1])})
    assert response.status_code == 400
    assert "Berkas terlalu besar" in response.content.decode()


def test_junk_named_like_a_workbook_is_refused(client, reference, cast):
    client.force_login(cast.officer_jateng)
    response = client.post(import_url(), {"file": SimpleUploadedFile("rkpd.xlsx", b"\x00\x01junk" * 100)})
    assert response.status_code == 400
    assert response.context["issues"]
    assert not RegionalSubActivity.objects.exists()


def test_a_year_out_of_range_or_an_unknown_region_is_not_found(client, reference, cast):
    client.force_login(cast.officer_jateng)
    assert client.get(page_url(year=1999)).status_code == 404
    assert client.get(page_url(code="99.99")).status_code == 404


def test_the_list_is_searched_and_paginated(client, reference, cast):
    rows = "\n".join(f"1.02.02.2.02.{i:04d};Sub kegiatan nomor {i};Dinas Kesehatan;100;33.02" for i in range(1, 61))
    with acting_as(cast.officer_jateng, "test"):
        regional_plan_import(
            region=reference.banyumas,
            year=2024,
            by=cast.officer_jateng,
            file=f"{HEADER}\n{rows}\n".encode(),
            name="b.csv",
        )
    client.force_login(cast.planner_a)
    first = client.get(page_url())
    assert len(first.context["rows"]) == 50 and first.context["page"].paginator.num_pages == 2
    assert len(client.get(page_url(), {"page": 2}).context["rows"]) == 10
    found = client.get(page_url(), {"q": "nomor 42"})
    assert [r.name for r in found.context["rows"]] == ["Sub kegiatan nomor 42"]


def test_a_large_file_runs_in_the_background_and_links_back(
    client, reference, cast, settings, tmp_path, monkeypatch, django_capture_on_commit_callbacks
):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    settings.MEDIA_ROOT = tmp_path
    monkeypatch.setattr("selaras.plans.imports.BACKGROUND_THRESHOLD_BYTES", 10)
    client.force_login(cast.officer_jateng)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(import_url(), {"file": csv(GOOD)})
    job = Job.objects.get()
    assert response["Location"] == reverse("plans:regional_import_job", args=["33.02", 2024, job.pk])
    assert job.status == JobStatus.SUCCEEDED
    page = client.get(response["Location"])
    assert page.context["counts"] == [("Sub kegiatan", 2), ("Dengan lokasi wilayah", 2)]
    assert f'href="{page_url()}"' in page.content.decode()
    # The job belongs to Banyumas, not to another region's page.
    assert client.get(reverse("plans:regional_import_job", args=["33.01", 2024, job.pk])).status_code == 404


def test_a_failed_background_import_shows_its_errors(
    client, reference, cast, settings, tmp_path, monkeypatch, django_capture_on_commit_callbacks
):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    settings.MEDIA_ROOT = tmp_path
    monkeypatch.setattr("selaras.plans.imports.BACKGROUND_THRESHOLD_BYTES", 10)
    client.force_login(cast.officer_jateng)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(import_url(), {"file": csv(BAD)})
    assert Job.objects.get().status == JobStatus.FAILED
    page = client.get(response["Location"])
    assert (2, "D") in {(i["row"], i["column"]) for i in page.context["issues"]}
    assert not RegionalSubActivity.objects.exists()
