from selaras.sync.rules.authority_tp_province_single_district import TpProvinceSingleDistrict


def test_it_flags_a_province_task_confined_to_one_district(build, check, governments, reference):
    plan = build.plan(build.cycle(build.programme("tp_pusat")))
    activity = build.activity(
        plan, recipient=governments.pemprov_jateng, locations=[reference.banyumas, reference.banyumas_kec]
    )
    (finding,) = check(TpProvinceSingleDistrict, plan=plan)
    assert finding.activity == activity
    assert finding.region_codes == ["33.02"]
    assert "33.02 Kabupaten Banyumas" in finding.message_id
    assert "33 Jawa Tengah" in finding.message_en


def test_it_accepts_a_province_task_spanning_two_districts(build, check, governments, reference):
    plan = build.plan(build.cycle(build.programme("tp_pusat")))
    build.activity(plan, recipient=governments.pemprov_jateng, locations=[reference.banyumas, reference.cilacap])
    assert check(TpProvinceSingleDistrict, plan=plan) == []


def test_it_accepts_a_province_wide_location(build, check, governments, reference):
    plan = build.plan(build.cycle(build.programme("tp_pusat")))
    build.activity(plan, recipient=governments.pemprov_jateng, locations=[reference.jateng])
    assert check(TpProvinceSingleDistrict, plan=plan) == []


def test_it_accepts_a_district_task_given_to_the_district(build, check, governments, reference):
    plan = build.plan(build.cycle(build.programme("tp_pusat")))
    build.activity(plan, recipient=governments.pemkab_banyumas, locations=[reference.banyumas])
    assert check(TpProvinceSingleDistrict, plan=plan) == []
