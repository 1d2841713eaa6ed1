"""The review workspace in a real browser: a decision replaces only its
finding's card and the counters above the findings (HTMX), under the
site's Content-Security-Policy."""

from __future__ import annotations

import pytest

from selaras.sync.models import FindingStatus
from tests.conftest import PASSWORD
from tests.sync.review_data import Review, build_review

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def review(cast, reference) -> Review:
    return build_review(cast, reference)


def test_accepting_a_finding_updates_its_card_in_place(page, csp_violations, cast, review):
    from playwright.sync_api import expect

    page.goto("/accounts/login/")
    page.fill("input[name=username]", cast.coordinator.username)
    page.fill("input[name=password]", PASSWORD)
    page.get_by_role("main").get_by_role("button", name="Masuk").click()
    page.goto(f"/sinkronisasi/rencana/{review.plan_a.pk}/")
    marker = page.evaluate("() => { window.__stay = 1; return window.__stay; }")
    counters = page.locator("#temuan-hitung")
    expect(counters.locator(".stat").nth(1)).to_contain_text("3")  # open
    card = page.locator(f"#temuan-{review.f_authority.pk}")
    card.get_by_label("Catatan (opsional)").fill("Alihkan ke dekonsentrasi.")
    card.get_by_role("button", name="Terima").click()
    expect(page.locator(f"#temuan-{review.f_authority.pk}").get_by_role("button", name="Buka kembali")).to_be_visible()
    # The counters above the findings follow the decision without a reload.
    expect(counters.locator(".stat").nth(1)).to_contain_text("2")
    expect(counters.locator(".stat").nth(2)).to_contain_text("1")  # accepted
    assert page.evaluate("() => window.__stay") == marker  # no full reload
    page.screenshot(path="/tmp/selaras-review.png", full_page=True)
    review.f_authority.refresh_from_db()
    assert review.f_authority.status == FindingStatus.ACCEPTED
    assert csp_violations == []


def _login(page, user) -> None:
    page.goto("/accounts/login/")
    page.fill("input[name=username]", user.username)
    page.fill("input[name=password]", PASSWORD)
    page.get_by_role("main").get_by_role("button", name="Masuk").click()


def test_nine_findings_fit_on_a_screen_and_a_row_opens_its_detail(page, csp_violations, cast, review):
    from playwright.sync_api import expect

    from tests.sync.test_workspace_compact import nine_findings

    nine_findings(review)
    page.set_viewport_size({"width": 1366, "height": 768})
    _login(page, cast.coordinator)
    page.goto(f"/sinkronisasi/rencana/{review.plan_a.pk}/")
    expect(page.locator("tr.sync-row")).to_have_count(9)
    height = page.evaluate("() => document.documentElement.scrollHeight")
    page.screenshot(path="/tmp/selaras-review-1366.png", full_page=True)
    assert height < 2000, f"the review page is {height} px high"
    # A click on a row loads its finding beside the table, without a reload.
    marker = page.evaluate("() => { window.__stay = 1; return window.__stay; }")
    page.locator(f"#baris-{review.f_duplication.pk} a").click()
    expect(page.locator(f"#panel-temuan #temuan-{review.f_duplication.pk}")).to_be_visible()
    expect(page.locator("#panel-temuan")).to_contain_text("Pelatihan Kader Posyandu Terpadu")
    assert page.evaluate("() => window.__stay") == marker
    assert csp_violations == []


def test_on_a_phone_the_detail_pane_sits_below_the_table_without_sideways_scroll(page, cast, review):
    nine_findings_module = __import__("tests.sync.test_workspace_compact", fromlist=["nine_findings"])
    nine_findings_module.nine_findings(review)
    page.set_viewport_size({"width": 390, "height": 800})
    _login(page, cast.coordinator)
    page.goto(f"/sinkronisasi/rencana/{review.plan_a.pk}/")
    table = page.locator("table.sync-findings").bounding_box()
    pane = page.locator("#panel-temuan").bounding_box()
    assert pane["y"] >= table["y"] + table["height"]
    page.screenshot(path="/tmp/selaras-review-390.png", full_page=True)
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 390
