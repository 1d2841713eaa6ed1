"""Every check rule of these categories says what it enforces and where."""

import importlib

import pytest

from selaras.sync.rules.base import all_rules

CATEGORIES = {"authority", "alignment", "consistency", "coverage", "deadlines"}
RULES = [cls for cls in all_rules().values() if cls.category in CATEGORIES]


def test_the_expected_rules_are_registered():
    codes = {cls.code for cls in RULES}
    assert {
        "authority.tp_affair_held_by_region",
        "authority.dekon_content",
        "authority.tp_content_is_binwas",
        "authority.tp_province_single_district",
        "authority.matching_funds",
        "authority.affair_not_assigners",
        "authority.tp_not_concurrent",
        "authority.recipient_level",
        "authority.funding_instrument",
        "authority.dekon_binwas_object",
        "authority.dekon_gwpp_not_kemendagri",
        "authority.cooperation_outside_level",
        "authority.location_outside_recipient_area",
        "alignment.no_target",
        "alignment.target_affair_mismatch",
        "consistency.location_budget_sum",
        "consistency.location_outside_loci",
        "coverage.locus_without_activity",
        "coverage.crowded_affair",
        "deadlines.regulation_late",
        "deadlines.decree_late",
    } <= codes


@pytest.mark.parametrize("rule", RULES, ids=lambda cls: cls.code)
def test_each_rule_cites_its_basis_and_has_both_titles(rule):
    assert rule.code.split(".")[0] == rule.category
    assert rule.severity in {"error", "warning", "info"}
    assert rule.citation and rule.title_id and rule.title_en
    docstring = importlib.import_module(rule.__module__).__doc__ or ""
    assert len(docstring) > 80
    if rule.category == "authority":
        assert ("PP 19/2022" in rule.citation or "UU 23/2014" in rule.citation) and "Pasal" in docstring
