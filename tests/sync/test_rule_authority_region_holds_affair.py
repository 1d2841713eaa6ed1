"""TP of an item the recipient's level already holds — judged on the item,
not on the sub urusan (issue 8, item 1)."""

from selaras.registry.models import AuthorityRule
from selaras.sync.rules.authority_region_holds_affair import TpAffairHeldByRegion


def item(affair, level, text):
    return AuthorityRule.objects.get(affair=affair, level=level, text=text)


def test_it_flags_a_confirmed_item_the_district_holds(build, check, affairs, governments, reference):
    plan = build.plan(build.cycle(build.programme("tp_pusat")))
    activity = build.activity(
        plan,
        title="Rehabilitasi ruang kelas SD",
        affair=affairs.management,
        authority_item=item(affairs.management, "kabkota", "Pengelolaan pendidikan dasar"),
        recipient=governments.pemkab_banyumas,
        funding_source="tugas_pembantuan",
        locations=[reference.banyumas],
    )
    (finding,) = check(TpAffairHeldByRegion, plan=plan)
    assert finding.activity == activity
    assert finding.severity is None  # the rule's own: error
    assert "“Pengelolaan pendidikan dasar”" in finding.message_id
    assert "dikonfirmasi perencana" in finding.message_id
    assert "Pasal 12 huruf g" in finding.message_id
    assert finding.evidence["confirmed"] is True and finding.evidence["item_level"] == "kabkota"


def test_it_warns_with_the_deciding_words_when_the_item_is_inferred(build, check, affairs, governments):
    plan = build.plan(build.cycle(build.programme("tp_pusat")))
    build.activity(
        plan,
        title="Pengelolaan pendidikan dasar di sekolah dasar negeri",
        affair=affairs.management,
        recipient=governments.pemkab_banyumas,
    )
    (finding,) = check(TpAffairHeldByRegion, plan=plan)
    assert finding.severity == "warning"
    assert finding.evidence["item_text"] == "Pengelolaan pendidikan dasar"
    assert "dasar" in finding.evidence["words"]
    assert "disimpulkan dari judul dan uraian" in finding.message_id


def test_it_is_silent_when_the_centre_assigns_its_own_item_of_a_shared_sub_urusan(build, check, affairs, governments):
    # The district holds other items of Manajemen Pendidikan; this one is the centre's.
    plan = build.plan(build.cycle(build.programme("tp_pusat")))
    build.activity(
        plan,
        title="Penyusunan standar nasional pendidikan",
        affair=affairs.management,
        recipient=governments.pemkab_banyumas,
    )
    build.activity(
        plan,
        title="Kegiatan apa saja",
        affair=affairs.management,
        authority_item=item(affairs.management, "pusat", "Pengelolaan pendidikan tinggi"),
        recipient=governments.pemkab_banyumas,
    )
    assert check(TpAffairHeldByRegion, plan=plan) == []


def test_it_flags_provincial_co_administration_of_a_regency_item(build, check, affairs, governments):
    programme = build.programme("tp_provinsi", assigner=governments.pemprov_jateng)
    plan = build.plan(build.cycle(programme), owner=governments.pemprov_jateng)
    build.activity(
        plan,
        affair=affairs.management,
        authority_item=item(affairs.management, "kabkota", "Pengelolaan pendidikan dasar"),
        recipient=governments.pemkab_cilacap,
        funding_source="apbd",
    )
    (finding,) = check(TpAffairHeldByRegion, plan=plan)
    assert finding.evidence["assigner_level"] == "provinsi"


def test_it_is_silent_without_an_item_or_for_other_instruments(build, check, affairs, governments):
    plan = build.plan(build.cycle(build.programme("tp_pusat")))
    build.activity(plan, affair=affairs.health_efforts, recipient=governments.pemkab_banyumas)
    build.activity(plan, affair=None, recipient=governments.pemkab_banyumas)
    assert check(TpAffairHeldByRegion, plan=plan) == []
    for kind in ("dekon_binwas", "cooperation"):
        other = build.plan(build.cycle(build.programme(kind)))
        build.activity(
            other,
            affair=affairs.management,
            authority_item=item(affairs.management, "provinsi", "Pengelolaan pendidikan menengah"),
            recipient=governments.pemprov_jateng,
        )
        assert check(TpAffairHeldByRegion, plan=other) == []
