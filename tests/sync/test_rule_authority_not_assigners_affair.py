from selaras.sync.rules.authority_not_assigners_affair import AffairNotAssigners


def test_it_flags_a_province_assigning_a_sub_affair_it_does_not_hold(build, check, affairs, governments):
    # Akreditasi: the annex shows "---" for the province.
    programme = build.programme("tp_provinsi", assigner=governments.pemprov_jateng)
    plan = build.plan(build.cycle(programme), owner=governments.pemprov_jateng)
    activity = build.activity(plan, affair=affairs.accreditation, recipient=governments.pemkab_banyumas)
    (finding,) = check(AffairNotAssigners, plan=plan)
    assert finding.activity == activity
    assert "1.01.03 Akreditasi" in finding.message_id
    assert "daerah provinsi" in finding.message_id
    assert [r["text"] for r in finding.evidence["assigner_rows"]] == ["--- (tidak ada kewenangan tercantum)"]
    assert finding.evidence["holder_rows"][0]["level"] == "pusat"


def test_it_accepts_the_centre_assigning_its_own_sub_affair(build, check, affairs, governments):
    plan = build.plan(build.cycle(build.programme("tp_pusat")))
    build.activity(plan, affair=affairs.accreditation, recipient=governments.pemkab_banyumas)
    assert check(AffairNotAssigners, plan=plan) == []


def test_it_says_nothing_when_the_matrix_has_no_rows(build, check, affairs, governments):
    programme = build.programme("tp_provinsi", assigner=governments.pemprov_jateng)
    plan = build.plan(build.cycle(programme), owner=governments.pemprov_jateng)
    build.activity(plan, affair=affairs.health_efforts, recipient=governments.pemkab_banyumas)
    build.activity(plan, affair=affairs.education, recipient=governments.pemkab_banyumas)
    assert check(AffairNotAssigners, plan=plan) == []
