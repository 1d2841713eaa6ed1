import datetime as dt

from selaras.sync.rules.deadlines_legal_acts import DecreeLate, RegulationLate

PAST = dt.date(2020, 11, 30)
FUTURE = dt.date(2999, 11, 30)


def test_it_flags_a_regulation_not_recorded_after_its_deadline(build, check):
    cycle = build.cycle(build.programme("tp_pusat", name="TP Kemenkes"), year=2025, regulation_deadline=PAST)
    (finding,) = check(RegulationLate, cycle=cycle)
    assert finding.cycle == cycle
    assert "30 November 2020" in finding.message_id and "TP Kemenkes" in finding.message_id
    assert finding.content == {"state": "missing", "deadline": "2020-11-30", "recorded_on": None}


def test_it_flags_a_decree_recorded_after_its_deadline(build, check):
    cycle = build.cycle(
        build.programme("dekon_binwas"), decree_deadline=dt.date(2024, 12, 31), decree_recorded_on=dt.date(2025, 1, 15)
    )
    (finding,) = check(DecreeLate, cycle=cycle)
    assert finding.content["state"] == "late"
    assert "15 Januari 2025" in finding.message_id


def test_acts_recorded_in_time_or_deadlines_still_ahead_are_fine(build, check):
    cycle = build.cycle(
        build.programme("tp_pusat"),
        regulation_deadline=PAST,
        regulation_recorded_on=dt.date(2020, 11, 1),
        decree_deadline=FUTURE,
    )
    assert check(RegulationLate, cycle=cycle) == []
    assert check(DecreeLate, cycle=cycle) == []


def test_cooperation_cycles_have_no_legal_act_deadlines(build, check):
    cycle = build.cycle(build.programme("cooperation"), regulation_deadline=PAST, decree_deadline=PAST)
    assert check(RegulationLate, cycle=cycle) == []
    assert check(DecreeLate, cycle=cycle) == []


def test_deadline_findings_come_only_from_cycle_runs(build):
    cycle = build.cycle(build.programme("tp_pusat"), regulation_deadline=PAST)
    plan = build.plan(cycle)
    build.run_plan(plan)
    assert build.findings("deadlines.regulation_late") == []
    build.run_cycle(cycle)
    (finding,) = build.findings("deadlines.regulation_late")
    assert finding.plan is None and finding.cycle == cycle
