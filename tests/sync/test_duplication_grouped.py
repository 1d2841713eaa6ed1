"""The duplication rules at scale: one finding per activity and region with
its best matches listed and the rest counted, candidates read as plain rows
(no record built per sub-activity), and findings saved in bulk with every
reviewer decision kept across re-runs."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from selaras.plans.models import RegionalPlan, RegionalSubActivity
from selaras.sync.models import CheckRun, FindingStatus
from selaras.sync.rules.duplication_central import CentralDuplication
from selaras.sync.rules.duplication_regional import RegionalDuplication

pytestmark = pytest.mark.django_db

VILLAGES = ("Karanglewas", "Kedungbanteng", "Sumbang", "Baturraden", "Kembaran", "Sokaraja", "Kalibagor", "Patikraja")


def _subs(region, names, year=2025):
    plan = RegionalPlan.objects.create(region=region, year=year)
    RegionalSubActivity.objects.bulk_create(
        RegionalSubActivity(regional_plan=plan, code=f"1.02.02.2.{i:03d}", name=name, row_number=i)
        for i, name in enumerate(names)
    )
    return plan


def _subject(build, reference, *, locations, title="Rehab Puskesmas Pembantu"):
    plan = build.plan(build.cycle(build.programme(), year=2025), reference.ministry_a)
    return plan, build.activity(plan, title=title, locations=locations)


def test_it_groups_a_regions_matches_into_one_finding_listing_five_and_counting_the_rest(build, reference, check):
    plan, activity = _subject(build, reference, locations=[reference.jateng])
    _subs(reference.banyumas, [f"Rehabilitasi Puskesmas Pembantu Desa {v}" for v in VILLAGES] + ["Penyediaan Obat"])
    _subs(reference.cilacap, ["Rehabilitasi Puskesmas Pembantu"])
    drafts = sorted(check(RegionalDuplication, plan=plan), key=lambda d: d.key)
    # one finding per region whose own plan matches, not one per sub-activity
    assert [d.key for d in drafts] == [
        f"duplication.regional:{activity.uid}:33.01/2025",
        f"duplication.regional:{activity.uid}:33.02/2025",
    ]
    cilacap, banyumas = drafts
    assert len(banyumas.evidence["matches"]) == 5 and banyumas.evidence["more"] == 3
    assert {m["name"] for m in banyumas.evidence["matches"]} < {
        f"Rehabilitasi Puskesmas Pembantu Desa {v}" for v in VILLAGES
    }
    scores = [m["score"] for m in banyumas.evidence["matches"]]
    assert scores == sorted(scores, reverse=True) and banyumas.score == scores[0]
    assert banyumas.evidence["owner_b"] == "Kabupaten Banyumas" and banyumas.region_codes == ["33.02"]
    assert "dan 7 sub kegiatan lain (rencana daerah Kabupaten Banyumas)" in banyumas.message_id
    assert "and 7 other sub-activities" in banyumas.message_en
    assert cilacap.evidence["more"] == 0 and len(cilacap.evidence["matches"]) == 1
    assert "lain" not in cilacap.message_id.split("mirip")[1].split("(rencana")[0]
    # the top match is the finding's sub-activity, by id
    top = RegionalSubActivity.objects.get(pk=banyumas.regional_sub_activity)
    assert top.name == banyumas.evidence["text_b"] == banyumas.evidence["matches"][0]["name"]


def test_it_groups_another_agencys_activities_into_one_finding_per_province(build, reference, check):
    plan, activity = _subject(build, reference, locations=[reference.banyumas], title="Pelatihan Kader Posyandu")
    theirs = build.plan(plan.cycle, reference.ministry_b)
    peers = [
        build.activity(theirs, title="Pelatihan Kader Posyandu", locations=[reference.banyumas]),
        build.activity(theirs, title="Pelatihan Kader Posyandu Balita", locations=[reference.jateng]),
        build.activity(theirs, title="Pelatihan bagi Kader Posyandu", locations=[reference.banyumas]),
    ]
    (draft,) = check(CentralDuplication, plan=plan)
    assert draft.key == f"duplication.central:{activity.uid}:33"
    assert {row["uid"] for row in draft.evidence["activities"]} == {str(p.uid) for p in peers}
    assert draft.other_activity == peers[0].pk and draft.evidence["activities"][0]["uid"] == str(peers[0].uid)
    assert draft.region_codes == ["33.02"] and draft.evidence["more"] == 0
    assert "dan 2 kegiatan lain" in draft.message_id


def test_activities_listed_in_a_grouped_finding_reach_only_their_readers(build, reference, cast):
    from selaras.sync.selectors import finding_evidence_for

    plan, _ = _subject(build, reference, locations=[reference.banyumas], title="Pelatihan Kader Posyandu")
    readable = build.activity(
        build.plan(plan.cycle, reference.ministry_b), title="Pelatihan Kader Posyandu", locations=[reference.banyumas]
    )
    elsewhere = build.cycle(build.programme(coordinator=reference.kemendagri), year=2025)
    hidden = build.activity(
        build.plan(elsewhere, reference.ministry_b),
        title="Pelatihan bagi Kader Posyandu Terpencil",
        locations=[reference.banyumas],
    )
    build.run_plan(plan)
    (finding,) = build.findings("duplication.central")
    assert finding.other_activity == readable and len(finding.evidence["activities"]) == 2
    shown = finding_evidence_for(cast.coordinator, finding)
    assert shown.evidence["activities"][0]["title"] == readable.title
    assert shown.evidence["activities"][1] == {"agency": ""}
    text = " ".join([shown.message_id, shown.message_en, repr(shown.evidence)])
    assert hidden.title not in text and str(hidden.uid) not in text
    assert finding_evidence_for(cast.admin, finding).evidence["activities"][1]["title"] == hidden.title


def _queries_of(rule_cls, run) -> int:
    from selaras.sync.context import CheckContext

    context = CheckContext(run=run)
    assert context.activities  # the subjects are loaded once for every rule
    with CaptureQueriesContext(connection) as queries:
        list(rule_cls().check(context))
    return len(queries)


def test_the_rules_read_sub_activities_in_queries_independent_of_their_number(build, reference, monkeypatch):
    plan, _ = _subject(build, reference, locations=[reference.banyumas, reference.cilacap])
    build.activity(build.plan(plan.cycle, reference.ministry_b), title="Rehab Pustu", locations=[reference.jateng])
    built = []
    original = RegionalSubActivity.__init__

    def counting_init(self, *args, **kwargs):
        built.append(1)
        original(self, *args, **kwargs)

    run = CheckRun.objects.create(scope="plan", plan=plan, year=2025)
    banyumas = _subs(reference.banyumas, [f"Rehabilitasi Puskesmas Pembantu Desa {i}" for i in range(25)])
    _subs(reference.cilacap, [f"Penyediaan Obat Paket {i}" for i in range(25)])
    monkeypatch.setattr(RegionalSubActivity, "__init__", counting_init)
    few = _queries_of(RegionalDuplication, run), _queries_of(CentralDuplication, run)
    assert built == []  # rows, not records
    monkeypatch.setattr(RegionalSubActivity, "__init__", original)
    _subs(reference.jayapura, [f"Rehabilitasi Puskesmas Pembantu {i}" for i in range(200)])
    RegionalSubActivity.objects.bulk_create(
        RegionalSubActivity(regional_plan=banyumas, code=f"9.{i}", name=f"Rehab Pustu Dusun {i}") for i in range(250)
    )
    monkeypatch.setattr(RegionalSubActivity, "__init__", counting_init)
    many = _queries_of(RegionalDuplication, run), _queries_of(CentralDuplication, run)
    assert built == []
    assert RegionalSubActivity.objects.count() == 500
    assert many == few and max(many) <= 4


def test_a_dismissed_grouped_finding_stays_dismissed_and_a_new_match_reopens_it(build, reference, cast):
    from selaras.sync.services import finding_dismiss

    plan, _ = _subject(build, reference, locations=[reference.banyumas])
    regional = _subs(reference.banyumas, ["Rehabilitasi Puskesmas Pembantu", "Rehab Pustu Desa Sumbang"])
    build.run_plan(plan)
    (finding,) = build.findings("duplication.regional")
    finding_dismiss(finding=finding, by=cast.coordinator, reason="Sudah dikoordinasikan")
    rerun = build.run_plan(plan)
    finding.refresh_from_db()
    assert finding.status == FindingStatus.DISMISSED and finding.reason == "Sudah dikoordinasikan"
    assert finding.last_run == rerun and rerun.counts["kept"] >= 1
    # the region re-imports the same plan: same finding, decision kept
    regional.delete()
    regional = _subs(reference.banyumas, ["Rehabilitasi Puskesmas Pembantu", "Rehab Pustu Desa Sumbang"])
    build.run_plan(plan)
    finding.refresh_from_db()
    assert finding.status == FindingStatus.DISMISSED
    assert finding.regional_sub_activity.regional_plan == regional
    # a further match is something the decision did not weigh
    RegionalSubActivity.objects.create(regional_plan=regional, name="Rehabilitasi Pustu Desa Karanglewas")
    build.run_plan(plan)
    finding.refresh_from_db()
    assert finding.status == FindingStatus.OPEN and finding.reviewed_by is None and finding.reason == ""
    assert finding.evidence["more"] == 0 and len(finding.evidence["matches"]) == 3
