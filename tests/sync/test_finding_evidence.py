"""What a finding shows of its other side: a planner who copies another
ministry's submitted activity title into its own draft and runs the checks
learns that something alike exists, never its title, owner, budget or places."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from selaras.sync.models import Finding
from selaras.sync.services import check_run_now

pytestmark = pytest.mark.django_db

OTHER_TITLE = "Rehabilitasi Ruang Kelas SD Negeri Terpencil"


@pytest.fixture
def copied(build, reference, cast):
    """Ministry B's submitted activity in Banyumas and Kabupaten Jayapura;
    planner A's draft with the title copied, in Banyumas; planner A's check."""
    programme = build.programme()
    cycle = build.cycle(programme, year=2025)
    theirs = build.plan(cycle, reference.ministry_b, status="submitted")
    other = build.activity(
        theirs,
        code="B.9",
        title=OTHER_TITLE,
        description="Rincian internal Kemendikdasmen",
        budget=Decimal("777000000"),
        locations=[(reference.banyumas, "700000000"), (reference.jayapura, "77000000")],
    )
    draft = build.plan(cycle, reference.ministry_a, status="draft")
    own = build.activity(draft, title=OTHER_TITLE.lower(), locations=[reference.banyumas])
    run = check_run_now(by=cast.planner_a, scope="plan", plan=draft)
    finding = Finding.objects.get(rule="duplication.central", activity=own)
    assert finding.other_activity == other and OTHER_TITLE in finding.message_id
    return draft, run, finding


SECRETS = (
    OTHER_TITLE,
    "Kementerian Pendidikan Dasar dan Menengah",
    "Kemendikdasmen",
    "777.000.000",
    "777000000",
    "Jayapura",
    "B.9",
)


def _leaks(text: str) -> list[str]:
    return [s for s in SECRETS if s in text]


def test_the_planner_reads_no_detail_of_the_copied_activity_on_its_pages(client, cast, copied):
    draft, run, _ = copied
    client.force_login(cast.planner_a)
    review = client.get(reverse("sync:plan_review", args=[draft.pk]))
    assert review.status_code == 200
    html = review.content.decode()
    assert _leaks(html) == []
    assert "Sebuah kegiatan instansi lain di kabupaten/kota yang sama, tahun yang sama." in html
    assert "mirip sebuah kegiatan instansi lain di 33.02 Kabupaten Banyumas pada tahun 2025" in html
    run_page = client.get(reverse("sync:run_detail", args=[run.pk]))
    assert run_page.status_code == 200 and _leaks(run_page.content.decode()) == []


def test_the_planner_reads_no_detail_of_the_copied_activity_through_the_api(cast, copied):
    _, _, finding = copied
    client = APIClient()
    client.force_authenticate(cast.planner_a)
    rows = [client.get(f"/api/findings/{finding.pk}/").json()]
    rows += [r for r in client.get("/api/findings/").json()["results"] if r["id"] == finding.pk]
    assert len(rows) == 2
    for row in rows:
        assert _leaks(json.dumps(row, ensure_ascii=False)) == []
        assert row["other_activity"] is None and row["other_hidden"]
        assert set(row["evidence"]) <= {"text_a", "owner_a", "score", "regions", "year"}


def test_an_administrator_who_reads_both_plans_sees_the_other_activity(client, cast, copied):
    draft, _, _ = copied
    client.force_login(cast.admin)
    html = client.get(reverse("sync:plan_review", args=[draft.pk])).content.decode()
    assert OTHER_TITLE in html and "Kementerian Pendidikan Dasar dan Menengah" in html and "Jayapura" in html


def test_activities_listed_as_evidence_are_shown_only_to_their_readers(build, reference, cast):
    """A cycle-level finding (many agencies on one affair) lists activities of
    other programmes' plans: their titles reach only those who read them."""
    from selaras.sync.selectors import finding_evidence_for

    programme = build.programme()
    cycle = build.cycle(programme, year=2025)
    readable = build.activity(build.plan(cycle, reference.ministry_b), title="Kegiatan yang dikoordinasikan")
    elsewhere = build.programme(coordinator=reference.kemendagri)
    hidden = build.activity(
        build.plan(build.cycle(elsewhere, year=2025), reference.ministry_a), title="Kegiatan program lain"
    )
    finding = Finding.objects.create(
        key="coverage.crowded_affair:x",
        rule="coverage.crowded_affair",
        category="coverage",
        severity="info",
        cycle=cycle,
        message_id="2 instansi merencanakan kegiatan bidang urusan yang sama.",
        content_hash="x",
        evidence={
            "activities": [
                {"agency": reference.ministry_b.code, "uid": str(readable.uid), "title": readable.title},
                {"agency": reference.ministry_a.code, "uid": str(hidden.uid), "title": hidden.title},
            ]
        },
    )
    listed = finding_evidence_for(cast.coordinator, finding).evidence["activities"]
    assert listed == [
        {"agency": reference.ministry_b.code, "uid": str(readable.uid), "title": readable.title},
        {"agency": reference.ministry_a.code},
    ]
    assert len(finding_evidence_for(cast.admin, finding).evidence["activities"][1]) == 3


def test_the_explanation_is_worked_out_when_read_and_only_for_a_reader_of_both_sides(cast, copied):
    from selaras.sync.selectors import finding_evidence_for

    _draft, _run, finding = copied
    assert "why" not in finding.evidence  # the check stores none: it costs a fifth of a national run
    why = finding_evidence_for(cast.admin, finding).evidence["why"]
    assert why.startswith("kata kunci sama:") and "rehabilitasi" in why.lower()
    assert "why" not in finding_evidence_for(cast.planner_a, Finding.objects.get(pk=finding.pk)).evidence
