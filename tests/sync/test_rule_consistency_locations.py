from selaras.sync.models import RuleSetting
from selaras.sync.rules.consistency_dekon_location_level import DekonLocationLevel
from selaras.sync.rules.consistency_location_budget import LocationBudgetSum
from selaras.sync.rules.consistency_location_outside_loci import LocationOutsideLoci
from selaras.sync.rules.consistency_location_recipient_area import LocationOutsideRecipientArea
from selaras.sync.rules.consistency_no_location import NoLocation


def test_it_flags_location_budgets_that_do_not_add_up(build, check, reference):
    plan = build.plan(build.cycle(build.programme("cooperation")))
    activity = build.activity(
        plan, budget=1_000_000, locations=[(reference.banyumas, 300_000), (reference.cilacap, 500_000)]
    )
    (finding,) = check(LocationBudgetSum, plan=plan)
    assert finding.activity == activity
    assert "Rp800.000" in finding.message_id and "Rp1.000.000" in finding.message_id
    assert finding.evidence["difference"] == "200000.00"


def test_it_accepts_budgets_that_add_up_or_no_split_at_all(build, check, reference):
    plan = build.plan(build.cycle(build.programme("cooperation")))
    build.activity(plan, budget=800_000, locations=[(reference.banyumas, 300_000), (reference.cilacap, 500_000)])
    build.activity(plan, budget=800_000, locations=[reference.banyumas, reference.cilacap])
    assert check(LocationBudgetSum, plan=plan) == []


def test_it_flags_locations_outside_the_loci(build, check, reference):
    plan = build.plan(build.cycle(build.programme("cooperation", loci=[reference.banyumas])))
    activity = build.activity(plan, locations=[reference.banyumas_kec, reference.cilacap, reference.jateng])
    (finding,) = check(LocationOutsideLoci, plan=plan)
    assert finding.activity == activity
    assert finding.evidence["outside"] == ["33", "33.01"]
    assert "33.01 Kabupaten Cilacap" in finding.message_id


def test_locations_inside_the_loci_or_without_loci_are_fine(build, check, reference):
    plan = build.plan(build.cycle(build.programme("cooperation", loci=[reference.jateng])))
    build.activity(plan, locations=[reference.banyumas_kec, reference.jateng])
    assert check(LocationOutsideLoci, plan=plan) == []
    plan = build.plan(build.cycle(build.programme("cooperation")))
    build.activity(plan, locations=[reference.jayapura])
    assert check(LocationOutsideLoci, plan=plan) == []


def test_it_flags_co_administration_located_outside_the_recipient(build, check, reference, governments):
    plan = build.plan(build.cycle(build.programme("tp_pusat")))
    activity = build.activity(
        plan, recipient=governments.pemkab_banyumas, locations=[reference.banyumas_kec, reference.cilacap]
    )
    (finding,) = check(LocationOutsideRecipientArea, plan=plan)
    assert finding.activity == activity
    assert finding.region_codes == ["33.01"]
    assert finding.evidence["area"] == "33.02"


def test_provincial_co_administration_stays_in_the_assigning_province(build, check, reference, governments):
    programme = build.programme("tp_provinsi", assigner=governments.pemprov_jateng)
    plan = build.plan(build.cycle(programme), owner=governments.pemprov_jateng)
    build.activity(plan, recipient=None, locations=[reference.jayapura])
    build.activity(plan, recipient=governments.pemkab_cilacap, locations=[reference.cilacap])
    (finding,) = check(LocationOutsideRecipientArea, plan=plan)
    assert finding.evidence == {"area": "33", "outside": ["91.03"]}


def test_dekon_location_level_is_a_setting_off_by_default(build, reference, governments, cast):
    assert DekonLocationLevel.verified is False
    plan = build.plan(build.cycle(build.programme("dekon_binwas")))
    build.activity(
        plan,
        recipient=governments.pemprov_jateng,
        delegated_content="pembinaan",
        funding_source="dekonsentrasi",
        executing_level="provinsi",
        locations=[reference.banyumas],
    )
    build.run_plan(plan)
    assert build.findings("consistency.dekon_location_level") == []
    RuleSetting.objects.create(code="consistency.dekon_location_level", enabled=True)
    build.run_plan(plan)
    (finding,) = build.findings("consistency.dekon_location_level")
    assert finding.region_codes == ["33.02"]
    assert "bukan ketentuan tegas" in finding.message_id


def test_dekon_at_province_level_is_fine(build, check, reference, governments):
    plan = build.plan(build.cycle(build.programme("dekon_binwas")))
    build.activity(plan, recipient=governments.pemprov_jateng, locations=[reference.jateng])
    assert check(DekonLocationLevel, plan=plan) == []


def test_it_flags_an_activity_without_locations(build, check, reference):
    plan = build.plan(build.cycle(build.programme("tp_pusat")))
    activity = build.activity(plan, executing_level="kabkota", locations=[])
    build.activity(plan, locations=[reference.banyumas])
    (finding,) = check(NoLocation, plan=plan)
    assert finding.activity == activity
    assert finding.severity is None  # the rule's warning


def test_a_central_cooperation_activity_without_locations_is_only_a_note(build, check):
    plan = build.plan(build.cycle(build.programme("cooperation")))
    build.activity(plan, executing_level="pusat", locations=[])
    (finding,) = check(NoLocation, plan=plan)
    assert finding.severity == "info"
