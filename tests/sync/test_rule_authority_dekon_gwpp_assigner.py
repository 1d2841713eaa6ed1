"""GWPP tasks deconcentrated by a ministry other than Kemendagri (PP 19/2022 Pasal 7)."""

from selaras.sync.rules.authority_dekon_gwpp_assigner import DekonGwppAssigner


def test_it_flags_gwpp_tasks_planned_by_another_ministry(build, check, reference, governments):
    plan = build.plan(build.cycle(build.programme("dekon_gwpp")), owner=reference.ministry_a)
    activity = build.activity(plan, title="Koordinasi pembinaan TP", recipient=governments.pemprov_jateng)
    (finding,) = check(DekonGwppAssigner, plan=plan)
    assert finding.activity == activity
    assert "Pasal 7 ayat (2) dan (4)" in finding.message_id
    assert finding.evidence["budget_code"] == "024"


def test_it_accepts_kemendagri_and_its_units_and_other_instruments(build, check, reference, governments):
    for owner in (reference.kemendagri, reference.bangda):
        plan = build.plan(build.cycle(build.programme("dekon_gwpp")), owner=owner)
        build.activity(plan, recipient=governments.pemprov_jateng)
        assert check(DekonGwppAssigner, plan=plan) == []
    other = build.plan(build.cycle(build.programme("dekon_binwas")), owner=reference.ministry_a)
    build.activity(other, recipient=governments.pemprov_jateng)
    assert check(DekonGwppAssigner, plan=other) == []
