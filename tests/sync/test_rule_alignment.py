from selaras.sync.rules.alignment_no_target import NoTarget
from selaras.sync.rules.alignment_target_affair import TargetAffairMismatch


def test_it_flags_an_activity_serving_no_target(build, check):
    plan = build.plan(build.cycle(build.programme("cooperation")))
    activity = build.activity(plan, title="Pelatihan guru PAUD", targets=[])
    build.activity(plan, targets=[build.target("PN4")])
    (finding,) = check(NoTarget, plan=plan)
    assert finding.activity == activity
    assert "Pelatihan guru PAUD" in finding.message_id


def test_it_flags_a_target_that_fits_another_affair(build, check, affairs):
    plan = build.plan(build.cycle(build.programme("cooperation")))
    health_target = build.target("PN3-KES", affairs=[affairs.health])
    activity = build.activity(plan, affair=affairs.management, targets=[health_target])
    (finding,) = check(TargetAffairMismatch, plan=plan)
    assert finding.activity == activity
    assert "PN3-KES" in finding.message_id
    assert "1.02 KESEHATAN" in finding.message_id
    assert finding.evidence["target_affairs"] == ["1.02"]
    assert finding.key == f"alignment.target_affair_mismatch:{activity.uid}:RPJMN-2025:PN3-KES"


def test_a_target_of_the_field_or_the_sub_affair_fits(build, check, affairs):
    plan = build.plan(build.cycle(build.programme("cooperation")))
    field_target = build.target("PN4", affairs=[affairs.education])
    sub_target = build.target("PN4.1", affairs=[affairs.management])
    build.activity(plan, affair=affairs.management, targets=[field_target, sub_target])
    build.activity(plan, affair=affairs.education, targets=[sub_target])
    assert check(TargetAffairMismatch, plan=plan) == []


def test_targets_without_affairs_and_activities_without_affair_are_not_judged(build, check, affairs):
    plan = build.plan(build.cycle(build.programme("cooperation")))
    build.activity(plan, affair=affairs.management, targets=[build.target("SDG4")])
    build.activity(plan, affair=None, targets=[build.target("PN3", affairs=[affairs.health])])
    assert check(TargetAffairMismatch, plan=plan) == []
