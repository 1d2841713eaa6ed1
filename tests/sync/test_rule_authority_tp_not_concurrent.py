"""TP of absolute, general government or non-affair codes, and TP of no affair."""

from selaras.registry.models import Affair, AffairLevel
from selaras.sync.rules.authority_tp_not_concurrent import TpNotConcurrent


def affair(code, name, group, parent=None):
    level = AffairLevel.FIELD if parent else AffairLevel.GROUP
    return Affair.objects.create(code=code, name=name, level=level, group=group, parent=parent)


def test_it_flags_co_administration_of_a_non_concurrent_affair(build, check, affairs):
    plan = build.plan(build.cycle(build.programme("tp_pusat")))
    activity = build.activity(plan, affair=affairs.secretariat)
    (finding,) = check(TpNotConcurrent, plan=plan)
    assert finding.activity == activity
    assert "4.01 SEKRETARIAT DAERAH" in finding.message_id
    assert finding.evidence["affair"] == "4.01"


def test_it_cites_pasal_10_for_an_absolute_affair_and_pasal_25_for_general_government(build, check):
    religion = affair("A.06", "AGAMA", "absolut", affair("A", "URUSAN PEMERINTAHAN ABSOLUT", "absolut"))
    unity = affair(
        "8.01", "KESATUAN BANGSA DAN POLITIK", "pemerintahan_umum", affair("8", "UNSUR", "pemerintahan_umum")
    )
    plan = build.plan(build.cycle(build.programme("tp_pusat")))
    build.activity(plan, affair=religion)
    build.activity(plan, affair=unity)
    articles = sorted(f.evidence["article"] for f in check(TpNotConcurrent, plan=plan))
    assert articles == ["Pasal 10 ayat (1)", "Pasal 25 ayat (1)"]


def test_a_tp_without_affair_naming_an_absolute_affair_is_an_error(build, check):
    plan = build.plan(build.cycle(build.programme("tp_pusat")))
    build.activity(plan, affair=None, title="Rehabilitasi Balai Nikah dan Manasik Haji KUA Kecamatan")
    (finding,) = check(TpNotConcurrent, plan=plan)
    assert finding.severity is None
    assert "agama (Pasal 10 ayat (1) huruf f)" in finding.evidence["named"]
    assert "haji" in finding.message_id


def test_a_tp_without_any_affair_is_not_passed_silently(build, check):
    plan = build.plan(build.cycle(build.programme("tp_provinsi")))
    build.activity(plan, affair=None, title="Peningkatan jalan desa")
    (finding,) = check(TpNotConcurrent, plan=plan)
    assert finding.severity == "warning"


def test_it_accepts_concurrent_affairs_and_other_instruments(build, check, affairs):
    plan = build.plan(build.cycle(build.programme("tp_pusat")))
    build.activity(plan, affair=affairs.management)
    assert check(TpNotConcurrent, plan=plan) == []
    other = build.plan(build.cycle(build.programme("cooperation")))
    build.activity(other, affair=affairs.secretariat)
    build.activity(other, affair=None, title="Penguatan FKUB")
    assert check(TpNotConcurrent, plan=other) == []
