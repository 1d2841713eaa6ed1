import pytest

from selaras.sync.rules.authority_matching_funds import MatchingFunds


@pytest.mark.parametrize(
    ("kind", "article"),
    [("dekon_binwas", "Pasal 5 huruf d"), ("tp_pusat", "Pasal 12 huruf d"), ("tp_provinsi", "Pasal 13 huruf d")],
)
def test_it_flags_matching_funds_asked_of_the_region(build, check, kind, article):
    plan = build.plan(build.cycle(build.programme(kind)))
    activity = build.activity(plan, title="Rehabilitasi puskesmas", requires_matching_funds=True)
    (finding,) = check(MatchingFunds, plan=plan)
    assert finding.activity == activity
    assert article in finding.message_id
    assert "Rehabilitasi puskesmas" in finding.message_en


def test_it_is_silent_without_matching_funds(build, check):
    plan = build.plan(build.cycle(build.programme("tp_pusat")))
    build.activity(plan, requires_matching_funds=False)
    assert check(MatchingFunds, plan=plan) == []


def test_cooperation_programmes_may_share_costs(build, check):
    plan = build.plan(build.cycle(build.programme("cooperation")))
    build.activity(plan, requires_matching_funds=True)
    assert check(MatchingFunds, plan=plan) == []
