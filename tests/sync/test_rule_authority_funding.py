from selaras.sync.rules.authority_funding_executing_level import FundingExecutingLevel
from selaras.sync.rules.authority_funding_instrument import FundingInstrument


def test_it_flags_deconcentration_not_funded_by_deconcentration_funds(build, check):
    plan = build.plan(build.cycle(build.programme("dekon_binwas")))
    activity = build.activity(plan, funding_source="apbd")
    (finding,) = check(FundingInstrument, plan=plan)
    assert finding.activity == activity
    assert "Pasal 21 ayat (1)" in finding.message_id
    assert "Dana dekonsentrasi" in finding.message_id
    assert finding.evidence["allowed"] == ["dekonsentrasi"]


def test_it_flags_provincial_co_administration_funded_by_the_state_budget(build, check):
    plan = build.plan(build.cycle(build.programme("tp_provinsi")))
    build.activity(plan, funding_source="tugas_pembantuan")
    (finding,) = check(FundingInstrument, plan=plan)
    assert finding.evidence["allowed"] == ["apbd"]


def test_it_accepts_the_instruments_own_funds(build, check):
    for kind, source in [
        ("dekon_gwpp", "dekonsentrasi"),
        ("tp_pusat", "tugas_pembantuan"),
        ("tp_pusat", "apbn"),
        ("tp_provinsi", "apbd"),
    ]:
        plan = build.plan(build.cycle(build.programme(kind)))
        build.activity(plan, funding_source=source)
        assert check(FundingInstrument, plan=plan) == [], (kind, source)


def test_it_warns_when_deconcentration_funds_are_executed_by_a_district(build, check):
    plan = build.plan(build.cycle(build.programme("cooperation")))
    activity = build.activity(plan, funding_source="dekonsentrasi", executing_level="kabkota")
    build.activity(plan, funding_source="dekonsentrasi", executing_level="provinsi")
    (finding,) = check(FundingExecutingLevel, plan=plan)
    assert finding.activity == activity
    assert "Daerah Kabupaten/Kota" in finding.message_id


def test_it_warns_when_co_administration_funds_are_executed_by_the_centre(build, check):
    plan = build.plan(build.cycle(build.programme("tp_pusat")))
    build.activity(plan, funding_source="tugas_pembantuan", executing_level="pusat")
    build.activity(plan, funding_source="tugas_pembantuan", executing_level="kabkota")
    build.activity(plan, funding_source="apbn", executing_level="pusat")
    (finding,) = check(FundingExecutingLevel, plan=plan)
    assert finding.evidence["executing_level"] == "pusat"
