"""duplication.central and duplication.regional: same intended work, same
year, overlapping regions, different owners."""

from __future__ import annotations

from selaras.plans.models import RegionalSubActivity
from selaras.sync.rules.duplication_central import CentralDuplication
from selaras.sync.rules.duplication_regional import RegionalDuplication


def _two_plans(build, reference, *, year_a=2025, year_b=2025, status_b="submitted"):
    programme = build.programme()
    cycle_a = build.cycle(programme, year=year_a)
    cycle_b = cycle_a if year_b == year_a else build.cycle(programme, year=year_b)
    plan_a = build.plan(cycle_a, reference.ministry_a)
    plan_b = build.plan(cycle_b, reference.ministry_b, status=status_b)
    return plan_a, plan_b


def test_it_flags_a_paraphrase_of_another_agency_in_the_same_kabupaten(build, reference, check):
    plan_a, plan_b = _two_plans(build, reference)
    a = build.activity(plan_a, title="Bimtek Kader Posyandu", locations=[reference.banyumas])
    b = build.activity(plan_b, title="Bimbingan Teknis bagi Kader Posyandu", locations=[reference.banyumas])
    drafts = check(CentralDuplication, plan=plan_a)
    assert len(drafts) == 1
    d = drafts[0]
    assert d.activity == a and d.other_activity == b.pk
    assert d.region_codes == ["33.02"]
    assert d.score >= 0.5
    assert d.evidence["text_a"] == a.title and d.evidence["text_b"] == b.title
    assert d.evidence["owner_b"] == reference.ministry_b.name
    assert d.evidence["regions"] == [{"code": "33.02", "name": "Kabupaten Banyumas"}]
    # the explanation is worked out when the finding is read (`sync.evidence`)
    assert d.evidence["year"] == 2025 and "why" not in d.evidence
    assert d.key == f"duplication.central:{a.uid}:33"
    assert d.evidence["activities"] == [
        {"uid": str(b.uid), "title": b.title, "owner": reference.ministry_b.name, "score": d.score}
    ]
    assert d.evidence["more"] == 0


def test_it_flags_a_province_location_against_a_kabupaten_inside_it(build, reference, check):
    plan_a, plan_b = _two_plans(build, reference)
    build.activity(plan_a, title="Pembangunan Ruang Kelas Baru SD", locations=[reference.jateng])
    build.activity(plan_b, title="PEMBANGUNAN RKB SD", locations=[reference.cilacap])
    drafts = check(CentralDuplication, plan=plan_a)
    assert [d.region_codes for d in drafts] == [["33.01"]]


def test_it_ignores_the_same_text_in_another_year(build, reference, check):
    plan_a, plan_b = _two_plans(build, reference, year_b=2026)
    build.activity(plan_a, title="Pelatihan Kader Posyandu", locations=[reference.banyumas])
    build.activity(plan_b, title="Pelatihan Kader Posyandu", locations=[reference.banyumas])
    assert check(CentralDuplication, plan=plan_a) == []


def test_it_ignores_the_same_text_in_other_regions(build, reference, check):
    plan_a, plan_b = _two_plans(build, reference)
    build.activity(plan_a, title="Pelatihan Kader Posyandu", locations=[reference.banyumas])
    build.activity(plan_b, title="Pelatihan Kader Posyandu", locations=[reference.cilacap, reference.jayapura])
    assert check(CentralDuplication, plan=plan_a) == []


def test_it_ignores_activities_of_the_same_owner(build, reference, check):
    plan_a, _ = _two_plans(build, reference)
    other_plan = build.plan(build.cycle(build.programme(), year=2025), reference.ministry_a)
    build.activity(plan_a, title="Pelatihan Kader Posyandu", locations=[reference.banyumas])
    build.activity(other_plan, title="Pelatihan Kader Posyandu", locations=[reference.banyumas])
    assert check(CentralDuplication, plan=plan_a) == []


def test_it_tells_school_levels_apart(build, reference, check):
    plan_a, plan_b = _two_plans(build, reference)
    build.activity(plan_a, title="Pembangunan Ruang Kelas Baru SD", locations=[reference.banyumas])
    build.activity(plan_b, title="Pembangunan Ruang Kelas Baru SMP", locations=[reference.banyumas])
    assert check(CentralDuplication, plan=plan_a) == []


def test_it_never_compares_against_another_agencys_draft(build, reference, check):
    plan_a, plan_b = _two_plans(build, reference, status_b="draft")
    build.activity(plan_a, title="Pelatihan Kader Posyandu", locations=[reference.banyumas])
    build.activity(plan_b, title="Pelatihan Kader Posyandu", locations=[reference.banyumas])
    assert check(CentralDuplication, plan=plan_a) == []
    assert check(CentralDuplication, cycle=plan_a.cycle) == []
    # the draft's owner checking its own draft does see the submitted activity
    assert [d.other_activity for d in check(CentralDuplication, plan=plan_b)] == [plan_a.activities.get().pk]


def test_a_changed_title_changes_the_content(build, reference, check):
    plan_a, plan_b = _two_plans(build, reference)
    a = build.activity(plan_a, title="Pelatihan Kader Posyandu", locations=[reference.banyumas])
    build.activity(plan_b, title="Pelatihan Kader Posyandu", locations=[reference.banyumas])
    before = check(CentralDuplication, plan=plan_a)[0]
    a.title = "Pelatihan Kader Posyandu Balita"
    a.save()
    after = check(CentralDuplication, plan=plan_a)[0]
    assert before.key == after.key
    assert before.content_hash() != after.content_hash()


def _regional_plan(reference, region, names, year=2025):
    from selaras.plans.models import RegionalPlan, RegionalSubActivity

    plan = RegionalPlan.objects.create(region=region, year=year)
    for i, name in enumerate(names):
        RegionalSubActivity.objects.create(regional_plan=plan, code=f"1.02.02.2.{i:02d}", name=name, row_number=i)
    return plan


def test_it_flags_a_regions_own_sub_activity_with_an_abbreviation(build, reference, check):
    plan_a, _ = _two_plans(build, reference)
    a = build.activity(plan_a, title="Rehab Puskesmas Pembantu", locations=[reference.banyumas])
    _regional_plan(reference, reference.banyumas, ["Rehabilitasi Puskesmas Pembantu", "Penyediaan Obat"])
    drafts = check(RegionalDuplication, plan=plan_a)
    assert len(drafts) == 1
    d = drafts[0]
    assert d.activity == a and d.evidence["text_b"] == "Rehabilitasi Puskesmas Pembantu"
    assert d.regional_sub_activity == RegionalSubActivity.objects.get(name="Rehabilitasi Puskesmas Pembantu").pk
    assert d.region_codes == ["33.02"] and d.score >= 0.5
    assert d.evidence["owner_b"] == "Kabupaten Banyumas"


def test_its_key_survives_a_reimport_of_the_regional_plan(build, reference, check):
    plan_a, _ = _two_plans(build, reference)
    build.activity(plan_a, title="Rehab Puskesmas Pembantu", locations=[reference.jateng])
    regional = _regional_plan(reference, reference.cilacap, ["Rehabilitasi Puskesmas Pembantu"])
    first = check(RegionalDuplication, plan=plan_a)
    regional.delete()
    _regional_plan(reference, reference.cilacap, ["Rehabilitasi Puskesmas Pembantu"])
    second = check(RegionalDuplication, plan=plan_a)
    assert [d.key for d in first] == [d.key for d in second] and len(first) == 1
    assert first[0].regional_sub_activity != second[0].regional_sub_activity
    assert first[0].content_hash() == second[0].content_hash()


def test_it_ignores_sub_activities_of_other_regions_years_and_levels(build, reference, check):
    plan_a, _ = _two_plans(build, reference)
    build.activity(plan_a, title="Pembangunan Ruang Kelas Baru SD", locations=[reference.banyumas])
    _regional_plan(reference, reference.cilacap, ["Pembangunan Ruang Kelas Baru SD"])
    _regional_plan(reference, reference.banyumas, ["Pembangunan Ruang Kelas Baru SD"], year=2026)
    _regional_plan(reference, reference.banyumas, ["Pembangunan Ruang Kelas Baru SMP"])
    assert check(RegionalDuplication, plan=plan_a) == []


def test_the_engine_records_findings_for_a_cycle(build, reference):
    plan_a, plan_b = _two_plans(build, reference)
    build.activity(plan_a, title="Bimtek Kader Posyandu", locations=[reference.banyumas])
    build.activity(plan_b, title="Bimbingan Teknis Kader Posyandu", locations=[reference.jateng])
    build.run_cycle(plan_a.cycle)
    found = build.findings("duplication.central")
    # one finding on each side: each owner answers for its own activity
    assert len(found) == 2
    assert {f.activity.plan.owner_id for f in found} == {reference.ministry_a.pk, reference.ministry_b.pk}
    assert all(f.region_codes == ["33.02"] for f in found)
