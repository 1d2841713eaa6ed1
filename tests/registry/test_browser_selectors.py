"""The reads behind the region and agency browsers live in the registry's
selectors, so the pages and any later caller see the same rows."""

from selaras.registry import selectors


def test_region_search_finds_by_name_or_code_prefix(reference, cast):
    by_name = selectors.region_search(user=cast.viewer, query="banyumas")
    by_code = selectors.region_search(user=cast.viewer, query="33.0")
    assert [r.code for r in by_name] == ["33.02"]
    assert [r.code for r in by_code] == ["33.01", "33.02", "33.02.01"]
    assert selectors.region_search(user=cast.viewer, query="  ") == []


def test_provinces_carry_their_current_subdivision_counts(reference, cast):
    counts = {r.code: r.child_count for r in selectors.provinces_with_child_counts(user=cast.viewer)}
    assert counts == {"33": 2, "91": 1}


def test_agency_search_lists_top_level_agencies_unless_a_query_or_kind_is_given(reference, cast):
    top = [a.code for a in selectors.agency_search(user=cast.viewer)]
    assert "010.bangda" not in top and top[:3] == ["010", "024", "139"]
    assert [a.code for a in selectors.agency_search(user=cast.viewer, query="Ditjen Bina")] == ["010.bangda"]


def test_an_agencys_ancestors_and_units_come_in_order(reference, cast):
    ancestors = selectors.agency_ancestors(user=cast.viewer, agency=reference.supd4)
    assert [a.code for a in ancestors] == ["010", "010.bangda"]
    tree = selectors.unit_tree(user=cast.viewer, root=reference.kemendagri)
    assert [(n["agency"].code, [c["agency"].code for c in n["children"]]) for n in tree] == [
        ("010.bangda", ["010.bangda.supd4"])
    ]
