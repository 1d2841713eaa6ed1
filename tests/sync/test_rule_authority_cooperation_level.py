"""Cooperation activities carried out by a level the matrix does not give that item (UU 23/2014 Pasal 9)."""

from selaras.sync.rules.authority_cooperation_level import CooperationOutsideLevel


def test_it_flags_a_district_carrying_out_a_provincial_item(build, check, affairs, reference):
    plan = build.plan(build.cycle(build.programme("cooperation")))
    activity = build.activity(
        plan,
        title="Pengelolaan pendidikan menengah kejuruan",
        affair=affairs.management,
        executing_level="kabkota",
        locations=[reference.banyumas],
    )
    (finding,) = check(CooperationOutsideLevel, plan=plan)
    assert finding.activity == activity
    assert finding.evidence["item_level"] == "provinsi"
    assert "Pasal 9 ayat (3)–(4)" in finding.message_id


def test_it_flags_a_level_whose_cell_is_empty(build, check, affairs):
    plan = build.plan(build.cycle(build.programme("cooperation")))
    build.activity(plan, title="Visitasi akreditasi PAUD", affair=affairs.accreditation, recipient_level="provinsi")
    (finding,) = check(CooperationOutsideLevel, plan=plan)
    assert finding.evidence["cell"] == "---"


def test_it_accepts_the_levels_own_item_and_central_execution(build, check, affairs):
    plan = build.plan(build.cycle(build.programme("cooperation")))
    build.activity(plan, title="Pengelolaan pendidikan dasar", affair=affairs.management, executing_level="kabkota")
    build.activity(plan, title="Pengelolaan pendidikan menengah", affair=affairs.management, executing_level="pusat")
    assert check(CooperationOutsideLevel, plan=plan) == []
    tp = build.plan(build.cycle(build.programme("tp_pusat")))
    build.activity(tp, title="Pengelolaan pendidikan menengah", affair=affairs.management, executing_level="kabkota")
    assert check(CooperationOutsideLevel, plan=tp) == []
