from selaras.sync.rules.authority_region_holds_affair import TpAffairHeldByRegion


def test_it_warns_when_the_centre_assigns_a_sub_affair_the_district_holds(
    build, check, affairs, governments, reference
):
    plan = build.plan(build.cycle(build.programme("tp_pusat")))
    activity = build.activity(
        plan,
        affair=affairs.management,
        recipient=governments.pemkab_banyumas,
        delegated_content="pelaksanaan",
        funding_source="tugas_pembantuan",
        locations=[reference.banyumas],
    )
    (finding,) = check(TpAffairHeldByRegion, plan=plan)
    assert finding.activity == activity
    assert finding.region_codes == ["33.02"]
    assert "Pengelolaan pendidikan dasar" in finding.message_id
    assert "33.02 Kabupaten Banyumas" in finding.message_id
    assert "Manajemen Pendidikan" in finding.message_en
    texts = [row["text"] for row in finding.evidence["recipient_rows"]]
    assert texts == ["Pengelolaan pendidikan dasar", "Pengelolaan pendidikan anak usia dini dan pendidikan nonformal"]
    assert finding.evidence["assigner_level"] == "pusat"
    assert finding.key == f"authority.tp_affair_held_by_region:{activity.uid}"


def test_it_warns_for_provincial_co_administration_too(build, check, affairs, governments):
    programme = build.programme("tp_provinsi", assigner=governments.pemprov_jateng)
    plan = build.plan(build.cycle(programme), owner=governments.pemprov_jateng)
    build.activity(plan, affair=affairs.management, recipient=governments.pemkab_cilacap, funding_source="apbd")
    (finding,) = check(TpAffairHeldByRegion, plan=plan)
    assert finding.evidence["assigner_level"] == "provinsi"


def test_it_is_silent_when_the_recipient_level_has_no_authority(build, check, affairs, governments):
    plan = build.plan(build.cycle(build.programme("tp_pusat")))
    build.activity(plan, affair=affairs.accreditation, recipient=governments.pemkab_banyumas)
    assert check(TpAffairHeldByRegion, plan=plan) == []


def test_it_is_silent_when_the_matrix_has_no_rows_or_the_affair_is_a_field(build, check, affairs, governments):
    plan = build.plan(build.cycle(build.programme("tp_pusat")))
    build.activity(plan, affair=affairs.health_efforts, recipient=governments.pemkab_banyumas)
    build.activity(plan, affair=affairs.education, recipient=governments.pemkab_banyumas)
    assert check(TpAffairHeldByRegion, plan=plan) == []


def test_it_ignores_deconcentration_and_cooperation(build, check, affairs, governments):
    for kind in ("dekon_binwas", "cooperation"):
        plan = build.plan(build.cycle(build.programme(kind)))
        build.activity(plan, affair=affairs.management, recipient=governments.pemprov_jateng)
        assert check(TpAffairHeldByRegion, plan=plan) == []
