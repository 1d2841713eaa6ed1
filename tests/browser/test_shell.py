"""The shell and the region browser as a person uses them in a browser."""

import re

import pytest
from playwright.sync_api import expect

from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def main_nav(page):
    return page.get_by_role("navigation", name=re.compile("Navigasi utama|Main navigation"))


def test_a_planner_logs_in_and_sees_their_name(page, cast, csp_violations):
    page.goto("/accounts/login/")
    page.fill("input[name=username]", cast.planner_a.username)
    page.fill("input[name=password]", PASSWORD)
    page.get_by_role("main").get_by_role("button", name="Masuk").click()
    header = page.locator(".site-header")
    expect(header.get_by_role("link", name=str(cast.planner_a))).to_be_visible()
    expect(header.get_by_role("button", name="Keluar")).to_be_visible()
    assert csp_violations == []


def test_switching_to_english_changes_the_navigation_and_persists(page, reference, csp_violations):
    page.goto("/wilayah/")
    expect(main_nav(page).get_by_role("link", name="Wilayah")).to_be_visible()
    page.get_by_role("button", name=re.compile("English")).click()
    expect(page).to_have_url(re.compile(r"/wilayah/$"))
    expect(main_nav(page).get_by_role("link", name="Regions")).to_be_visible()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    # The choice is remembered on the next page.
    main_nav(page).get_by_role("link", name="Agencies").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Agencies")
    expect(main_nav(page).get_by_role("link", name="Home")).to_be_visible()
    page.get_by_role("button", name=re.compile("Bahasa Indonesia")).click()
    expect(main_nav(page).get_by_role("link", name="Instansi")).to_be_visible()
    expect(page.locator("html")).to_have_attribute("lang", "id")
    assert csp_violations == []


def test_a_visitor_browses_from_province_to_regency(page, reference, csp_violations):
    page.goto("/")
    main_nav(page).get_by_role("link", name="Wilayah").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Wilayah")
    expect(page.locator(".tile-grid")).to_be_visible()
    page.get_by_role("row").get_by_role("link", name="Jawa Tengah").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Jawa Tengah")
    page.get_by_role("link", name="Kabupaten Banyumas").click()
    expect(page).to_have_url(re.compile(r"/wilayah/33\.02/$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Kabupaten Banyumas")
    crumbs = page.get_by_role("navigation", name="Jejak navigasi")
    expect(crumbs.get_by_role("link", name="Jawa Tengah")).to_be_visible()
    expect(page.get_by_role("link", name="Lumbir")).to_be_visible()
    assert csp_violations == []


def test_a_province_tile_on_the_map_opens_the_province(page, reference):
    page.goto("/wilayah/")
    page.locator('.tile-grid a[href="/wilayah/91/"]').click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Papua")


def test_the_region_search_updates_in_place(page, reference, csp_violations):
    page.goto("/wilayah/")
    page.get_by_label("Cari wilayah").press_sequentially("Banyu", delay=30)
    results = page.locator("#region-search-results")
    expect(results.get_by_role("link", name=re.compile("Kabupaten Banyumas"))).to_be_visible()
    expect(page).to_have_url(re.compile(r"/wilayah/$"))  # no page load: HTMX swapped the results
    assert csp_violations == []


def test_tab_reaches_the_skip_link_first(page, reference):
    page.goto("/")
    page.keyboard.press("Tab")
    focused = page.evaluate("() => [document.activeElement.className, document.activeElement.getAttribute('href')]")
    assert focused == ["skip-link", "#isi"]
    expect(page.locator(".skip-link")).to_be_in_viewport()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"#isi$"))


def test_on_a_phone_the_menu_opens_from_its_button(browser, live_server, reference):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 390, "height": 800}, locale="id-ID")
    page = context.new_page()
    try:
        page.goto("/")
        nav_link = page.locator(".main-nav").get_by_role("link", name="Instansi", exact=True)
        expect(nav_link).to_be_hidden()
        toggle = page.get_by_role("button", name="Menu")
        toggle.click()
        expect(toggle).to_have_attribute("aria-expanded", "true")
        expect(nav_link).to_be_visible()
    finally:
        context.close()


def test_screenshots_of_the_home_and_region_pages(page, reference):
    page.goto("/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    page.screenshot(path="/tmp/selaras-home.png", full_page=True)
    page.goto("/wilayah/")
    expect(page.locator(".tile-grid svg")).to_be_visible()
    page.screenshot(path="/tmp/selaras-region.png", full_page=True)
