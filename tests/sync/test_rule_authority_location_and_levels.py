"""Location outside the recipient (now an authority rule), GWPP vs province as
recipient, and the item an assigner may not give."""

from selaras.registry.models import AuthorityRule
from selaras.sync.rules.authority_not_assigners_affair import AffairNotAssigners
from selaras.sync.rules.authority_recipient_level import RecipientLevel
from selaras.sync.rules.base import all_rules
from selaras.sync.rules.consistency_location_recipient_area import LocationOutsideRecipientArea


def test_location_outside_the_recipient_is_an_authority_rule_citing_pasal_14(build, check, reference, governments):
    assert "authority.location_outside_recipient_area" in all_rules()
    assert "consistency.location_outside_recipient_area" not in all_rules()
    plan = build.plan(build.cycle(build.programme("tp_pusat")))
    build.activity(plan, recipient=governments.pemkab_banyumas, locations=[reference.banyumas, reference.cilacap])
    build.activity(plan, recipient=governments.pemkab_cilacap, locations=[reference.cilacap])
    (finding,) = check(LocationOutsideRecipientArea, plan=plan)
    assert finding.rule == "authority.location_outside_recipient_area"
    assert "Pasal 14 ayat (2)–(3)" in finding.message_id


def test_deconcentration_to_the_province_as_autonomous_region_is_refused(build, check, governments):
    plan = build.plan(build.cycle(build.programme("dekon_binwas")))
    build.activity(plan, recipient=governments.pemprov_jateng, recipient_level="provinsi")
    build.activity(plan, recipient=governments.pemprov_jateng, recipient_level="gwpp")
    build.activity(plan, recipient=governments.pemprov_jateng)  # not stated: read as the GWPP
    (finding,) = check(RecipientLevel, plan=plan)
    assert finding.evidence["recipient_level"] == "provinsi"
    assert "sebagai pemerintah provinsi (daerah otonom)" in finding.message_id


def test_co_administration_to_the_gwpp_is_refused(build, check, governments):
    plan = build.plan(build.cycle(build.programme("tp_pusat")))
    build.activity(plan, recipient=governments.pemprov_jateng, recipient_level="gwpp")
    build.activity(plan, recipient=governments.pemprov_jateng, recipient_level="provinsi")
    build.activity(plan, recipient=governments.pemprov_jateng)
    (finding,) = check(RecipientLevel, plan=plan)
    assert finding.evidence["recipient_level"] == "gwpp"


def test_the_centre_may_not_assign_a_provincial_item_to_a_district(build, check, affairs, governments):
    def item(text):
        return AuthorityRule.objects.get(affair=affairs.management, text=text)

    plan = build.plan(build.cycle(build.programme("tp_pusat")))
    activity = build.activity(
        plan,
        affair=affairs.management,
        authority_item=item("Pengelolaan pendidikan menengah"),
        recipient=governments.pemkab_banyumas,
    )
    build.activity(
        plan,
        affair=affairs.management,
        authority_item=item("Pengelolaan pendidikan tinggi"),
        recipient=governments.pemkab_banyumas,
    )
    (finding,) = check(AffairNotAssigners, plan=plan)
    assert finding.activity == activity
    assert finding.evidence["item_level"] == "provinsi" and finding.severity is None


def test_a_province_may_not_assign_a_central_item(build, check, affairs, governments):
    programme = build.programme("tp_provinsi", assigner=governments.pemprov_jateng)
    plan = build.plan(build.cycle(programme), owner=governments.pemprov_jateng)
    build.activity(
        plan,
        title="Penetapan standar nasional pendidikan",
        affair=affairs.management,
        recipient=governments.pemkab_cilacap,
        funding_source="apbd",
    )
    (finding,) = check(AffairNotAssigners, plan=plan)
    assert finding.severity == "warning" and finding.evidence["item_level"] == "pusat"
