from selaras.sync.rules.authority_recipient_level import RecipientLevel


def test_it_flags_deconcentration_to_a_district(build, check, governments):
    plan = build.plan(build.cycle(build.programme("dekon_binwas")))
    activity = build.activity(plan, recipient=governments.pemkab_banyumas)
    (finding,) = check(RecipientLevel, plan=plan)
    assert finding.activity == activity
    assert finding.region_codes == ["33.02"]
    assert "gubernur sebagai wakil Pemerintah Pusat" in finding.message_id
    assert finding.evidence["recipient_level"] == "kabkota"


def test_it_flags_provincial_co_administration_to_a_province(build, check, governments):
    programme = build.programme("tp_provinsi", assigner=governments.pemprov_jateng)
    plan = build.plan(build.cycle(programme), owner=governments.pemprov_jateng)
    build.activity(plan, recipient=governments.pemprov_papua)
    (finding,) = check(RecipientLevel, plan=plan)
    assert finding.evidence["allowed_levels"] == ["kabkota"]


def test_it_flags_provincial_co_administration_to_a_district_of_another_province(build, check, governments):
    programme = build.programme("tp_provinsi", assigner=governments.pemprov_jateng)
    plan = build.plan(build.cycle(programme), owner=governments.pemprov_jateng)
    build.activity(plan, recipient=governments.pemkab_jayapura)
    (finding,) = check(RecipientLevel, plan=plan)
    assert "33 Jawa Tengah" in finding.message_id
    assert "91.03 Kabupaten Jayapura" in finding.message_id


def test_it_flags_a_ministry_as_recipient(build, check, reference):
    plan = build.plan(build.cycle(build.programme("tp_pusat")))
    build.activity(plan, recipient=reference.ministry_b)
    (finding,) = check(RecipientLevel, plan=plan)
    assert finding.evidence["recipient_level"] is None
    assert "Kemendikdasmen (bukan pemerintah daerah)" in finding.message_id


def test_it_warns_when_no_recipient_is_named(build, check):
    plan = build.plan(build.cycle(build.programme("tp_pusat")))
    build.activity(plan, recipient=None)
    (finding,) = check(RecipientLevel, plan=plan)
    assert finding.severity == "warning"


def test_it_accepts_the_right_levels(build, check, governments):
    cases = [
        ("dekon_binwas", governments.pemprov_jateng),
        ("dekon_gwpp", governments.pemprov_papua),
        ("tp_pusat", governments.pemprov_jateng),
        ("tp_pusat", governments.pemkab_jayapura),
    ]
    for kind, recipient in cases:
        plan = build.plan(build.cycle(build.programme(kind)))
        build.activity(plan, recipient=recipient)
        assert check(RecipientLevel, plan=plan) == [], kind
    programme = build.programme("tp_provinsi", assigner=governments.pemprov_jateng)
    plan = build.plan(build.cycle(programme), owner=governments.pemprov_jateng)
    build.activity(plan, recipient=governments.pemkab_cilacap)
    assert check(RecipientLevel, plan=plan) == []


def test_cooperation_activities_need_no_recipient(build, check):
    plan = build.plan(build.cycle(build.programme("cooperation")))
    build.activity(plan, recipient=None)
    assert check(RecipientLevel, plan=plan) == []
