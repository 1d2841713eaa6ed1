"""Deconcentrated binwas aimed at the province's own item (PP 19/2022 Pasal 4 ayat (1) huruf a)."""

from selaras.registry.models import AuthorityRule
from selaras.sync.rules.authority_dekon_binwas_object import DekonBinwasObject


def test_it_flags_monitoring_of_a_provincial_item(build, check, affairs, governments):
    plan = build.plan(build.cycle(build.programme("dekon_binwas")))
    activity = build.activity(
        plan,
        title="Monitoring dan Evaluasi Pengelolaan Pendidikan Menengah milik Pemerintah Provinsi",
        affair=affairs.management,
        recipient=governments.pemprov_jateng,
    )
    (finding,) = check(DekonBinwasObject, plan=plan)
    assert finding.activity == activity
    assert finding.severity == "warning"  # inferred item
    assert finding.evidence["item_text"] == "Pengelolaan pendidikan menengah"
    assert "Pasal 4 ayat (1) huruf a" in finding.message_id


def test_a_confirmed_provincial_item_is_an_error(build, check, affairs, governments):
    plan = build.plan(build.cycle(build.programme("dekon_binwas")))
    build.activity(
        plan,
        affair=affairs.management,
        authority_item=AuthorityRule.objects.get(affair=affairs.management, text="Pengelolaan pendidikan khusus"),
        recipient=governments.pemprov_jateng,
    )
    (finding,) = check(DekonBinwasObject, plan=plan)
    assert finding.severity is None


def test_it_accepts_binwas_of_regency_items_and_ignores_other_instruments(build, check, affairs, governments):
    plan = build.plan(build.cycle(build.programme("dekon_binwas")))
    build.activity(
        plan,
        title="Supervisi pengelolaan pendidikan anak usia dini dan pendidikan nonformal kabupaten/kota",
        affair=affairs.management,
        recipient=governments.pemprov_jateng,
    )
    assert check(DekonBinwasObject, plan=plan) == []
    other = build.plan(build.cycle(build.programme("tp_pusat")))
    build.activity(other, title="Pengelolaan pendidikan menengah", affair=affairs.management)
    assert check(DekonBinwasObject, plan=other) == []
