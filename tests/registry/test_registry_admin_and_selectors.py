"""The admin covers every reference model, and selectors go through the
permission layer (reference data: public to read)."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.contrib import admin
from django.core import checks

from selaras.registry import selectors
from selaras.registry.models import RegionLevel

pytestmark = pytest.mark.django_db


def test_every_registry_model_is_in_the_admin_and_region_codes_are_read_only():
    for model in apps.get_app_config("registry").get_models():
        assert admin.site.is_registered(model), model
    region_admin = admin.site._registry[apps.get_model("registry", "Region")]
    assert "code" in region_admin.readonly_fields
    errors = [e for e in checks.run_checks(tags=[checks.Tags.admin]) if "registry" in str(e.obj)]
    assert errors == []


def test_region_selectors_hide_retired_regions_unless_asked(reference, cast):
    import datetime as dt

    reference.cilacap.valid_until = dt.date(2026, 1, 1)
    reference.cilacap.save()

    current = selectors.region_list(user=cast.anonymous, level=RegionLevel.REGENCY, within="33")
    assert list(current.values_list("code", flat=True)) == ["33.02"]
    everything = selectors.region_list(user=cast.viewer, level=RegionLevel.REGENCY, within="33", include_retired=True)
    assert list(everything.values_list("code", flat=True)) == ["33.01", "33.02"]
    assert list(selectors.region_children(user=None, region=None).values_list("code", flat=True)) == ["33", "91"]


def test_agency_for_region_finds_the_regional_government(reference, cast):
    assert selectors.agency_for_region(user=cast.officer_papua, region=reference.jateng) == reference.pemprov_jateng
    assert selectors.agency_for_region(user=cast.officer_papua, region=reference.papua) is None
