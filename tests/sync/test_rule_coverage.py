from selaras.sync.rules.coverage_crowded_affair import CrowdedAffair
from selaras.sync.rules.coverage_locus_without_activity import LocusWithoutActivity


def test_it_flags_a_locus_with_nothing_planned(build, check, reference):
    cycle = build.cycle(build.programme("cooperation", loci=[reference.jateng, reference.papua]))
    build.activity(build.plan(cycle), locations=[reference.banyumas_kec])
    (finding,) = check(LocusWithoutActivity, cycle=cycle)
    assert finding.cycle == cycle and finding.activity is None
    assert finding.region_codes == ["91"]
    assert "91 Papua" in finding.message_id
    assert finding.key == f"coverage.locus_without_activity:{cycle.pk}:91"


def test_drafts_do_not_count_and_a_cycle_without_submissions_is_not_judged(build, check, reference):
    cycle = build.cycle(build.programme("cooperation", loci=[reference.jateng]))
    build.activity(build.plan(cycle, status="draft"), locations=[reference.jateng])
    assert check(LocusWithoutActivity, cycle=cycle) == []
    build.activity(build.plan(cycle, owner=reference.ministry_b), locations=[reference.papua])
    (finding,) = check(LocusWithoutActivity, cycle=cycle)
    assert finding.region_codes == ["33"]


def test_a_locus_covered_by_a_province_wide_activity_is_fine(build, check, reference):
    cycle = build.cycle(build.programme("cooperation", loci=[reference.banyumas]))
    build.activity(build.plan(cycle), locations=[reference.jateng])
    assert check(LocusWithoutActivity, cycle=cycle) == []


def _agencies(reference, n):
    from selaras.registry.models import Agency

    extra = [
        Agency.objects.create(code=f"9{i:02d}", name=f"Kementerian {i}", kind="ministry") for i in range(max(0, n - 2))
    ]
    return [reference.ministry_a, reference.ministry_b, *extra][:n]


def test_it_notes_many_agencies_on_one_field_in_one_district(build, check, reference, affairs):
    cycle = build.cycle(build.programme("cooperation"))
    owners = _agencies(reference, 4)
    for i, owner in enumerate(owners):
        # Sub urusan and field of the same field count together; a unit counts as its ministry.
        affair = affairs.management if i % 2 else affairs.education
        build.activity(build.plan(cycle, owner=owner), affair=affair, locations=[reference.banyumas_kec])
    unit_plan = build.plan(cycle, owner=reference.ministry_a_unit)
    build.activity(unit_plan, affair=affairs.education, locations=[reference.banyumas])
    (finding,) = check(CrowdedAffair, cycle=cycle)
    assert finding.cycle == cycle
    assert finding.region_codes == ["33.02"]
    assert finding.score == 4.0
    assert "1.01 PENDIDIKAN" in finding.message_id and "33.02 Kabupaten Banyumas" in finding.message_id
    assert len(finding.evidence["activities"]) == 5


def test_three_agencies_or_other_fields_or_districts_stay_below_the_threshold(build, check, reference, affairs):
    cycle = build.cycle(build.programme("cooperation"))
    owners = _agencies(reference, 4)
    for owner in owners[:3]:
        build.activity(build.plan(cycle, owner=owner), affair=affairs.education, locations=[reference.banyumas])
    build.activity(build.plan(cycle, owner=owners[3]), affair=affairs.health, locations=[reference.banyumas])
    build.activity(
        build.plan(cycle, owner=reference.kemendagri), affair=affairs.education, locations=[reference.cilacap]
    )
    assert check(CrowdedAffair, cycle=cycle) == []
    (finding,) = check(CrowdedAffair, cycle=cycle, params={"min_agencies": 3})
    assert finding.region_codes == ["33.02"]
