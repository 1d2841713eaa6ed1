"""The activity form for officials: the affair select filters as one types,
development targets are ticked by name, and Rupiah amounts get their
thousand separators while typing."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.test_plan_flow import log_in
from tests.plans.conftest import plans  # noqa: F401 (the plan fixture, shared with the plan tests)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_affair_select_filters_and_rupiah_formats_as_you_type(page, cast, plans, csp_violations):  # noqa: F811
    from selaras.registry.models import Affair, AffairLevel

    Affair.objects.create(code="1.01", name="Pendidikan", level=AffairLevel.FIELD)
    log_in(page, cast.planner_a)
    page.goto(f"/rencana/{plans.plan_a.pk}/")
    page.get_by_role("link", name="Tambah kegiatan").click()

    affair = page.locator("select[name=affair]")
    box = affair.locator("xpath=preceding-sibling::input[@type='search'][1]")
    box.fill("upaya kes")
    expect(affair.locator("option", has_text="Upaya Kesehatan")).not_to_have_attribute("hidden", re.compile(".*"))
    expect(affair.locator("option", has_text="Pendidikan")).to_have_attribute("hidden", "")
    affair.select_option(label="1.02.01 Upaya Kesehatan")

    budget = page.locator("input[name=budget]")
    budget.fill("")
    budget.press_sequentially("1250000000")
    expect(budget).to_have_value("1.250.000.000")
    assert csp_violations == []
