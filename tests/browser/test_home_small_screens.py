"""A phone's 390 px screen: 'Tugas saya' and 'Wilayah saya' fit it without
scrolling sideways, and Wilayah saya is one click from home."""

import pytest

from tests.browser.test_plan_flow import log_in
from tests.browser.test_small_screens import PHONE, page_width, too_wide
from tests.permissions.conftest import fast_password_hashing, world  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_home_and_wilayah_saya_fit_a_phone_screen(page, cast, world, csp_violations):  # noqa: F811
    log_in(page, cast.officer_jateng)
    page.set_viewport_size(PHONE)
    for url in ("/", "/wilayah-saya/33/?tahun=2025"):
        page.goto(url)
        assert page_width(page) <= PHONE["width"], (url, too_wide(page))
    page.goto("/")
    assert page_width(page) <= PHONE["width"]
    page.locator("main").get_by_role("link", name="Buka Wilayah saya").click()
    page.wait_for_url("**/wilayah-saya/33/")
    assert csp_violations == []


def test_the_coordinators_home_fits_a_phone_screen(page, cast, world):  # noqa: F811
    log_in(page, cast.coordinator)
    page.set_viewport_size(PHONE)
    page.goto("/")
    assert page.locator(".task").count() >= 1
    assert page_width(page) <= PHONE["width"], too_wide(page)
