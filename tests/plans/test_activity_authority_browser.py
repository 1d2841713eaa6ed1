"""In the browser: choosing the affair and typing the title brings the
suggested matrix item; one click on "Pakai butir ini" confirms it."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.browser.test_plan_flow import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_suggested_item_is_confirmed_in_one_click(page, cast, plans, csp_violations):
    from selaras.registry.models import AuthorityRule

    AuthorityRule.objects.create(
        affair=plans.affair, level="pusat", position=1, text="Pengelolaan UKP rujukan nasional"
    )
    wanted = AuthorityRule.objects.create(
        affair=plans.affair, level="provinsi", position=1, text="Pengelolaan UKP rujukan tingkat Daerah provinsi"
    )
    AuthorityRule.objects.create(
        affair=plans.affair, level="kabkota", position=1, text="Penyelenggaraan imunisasi dan surveilans penyakit"
    )
    log_in(page, cast.planner_a)
    page.goto(reverse("plans:activity_create", args=[plans.plan_a.pk]))
    expect(page.locator("#authority-item-suggestion")).to_contain_text("Pilih urusan")
    page.get_by_label("Urusan").select_option(label="1.02.01 Upaya Kesehatan")
    page.get_by_label("Judul kegiatan").fill("Pengelolaan UKP rujukan tingkat provinsi")
    suggestion = page.locator("#authority-item-suggestion")
    expect(suggestion).to_contain_text("tingkat Daerah provinsi")
    expect(suggestion.locator("mark", has_text="rujukan")).to_be_visible()
    suggestion.get_by_role("button", name="Pakai butir ini").click()
    expect(page.locator("#id_authority_item")).to_have_value(str(wanted.pk))
    expect(suggestion).to_contain_text("Butir ini sudah dipilih.")
    assert csp_violations == []
