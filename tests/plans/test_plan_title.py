"""An untitled plan is named like a title, not by codes."""

import pytest
from django.utils import translation

pytestmark = pytest.mark.django_db


def test_an_untitled_plan_reads_like_a_title(plans, reference):
    from selaras.plans.models import Plan

    plan = Plan(cycle=plans.cycle, owner=reference.ministry_a, title="")
    with translation.override("id"):
        assert str(plan) == f"Rencana Kerja 2024 {reference.ministry_a} — Program Kerja Sama RI–UNICEF 2021–2025"
    assert "RI-UNICEF-2021" not in str(plan)


def test_a_titled_plan_keeps_its_title(plans):
    assert str(plans.plan_a) == "RKT Kemenkes 2024"
