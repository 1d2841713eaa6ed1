"""The coordinator records a conclusion and a follow-up for ministry A;
ministry A's planner finds it on "Tugas saya" and marks it done with an
evidence file; the coordinator verifies it."""

import pytest
from playwright.sync_api import expect

from tests.browser.test_plan_flow import log_in
from tests.meetings.conftest import _meeting_files_in_tmp, mworld, programme  # noqa: F401 (shared fixtures)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def as_user(browser, live_server, user):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900}, locale="id-ID")
    page = context.new_page()
    page.set_default_timeout(10_000)
    log_in(page, user)
    # The rest on a phone's width (the menu folds away, so log in wider).
    page.set_viewport_size({"width": 390, "height": 844})
    return context, page


def test_a_follow_up_goes_from_the_meeting_to_the_owner_and_back(page, browser, live_server, cast, mworld, tmp_path):  # noqa: F811
    log_in(page, cast.coordinator)
    page.goto("/rapat/")
    page.get_by_role("link", name="Rakortekpus RI-UNICEF 2024").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Rakortekpus RI-UNICEF 2024")

    page.get_by_role("textbox", name="Rumusan").fill(
        "Kementerian menyampaikan RKT 2025 yang telah diselaraskan dengan lokus."
    )
    page.get_by_role("button", name="Tambah rumusan").click()
    expect(page.locator(".conclusion-list li")).to_have_count(1)
    page.locator(".conclusion-list").get_by_role("link", name="Tambah tindak lanjut").click()
    page.get_by_role("textbox", name="Tindak lanjut", exact=True).fill(
        "Unggah RKT 2025 Kemenkes yang telah diselaraskan."
    )
    page.get_by_label("Instansi penanggung jawab").select_option(label="Kemenkes")
    page.get_by_label("Tenggat").fill("2099-01-31")
    page.get_by_role("button", name="Simpan").click()
    expect(page.locator(".badge.followup-open")).to_have_text("Terbuka")

    context, owner = as_user(browser, live_server, cast.planner_a)
    owner.goto("/")
    task = owner.locator(".task-followup_due", has_text="Unggah RKT 2025 Kemenkes")
    expect(task).to_have_count(1)
    task.get_by_role("link").click()
    evidence = tmp_path / "rkt-2025.pdf"
    evidence.write_bytes(PDF)
    actions = owner.get_by_role("region", name="Tindakan")
    actions.get_by_label("Catatan").fill("RKT 2025 sudah diunggah.")
    actions.get_by_label("Berkas bukti").set_input_files(str(evidence))
    actions.get_by_role("button", name="Tandai selesai").click()
    expect(owner.locator(".page-header .badge").first).to_have_text("Selesai (menunggu verifikasi)")
    expect(owner.get_by_role("link", name="rkt-2025.pdf")).to_be_visible()
    fits = "document.documentElement.scrollWidth <= window.innerWidth"
    assert owner.evaluate(fits)
    for path in (f"/rapat/{mworld.meeting.pk}/", "/rapat/", "/rapat/tindak-lanjut/"):
        owner.goto(path)
        assert owner.evaluate(fits), path
    context.close()

    page.goto("/")
    page.locator(".task-followup_verify").get_by_role("link").click()
    page.get_by_role("button", name="Verifikasi").click()
    expect(page.locator(".page-header .badge").first).to_have_text("Terverifikasi")
