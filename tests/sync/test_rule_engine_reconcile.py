"""The rules through the real engine: a reviewer's decision survives a
re-run while the records are unchanged, a change re-opens the finding, and
removing the cause resolves it."""

from decimal import Decimal

from selaras.plans.models import ActivityLocation
from selaras.sync.models import FindingStatus
from selaras.sync.services import finding_accept, finding_dismiss


def _plan_with_unbalanced_activity(build, reference):
    plan = build.plan(build.cycle(build.programme("cooperation")))
    activity = build.activity(
        plan, budget=Decimal("1000"), locations=[(reference.banyumas, 300), (reference.cilacap, 500)], targets=[]
    )
    return plan, activity


def test_a_dismissed_finding_stays_dismissed_while_the_activity_is_unchanged(build, cast, reference):
    plan, activity = _plan_with_unbalanced_activity(build, reference)
    run = build.run_plan(plan)
    assert run.status == "succeeded"
    (finding,) = build.findings("consistency.location_budget_sum")
    finding_dismiss(finding=finding, by=cast.coordinator, reason="Sisa anggaran untuk pusat")
    stored = finding.stored_hash
    activity.title = "Judul baru yang tidak mengubah anggaran"
    activity.save()
    rerun = build.run_plan(plan)
    finding.refresh_from_db()
    # its message is rewritten with the new title, its decision kept
    assert "Judul baru" in finding.message_id and finding.stored_hash != stored
    assert finding.status == FindingStatus.DISMISSED
    assert finding.reason == "Sisa anggaran untuk pusat"
    assert finding.last_run == rerun
    assert rerun.counts["kept"] >= 1


def test_changing_what_the_finding_rests_on_reopens_it(build, cast, reference):
    plan, activity = _plan_with_unbalanced_activity(build, reference)
    build.run_plan(plan)
    (finding,) = build.findings("consistency.location_budget_sum")
    finding_accept(finding=finding, by=cast.coordinator)
    activity.budget = Decimal("900")  # still not 800
    activity.save()
    build.run_plan(plan)
    finding.refresh_from_db()
    assert finding.status == FindingStatus.OPEN
    assert finding.reviewed_by is None
    assert "Rp900" in finding.message_id


def test_fixing_the_cause_resolves_the_finding(build, cast, reference):
    plan, activity = _plan_with_unbalanced_activity(build, reference)
    build.run_plan(plan)
    (no_target,) = build.findings("alignment.no_target")
    (budget,) = build.findings("consistency.location_budget_sum")
    finding_accept(finding=no_target, by=cast.coordinator)
    activity.targets.add(build.target("PN4"))
    ActivityLocation.objects.filter(activity=activity, region=reference.cilacap).update(budget=700)
    run = build.run_plan(plan)
    no_target.refresh_from_db()
    budget.refresh_from_db()
    assert no_target.status == FindingStatus.RESOLVED and no_target.resolved_run == run
    assert budget.status == FindingStatus.RESOLVED
    # The cause coming back opens it again.
    activity.targets.clear()
    build.run_plan(plan)
    no_target.refresh_from_db()
    assert no_target.status == FindingStatus.OPEN


def test_a_finding_follows_the_activity_uid_not_its_row(build, reference):
    plan, activity = _plan_with_unbalanced_activity(build, reference)
    build.run_plan(plan)
    (finding,) = build.findings("consistency.location_budget_sum")
    assert str(activity.uid) in finding.key
    assert finding.activity == activity and finding.plan == plan and finding.cycle == plan.cycle
    assert finding.citation and finding.message_en


def test_a_national_run_reports_coverage_per_cycle(build, reference):
    cycle = build.cycle(build.programme("cooperation", loci=[reference.jateng, reference.papua]), year=2025)
    build.activity(build.plan(cycle), locations=[reference.banyumas], targets=[build.target("PN4")])
    run = build.run_national(2025)
    (finding,) = build.findings("coverage.locus_without_activity")
    assert finding.cycle == cycle and finding.region_codes == ["91"]
    assert finding.first_run == run
    # A plan run never touches cycle-level findings.
    build.run_plan(cycle.plans.get())
    finding.refresh_from_db()
    assert finding.status == FindingStatus.OPEN


def _many_drafts(activity, n: int, content: str):
    from selaras.sync.rules.base import Rule

    class Many(Rule):
        code = "test.many"
        category = "consistency"
        citation = "uji"

    rule = Many()
    return [
        (rule, rule.draft(key_parts=[i], message_id=f"Temuan {i}", message_en="", activity=activity, content=content))
        for i in range(n)
    ]


def test_a_thousand_findings_are_saved_and_reconciled_in_a_bounded_number_of_queries(build, cast, reference):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from selaras.sync.engine import UPDATE_BATCH, reconcile
    from selaras.sync.models import CheckRun, Finding

    plan, activity = _plan_with_unbalanced_activity(build, reference)

    def run(n: int, content: str):
        check = CheckRun.objects.create(scope="plan", plan=plan, year=plan.cycle.year)
        with CaptureQueriesContext(connection) as queries:
            counts = reconcile(check, _many_drafts(activity, n, content))
        return check, counts, len(queries)

    first, counts, queries = run(1000, "a")
    assert counts["new"] == 1000 and queries <= 12
    decided = Finding.objects.filter(rule="test.many").order_by("id")[:10]
    for finding in decided:
        finding_dismiss(finding=finding, by=cast.coordinator, reason="Bukan masalah")
    second, counts, queries = run(1000, "a")
    assert counts == {"new": 0, "kept": 1000, "reopened": 0, "resolved": 0, "total": 1000} and queries <= 12
    assert Finding.objects.filter(rule="test.many", status=FindingStatus.DISMISSED, last_run=second).count() == 10
    assert Finding.objects.filter(rule="test.many", first_run=first, last_run=second).count() == 1000
    # what the findings rest on changed for all: every decision is reopened
    _, counts, queries = run(1000, "b")
    assert counts["reopened"] == 1000 and queries <= 1000 // UPDATE_BATCH + 12
    assert not Finding.objects.filter(rule="test.many").exclude(status=FindingStatus.OPEN).exists()
    assert not Finding.objects.filter(rule="test.many", reason__gt="").exists()
    # the cause of half of them is gone
    _, counts, queries = run(500, "b")
    assert counts["resolved"] == 500 and queries <= 12
    assert Finding.objects.filter(rule="test.many", status=FindingStatus.RESOLVED).count() == 500


def test_a_re_run_with_nothing_changed_rewrites_no_finding_but_marks_it_found_again(build, reference):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    plan, _activity = _plan_with_unbalanced_activity(build, reference)
    build.run_plan(plan)
    (finding,) = build.findings("consistency.location_budget_sum")
    with CaptureQueriesContext(connection) as queries:
        rerun = build.run_plan(plan)
    rewrites = [q["sql"] for q in queries if "UPDATE" in q["sql"] and "message_id" in q["sql"]]
    assert rewrites == []
    finding.refresh_from_db()
    assert finding.last_run == rerun and rerun.counts["kept"] == rerun.counts["total"] >= 1
