"""Counts on the home page take the singular or plural form their number
needs in the reader's language ("1 province", not "1 provinces")."""

from __future__ import annotations

import pytest
from django.utils import translation
from django.utils.translation import trans_real


@pytest.fixture
def english_count_labels():
    # The catalogue is regenerated separately; give English the two forms here.
    catalog = trans_real.translation("en")._catalog
    entries = {
        ("jumlah\x04pemerintah daerah", 0): "regional government",
        ("jumlah\x04pemerintah daerah", 1): "regional governments",
    }
    for key, text in entries.items():
        catalog[key] = text
    yield
    for mapping in catalog._catalogs:
        for key in entries:
            mapping.pop(key, None)


def test_one_regional_government_is_counted_in_the_singular(client, reference, english_count_labels):
    # The shared cast has a single regional government (Jawa Tengah's).
    client.cookies["django_language"] = "en"
    with translation.override("en"):
        html = client.get("/").content.decode()
    assert ">regional government</span>" in html
    assert "regional governments</span>" not in html
