"""A phone's 390 px screen: the plan pages fit it without scrolling sideways."""

from decimal import Decimal

import pytest

from tests.browser.test_plan_flow import log_in
from tests.plans.conftest import plans  # noqa: F401 (the plan fixture, shared with the plan tests)
from tests.plans.helpers import add_activity

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


def page_width(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth")


def too_wide(page) -> list[str]:
    """The elements that stick out past the right edge, to say what to fix."""
    return page.evaluate(
        """() => [...document.querySelectorAll("body *")]
            .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 1)
            .slice(0, 8)
            .map((el) => `${el.tagName.toLowerCase()}.${el.className} ${Math.round(el.getBoundingClientRect().right)}`)"""
    )


def test_plan_pages_fit_a_phone_screen(page, cast, plans, reference, csp_violations):  # noqa: F811
    activity = add_activity(
        plans, reference, cast.planner_a, title="Pelatihan kader Posyandu dan pendampingan ibu hamil di desa"
    )
    log_in(page, cast.planner_a)
    page.set_viewport_size(PHONE)
    pages = (
        "/",
        "/rencana/",
        f"/rencana/{plans.plan_a.pk}/",
        "/rencana/program/",
        f"/rencana/program/{plans.programme.pk}/",
        f"/rencana/siklus/{plans.cycle.pk}/",
        f"/rencana/instansi/{reference.ministry_a.code}/",
        f"/rencana/kegiatan/{activity.pk}/ubah/",
    )
    for url in pages:
        page.goto(url)
        assert page_width(page) <= PHONE["width"], (url, too_wide(page))
    assert csp_violations == []


def test_a_date_input_looks_like_the_other_inputs(page, reference):
    # The letter's date field is a plain <input type="date"> outside any form grid.
    page.goto("/")
    styles = page.evaluate(
        """() => {
            const main = document.querySelector("main");
            const look = (type) => {
                const input = document.createElement("input");
                input.type = type;
                main.append(input);
                const s = getComputedStyle(input);
                return [s.borderTopColor, s.borderTopLeftRadius, s.minHeight, s.paddingLeft];
            };
            return {text: look("text"), date: look("date")};
        }"""
    )
    assert styles["date"] == styles["text"]


def test_an_activity_with_long_indicators_fits_a_phone_screen(page, cast, plans, reference):  # noqa: F811
    activity = add_activity(plans, reference, cast.planner_a, title="Penguatan layanan perlindungan anak")
    activity.indicators.update(
        indicator="Kabupaten/kota yang menginput kasus kekerasan terhadap anak ke sistem informasi tepat waktu",
        unit="kabupaten/kota",
        baseline=Decimal("1250"),
        target=Decimal("2500000"),
    )
    log_in(page, cast.planner_a)
    page.set_viewport_size(PHONE)
    page.goto(f"/rencana/{plans.plan_a.pk}/")
    assert page_width(page) <= PHONE["width"], too_wide(page)
