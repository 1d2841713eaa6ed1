"""The whole review cycle of one plan: findings accepted → letter issued →
the ministry answers → the plan is returned and resubmitted → the re-check
resolves what was fixed → the letter shows each point's status now."""

from __future__ import annotations

import pytest
from django.urls import reverse

from selaras.plans.services import plan_transition
from selaras.sync import engine
from selaras.sync.letters import services as letters
from selaras.sync.models import CheckRun, FindingStatus, RunScope
from selaras.sync.rules.base import FindingDraft, Rule
from selaras.sync.selectors import letter_points, point_status_summary
from selaras.sync.services import finding_accept
from tests.sync.review_data import Review, build_review, login

pytestmark = pytest.mark.django_db


@pytest.fixture
def review(cast, reference) -> Review:
    return build_review(cast, reference)


class _StillDuplicate(Rule):
    code = "duplication.activity"
    category = "duplication"


def test_the_recheck_after_revision_shows_which_points_were_resolved(client, cast, review, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    finding_accept(finding=review.f_authority, by=cast.coordinator)
    finding_accept(finding=review.f_duplication, by=cast.coordinator)
    letter = letters.letter_compose(plan=review.plan_a, by=cast.coordinator)
    letter = letters.letter_update(
        letter=letter,
        by=cast.coordinator,
        expected_version=letter.version,
        signatory_name="Dr. Suharyanto",
        signatory_title="Direktur SUPD IV",
    )
    letter = letters.letter_issue(letter=letter, by=cast.coordinator)
    first = letter.points.order_by("position").first()
    letters.letter_respond(point=first, by=cast.planner_a, response="Sumber dana diubah ke dekonsentrasi.")

    plan = plan_transition(plan=review.plan_a, action="return", by=cast.coordinator, comment="Ikuti surat rekomendasi.")
    plan = plan_transition(plan=plan, action="submit", by=cast.planner_a)
    assert plan.revision == 2

    # The re-check finds the duplication again (same records, same content)
    # but no longer the authority problem.
    run = CheckRun.objects.create(scope=RunScope.PLAN, plan=plan, year=plan.cycle.year, started_by=cast.coordinator)
    duplicate = FindingDraft(
        rule="duplication.activity",
        key=review.f_duplication.key,
        message_id=review.f_duplication.message_id,
        message_en="",
        activity=review.activity_a,
        other_activity=review.activity_b,
        region_codes=["33.02"],
        score=0.87,
        content=None,
        evidence={},
    )
    review.f_duplication.content_hash = duplicate.content_hash()
    review.f_duplication.save(update_fields=["content_hash"])
    counts = engine.reconcile(run, [(_StillDuplicate(), duplicate)])
    assert counts["resolved"] == 2  # the authority and alignment findings, not found again

    review.f_authority.refresh_from_db()
    review.f_duplication.refresh_from_db()
    assert review.f_authority.status == FindingStatus.RESOLVED
    assert review.f_duplication.status == FindingStatus.ACCEPTED
    points = letter_points(cast.planner_a, letter)
    assert point_status_summary(points) == {"resolved": 1, "open": 1, "note": 0}

    login(client, cast.planner_a)
    html = client.get(reverse("sync:letter_detail", args=[letter.pk])).content.decode()
    assert "Status butir setelah pemeriksaan ulang" in html
    assert "Sumber dana diubah ke dekonsentrasi." in html
    assert "masih terbuka" in html and "selesai" in html


def test_check_plans_runs_one_plan_and_reports(cast, review, monkeypatch):
    from io import StringIO

    from django.core.management import call_command

    # No rules: every earlier finding of the plan is gone, so resolved.
    monkeypatch.setattr(engine, "enabled_rules", lambda: [])
    out = StringIO()
    call_command("check_plans", plan=review.plan_a.pk, stdout=out)
    assert "3 selesai" in out.getvalue()
    run = CheckRun.objects.get(plan=review.plan_a)
    assert run.counts["resolved"] == 3


def test_check_plans_names_a_bad_target(db):
    from django.core.management import CommandError, call_command

    with pytest.raises(CommandError, match="--cycle"):
        call_command("check_plans", cycle="tanpa-tahun")
    with pytest.raises(CommandError, match="--plan"):
        call_command("check_plans", plan=424242)


def test_a_coordinator_cannot_check_a_draft_it_may_not_read(cast, reference):
    from django.core.exceptions import PermissionDenied

    from selaras.plans.models import Cycle, Plan, Programme, ProgrammeKind
    from selaras.sync.services import check_run_create

    programme = Programme.objects.create(
        code="P-DRAFT",
        name="Program uji",
        kind=ProgrammeKind.COOPERATION,
        coordinator=reference.supd4,
        start_year=2024,
        end_year=2025,
    )
    draft = Plan.objects.create(cycle=Cycle.objects.create(programme=programme, year=2024), owner=reference.ministry_a)
    with pytest.raises(PermissionDenied):
        check_run_create(by=cast.coordinator, scope="plan", plan=draft)
    assert check_run_create(by=cast.planner_a, scope="plan", plan=draft).plan == draft
