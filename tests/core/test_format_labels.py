"""Counts read as whole numbers, and villages carry their district and regency."""

from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import translation

from selaras.core.templatetags.selaras_format import region_label


def _render(text: str, **context) -> str:
    with translation.override("id"):
        return Template(text).render(Context(context))


def test_a_whole_count_stored_as_a_decimal_reads_without_decimals():
    assert _render("{{ n|angka }}", n=Decimal("1.00")) == "1"
    assert _render("{{ n|angka }}", n=Decimal("1250.00")) == "1.250"


def test_a_fraction_keeps_its_decimals():
    assert _render("{{ n|angka }}", n=Decimal("12.50")) == "12,50"
    assert _render("{{ n|angka:2 }}", n=Decimal("3")) == "3,00"


@pytest.mark.django_db
def test_a_village_is_shown_with_its_district_and_regency(reference):
    from selaras.registry.models import Region, RegionLevel

    village = Region.objects.create(
        code="33.02.01.2001", name="Karanggayam", level=RegionLevel.VILLAGE, parent=reference.banyumas_kec, kind="desa"
    )
    with translation.override("id"):
        assert region_label(village) == "Desa Karanggayam, Kec. Lumbir, Kab. Banyumas"
        assert region_label(reference.banyumas_kec) == "Kec. Lumbir, Kab. Banyumas"
        assert region_label(reference.banyumas) == "Kabupaten Banyumas"
