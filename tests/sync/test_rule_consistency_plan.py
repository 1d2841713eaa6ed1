from selaras.sync.rules.consistency_cycle_outside_period import CycleOutsidePeriod
from selaras.sync.rules.consistency_indicator_incomplete import IndicatorIncomplete
from selaras.sync.rules.consistency_no_schedule import NoSchedule


def test_it_flags_a_plan_whose_cycle_lies_outside_the_period(build, check):
    programme = build.programme("cooperation", start_year=2021, end_year=2025)
    plan = build.plan(build.cycle(programme, year=2026))
    (finding,) = check(CycleOutsidePeriod, plan=plan)
    assert finding.plan == plan and finding.activity is None
    assert "2026" in finding.message_id and "2021–2025" in finding.message_id


def test_a_cycle_inside_the_period_is_fine(build, check):
    programme = build.programme("cooperation", start_year=2021, end_year=2025)
    plan = build.plan(build.cycle(programme, year=2025))
    assert check(CycleOutsidePeriod, plan=plan) == []


def test_it_flags_indicators_without_unit_or_target(build, check):
    plan = build.plan(build.cycle(build.programme("cooperation")))
    activity = build.activity(
        plan,
        indicators=[("Guru terlatih", "", 100), ("Sekolah ramah anak", "sekolah", None), ("Modul", "modul", 3)],
    )
    (finding,) = check(IndicatorIncomplete, plan=plan)
    assert finding.activity == activity
    assert finding.evidence["incomplete"] == [
        {"indicator": "Guru terlatih", "missing": ["unit"]},
        {"indicator": "Sekolah ramah anak", "missing": ["target"]},
    ]
    assert "Guru terlatih (satuan)" in finding.message_id


def test_complete_indicators_are_fine(build, check):
    plan = build.plan(build.cycle(build.programme("cooperation")))
    build.activity(plan, indicators=[("Guru terlatih", "orang", 100)])
    build.activity(plan, indicators=[])
    assert check(IndicatorIncomplete, plan=plan) == []


def test_it_flags_an_activity_scheduled_in_no_quarter(build, check):
    plan = build.plan(build.cycle(build.programme("cooperation")))
    activity = build.activity(plan, quarters=())
    build.activity(plan, quarters=(4,))
    (finding,) = check(NoSchedule, plan=plan)
    assert finding.activity == activity
