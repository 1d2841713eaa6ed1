"""The shared form plumbing: a service's refusal on its form, the Rupiah
field, the breadcrumb builder and the one field partial."""

from decimal import Decimal

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.template.loader import render_to_string

from selaras.core.forms import RupiahField, errors_to_form
from selaras.core.views import breadcrumbs


class TitleForm(forms.Form):
    title = forms.CharField(label="Judul", help_text="Judul singkat rencana.")
    amount = RupiahField(label="Anggaran", required=False)


def _bound() -> TitleForm:
    form = TitleForm({"title": "Rencana"})
    assert form.is_valid()
    return form


def test_it_puts_a_services_field_errors_beside_their_fields():
    form = _bound()
    refusal = ValidationError({"title": ["Judul sudah dipakai."], "cycle": ["Siklus sudah ditutup."]})

    top = errors_to_form(refusal, form)

    assert form.errors["title"] == ["Judul sudah dipakai."]
    assert top == ["Siklus sudah ditutup."]


def test_it_hands_named_errors_elsewhere_and_plain_errors_to_the_top():
    form = _bound()
    seen = []
    top = errors_to_form(ValidationError({"locations": ["Lokasi ganda."]}), form, elsewhere={"locations": seen.extend})
    assert (seen, top) == (["Lokasi ganda."], [])
    assert errors_to_form(ValidationError("Tidak boleh."), form) == ["Tidak boleh."]


def test_breadcrumbs_link_every_step_but_the_current_page():
    crumbs = breadcrumbs(("Rencana", "/rencana/"), ("RKT 2025", "/rencana/1/"), ("Ubah", "/rencana/1/ubah/"))
    assert crumbs == [
        {"label": "Rencana", "url": "/rencana/"},
        {"label": "RKT 2025", "url": "/rencana/1/"},
        {"label": "Ubah", "url": ""},
    ]
    assert breadcrumbs() == []


@pytest.mark.parametrize(
    ("typed", "amount"),
    [
        ("1.250.000.000", Decimal("1250000000")),
        ("Rp 1.250.000,50", Decimal("1250000.50")),
        ("750000", Decimal("750000")),
    ],
)
def test_the_rupiah_field_reads_amounts_with_thousand_separators(typed, amount):
    form = TitleForm({"title": "x", "amount": typed})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["amount"] == amount


@pytest.mark.parametrize("typed", ["satu juta", "1,250,000.00", "12.34.5", "1.2500.000", "-5.000"])
def test_the_rupiah_field_refuses_what_is_not_an_amount(typed):
    form = TitleForm({"title": "x", "amount": typed})
    assert not form.is_valid()
    assert "amount" in form.errors


def test_the_rupiah_input_shows_the_amount_with_separators():
    html = str(TitleForm(initial={"amount": Decimal("1250000000.00")})["amount"])
    assert 'value="1.250.000.000"' in html
    assert "data-rupiah" in html


def test_the_field_partial_gives_help_text_the_id_aria_describedby_names():
    field = TitleForm()["title"]
    html = render_to_string("includes/_field.html", {"field": field})
    assert 'aria-describedby="id_title_helptext"' in html
    assert 'id="id_title_helptext"' in html
