from selaras.sync.rules.authority_tp_not_concurrent import TpNotConcurrent


def test_it_flags_co_administration_of_a_non_concurrent_affair(build, check, affairs):
    plan = build.plan(build.cycle(build.programme("tp_pusat")))
    activity = build.activity(plan, affair=affairs.secretariat)
    (finding,) = check(TpNotConcurrent, plan=plan)
    assert finding.activity == activity
    assert "4.01 SEKRETARIAT DAERAH" in finding.message_id
    assert finding.evidence["affair"] == "4.01"


def test_it_accepts_concurrent_affairs_and_other_instruments(build, check, affairs):
    plan = build.plan(build.cycle(build.programme("tp_pusat")))
    build.activity(plan, affair=affairs.management)
    build.activity(plan, affair=None)
    assert check(TpNotConcurrent, plan=plan) == []
    other = build.plan(build.cycle(build.programme("cooperation")))
    build.activity(other, affair=affairs.secretariat)
    assert check(TpNotConcurrent, plan=other) == []
