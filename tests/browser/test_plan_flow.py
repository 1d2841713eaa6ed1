"""A planner adds an activity with two locations picked through the
type-ahead and submits the plan; the coordinator then finds the activity
on the province's coordination matrix."""

import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.conftest import PASSWORD
from tests.plans.conftest import plans  # noqa: F401 (the plan fixture, shared with the plan tests)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Screenshots are written here for a person to look at (not compared).
SHOTS = Path(os.environ.get("SELARAS_SCREENSHOTS", "/tmp/selaras-screenshots"))


def log_in(page, user):
    page.goto("/accounts/login/")
    page.fill("input[name=username]", user.username)
    page.fill("input[name=password]", PASSWORD)
    page.get_by_role("main").get_by_role("button", name="Masuk").click()
    expect(page.locator(".site-header").get_by_role("button", name="Keluar")).to_be_visible()


def pick_region(page, query, name):
    picker = page.locator(".region-picker")
    picker.get_by_label("Cari wilayah").fill(query)
    option = picker.locator(".region-option", has_text=name)
    expect(option).to_be_visible()
    option.click()
    row = page.locator("#location-rows tr.location-row", has_text=name)
    expect(row).to_have_count(1)
    return row


def test_a_submitted_activity_reaches_the_region_matrix(page, cast, plans, csp_violations):  # noqa: F811
    SHOTS.mkdir(parents=True, exist_ok=True)
    log_in(page, cast.planner_a)
    page.get_by_role("navigation", name="Navigasi utama").get_by_role("link", name="Rencana").click()
    page.get_by_role("link", name="RKT Kemenkes 2024").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("RKT Kemenkes 2024")
    page.get_by_role("link", name="Tambah kegiatan").click()

    page.get_by_label("Judul kegiatan").fill("Pelatihan kader Posyandu di Jawa Tengah")
    page.get_by_label("Urusan").select_option(label="1.02.01 Upaya Kesehatan")
    page.get_by_label("Sumber dana").select_option("partner")
    page.get_by_label(re.compile(r"^Anggaran \(Rp\)")).fill("300000000")
    page.get_by_label("Triwulan II", exact=True).check()
    page.get_by_label("Triwulan III", exact=True).check()
    page.get_by_label("Tingkat pelaksana").select_option("kabkota")
    page.locator("input[name='ind-0-indicator']").fill("Kader terlatih")
    page.locator("input[name='ind-0-unit']").fill("orang")
    page.locator("input[name='ind-0-target']").fill("120")

    banyumas = pick_region(page, "Banyum", "Kabupaten Banyumas")
    banyumas.locator("input[name$='-budget']").fill("200000000")
    cilacap = pick_region(page, "cilacap", "Kabupaten Cilacap")
    cilacap.locator("input[name$='-budget']").fill("100000000")
    expect(page.locator(".location-sum")).to_have_class(re.compile(r"\bmatch\b"))
    page.screenshot(path=str(SHOTS / "activity-form.png"), full_page=True)

    page.get_by_role("button", name="Simpan kegiatan").click()
    expect(page.locator(".message-success")).to_contain_text("ditambahkan")
    activity = page.locator("article.activity", has_text="Pelatihan kader Posyandu di Jawa Tengah")
    expect(activity).to_contain_text("Kabupaten Banyumas")
    expect(activity).to_contain_text("Kabupaten Cilacap")
    expect(activity).to_contain_text("Rp300.000.000")

    page.locator("form.workflow-form").get_by_label("Komentar").fill("Siap untuk Rakortekpus")
    page.get_by_role("button", name="Ajukan").click()
    expect(page.locator(".plan-meta .status")).to_have_text("Diajukan")
    expect(page.get_by_role("cell", name="Siap untuk Rakortekpus")).to_be_visible()
    page.screenshot(path=str(SHOTS / "plan-detail.png"), full_page=True)
    page.locator(".site-header").get_by_role("button", name="Keluar").click()

    log_in(page, cast.coordinator)
    page.goto("/wilayah/33/")
    page.get_by_role("link", name="Matriks koordinasi kegiatan").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Jawa Tengah, tahun 2024")
    row = page.locator("table.matrix tr", has_text="Pelatihan kader Posyandu di Jawa Tengah")
    expect(row).to_contain_text("Kemenkes")
    expect(row).to_contain_text("Diajukan")
    expect(row).to_contain_text("Rp300.000.000")
    expect(page.locator("table.matrix .affair-row")).to_contain_text("Upaya Kesehatan")
    page.screenshot(path=str(SHOTS / "region-matrix.png"), full_page=True)
    row.get_by_role("link", name=re.compile("Pelatihan kader Posyandu")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("RKT Kemenkes 2024")
    assert csp_violations == []
