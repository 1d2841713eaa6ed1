"""Issue 11's working week in the browser: a submitted plan reaches the
coordinator's "Tugas saya" and bell, comes back to the planner with the
reason at the top; a regional officer reaches "Wilayah saya" in one click,
flags a central activity there and reads the owning planner's answer."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.browser.test_meetings_flow import as_user
from tests.browser.test_plan_flow import log_in
from tests.flags.conftest import stage  # noqa: F401 (two submitted plans, shared with the flag tests)
from tests.plans.conftest import activity_data, plans  # noqa: F401 (the plan fixture, shared with the plan tests)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def immediate_tasks(settings):
    # The e-mails the notifications enqueue are sent at once, not left in a queue.
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


def log_out(page):
    page.locator(".site-header").get_by_role("button", name="Keluar").click()


def test_a_returned_plan_tells_its_planner_why(page, cast, reference, plans, csp_violations):  # noqa: F811
    from selaras.plans import services

    services.activity_create(plan=plans.plan_a, by=cast.planner_a, data=activity_data(reference, plans.affair))
    plan_url = reverse("plans:plan_detail", args=[plans.plan_a.pk])

    log_in(page, cast.planner_a)
    page.goto(plan_url)
    page.locator("form.workflow-form").get_by_label("Komentar").fill("Siap ditelaah")
    page.get_by_role("button", name="Ajukan").click()
    expect(page.locator(".plan-meta .status")).to_have_text("Diajukan")
    log_out(page)

    log_in(page, cast.coordinator)
    page.goto("/")
    expect(page.get_by_role("heading", name="Tugas saya")).to_be_visible()
    review = page.locator(".task-plan_review", has_text="RKT Kemenkes 2024")
    expect(review).to_have_count(1)
    expect(page.locator(".site-header .bell-count")).to_contain_text("1")
    page.goto(plan_url)
    returning = page.locator("form.workflow-form", has=page.get_by_role("button", name="Kembalikan untuk perbaikan"))
    returning.get_by_label("Komentar").fill("Lokasi Cilacap belum sesuai lokus.")
    returning.get_by_role("button", name="Kembalikan untuk perbaikan").click()
    expect(page.locator(".plan-meta .status")).to_have_text("Dikembalikan untuk perbaikan")
    log_out(page)

    log_in(page, cast.planner_a)
    page.goto("/")
    expect(page.locator(".site-header .bell-count")).to_contain_text("1")
    expect(page.locator(".task-plan_returned", has_text="RKT Kemenkes 2024")).to_have_count(1)
    page.locator(".site-header a.bell").click()
    expect(page.get_by_role("main")).to_contain_text("RKT Kemenkes 2024")
    page.goto(plan_url)
    banner = page.locator(".sync-returned")
    expect(banner.get_by_role("heading")).to_have_text("Dikembalikan untuk perbaikan")
    expect(banner).to_contain_text("Lokasi Cilacap belum sesuai lokus.")
    # "At the top": the reason comes before the plan's summary and its activities.
    above = page.evaluate(
        "document.querySelector('.sync-returned').compareDocumentPosition("
        "document.querySelector('.plan-summary')) & Node.DOCUMENT_POSITION_FOLLOWING"
    )
    assert above
    assert csp_violations == []


def test_a_regional_officer_flags_an_activity_and_reads_the_answer(
    page,
    browser,
    live_server,
    cast,
    stage,  # noqa: F811
    csp_violations,
):
    log_in(page, cast.officer_jateng)
    page.goto("/")
    page.locator(".site-header").get_by_role("link", name="Wilayah saya").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(re.compile(r"Wilayah saya: .*Jawa Tengah"))
    row = page.locator("table.district-activities tr", has_text="Rehabilitasi sekolah")
    expect(row).to_contain_text("Kabupaten Banyumas")
    # Only ministry B's activity lands here; ministry A's is in Papua.
    expect(page.locator("table.district-activities")).not_to_contain_text("Pelatihan kader")

    row.get_by_role("link", name="Tandai").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tandai kegiatan")
    page.get_by_label("Sudah kami danai").check()
    page.get_by_label("Komentar").fill("Sudah ada di APBD Banyumas 2025.")
    page.get_by_role("button", name="Kirim tanda").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sudah kami danai")
    expect(page.locator(".page-header .badge").first).to_have_text("Terbuka")
    expect(page.get_by_text("Belum ada jawaban.")).to_be_visible()
    flag_url = page.url

    context, owner = as_user(browser, live_server, cast.planner_b)
    owner.set_viewport_size({"width": 1280, "height": 900})
    expect(owner.locator(".site-header .bell-count")).to_contain_text("1")
    owner.goto(reverse("flags:plan", args=[stage.plan_b.pk]))
    flagged = owner.locator("tr", has_text="Sudah kami danai")
    expect(flagged).to_contain_text("Rehabilitasi sekolah")
    flagged.get_by_role("link").click()
    expect(owner.get_by_role("heading", level=1)).to_have_text("Sudah kami danai")
    expect(owner.get_by_role("main")).to_contain_text("Sudah ada di APBD Banyumas 2025.")
    owner.get_by_label("Pesan").fill("Kegiatan dipindah ke Kabupaten Brebes.")
    owner.get_by_role("button", name="Kirim jawaban").click()
    expect(owner.locator(".flag-message")).to_contain_text("Kegiatan dipindah ke Kabupaten Brebes.")
    context.close()

    page.goto("/")
    expect(page.locator(".site-header .bell-count")).to_contain_text("1")
    page.goto(flag_url)
    expect(page.locator(".page-header .badge").first).to_have_text("Dijawab")
    expect(page.locator(".flag-message")).to_contain_text("Kegiatan dipindah ke Kabupaten Brebes.")
    assert csp_violations == []
