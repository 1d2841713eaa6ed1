"""The synchronisation demo: on the demo records every enabled check rule
finds something, SUPD IV's review of KemenPPPA's plan ends in an issued,
answered letter and a re-check that resolves the fixed findings, and a
second run of `demo-data` creates nothing."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from selaras.audit.models import AuditEntry
from selaras.plans.models import Activity, Plan, PlanRevision, Programme
from selaras.sync.demo import SETTING_NOTE
from selaras.sync.engine import enabled_rules
from selaras.sync.models import (
    CheckRun,
    Finding,
    FindingStatus,
    LetterStatus,
    Recommendation,
    RecommendationPoint,
    ReviewNote,
    RuleSetting,
)
from selaras.sync.rules.base import all_rules
from selaras.sync.selectors import point_status_summary

# Rules the demo data cannot make fire, each with the reason. Keep it empty:
# a rule added later needs a planted record in plans.demo (check_examples).
RULES_WITHOUT_DEMO_FINDINGS: dict[str, str] = {}


@pytest.fixture
def demo(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("load_reference", stdout=io.StringIO())
    out = io.StringIO()
    call_command("demo_data", stdout=out)
    return out.getvalue()


def _state():
    return (
        sorted(Finding.objects.values_list("key", "status", "content_hash", "reason")),
        CheckRun.objects.count(),
        sorted(Recommendation.objects.values_list("number", "status", "version")),
        sorted(RecommendationPoint.objects.values_list("position", "response", "version")),
        ReviewNote.objects.count(),
        sorted(RuleSetting.objects.values_list("code", "enabled", "version")),
        sorted(Plan.objects.values_list("cycle__programme__code", "owner__code", "status", "revision", "version")),
        sorted(Programme.objects.values_list("code", "start_year", "end_year", "version")),
        Activity.objects.count(),
        PlanRevision.objects.count(),
        AuditEntry.objects.count(),
    )


def test_every_enabled_rule_finds_something_in_the_demo(demo):
    enabled = {rule.code for rule in enabled_rules()}
    # The demo enables the unverified rules too, so every rule is on.
    assert enabled == set(all_rules())
    found = set(Finding.objects.values_list("rule", flat=True))
    missing = sorted(enabled - found - set(RULES_WITHOUT_DEMO_FINDINGS))
    assert missing == []


def test_unverified_rules_are_switched_on_with_a_note_saying_it_is_the_demo(demo):
    unverified = {code for code, cls in all_rules().items() if not cls.verified}
    assert unverified, "the catalogue has unverified rules to show"
    settings = {s.code: s for s in RuleSetting.objects.filter(code__in=unverified)}
    assert set(settings) == unverified
    assert all(s.enabled and s.note == SETTING_NOTE for s in settings.values())


def test_one_letter_is_issued_signed_by_supd_iv_with_word_and_pdf_and_answered_points(demo):
    letter = Recommendation.objects.get()
    assert letter.status == LetterStatus.ISSUED
    assert letter.addressee.code == "047" and letter.issuer.code == "010.bangda.supd4"
    assert letter.signatory_title == "Direktur Sinkronisasi Urusan Pemerintahan Daerah IV"
    assert len(letter.signatory_nip) == 18 and letter.number
    with letter.docx.open("rb") as docx, letter.pdf.open("rb") as pdf:
        assert docx.read(2) == b"PK"  # a Word file is a zip archive
        assert pdf.read(5) == b"%PDF-"
    points = list(letter.points.select_related("finding"))
    assert points and all(p.response and p.responded_by.username == "demo.perencana.kemenpppa" for p in points)
    summary = point_status_summary(points)
    assert summary["resolved"] >= 4 and summary["note"] == 1


def test_the_review_returns_revises_and_rechecks_the_plan(demo):
    letter = Recommendation.objects.get()
    plan = letter.plan
    actions = list(plan.transitions.values_list("action", flat=True))
    assert actions == ["submit", "start_review", "return", "submit", "start_review"]
    assert plan.revision == 2 and letter.plan_revision == 1
    resolved = Finding.objects.filter(status=FindingStatus.RESOLVED)
    assert resolved.filter(plan=plan).count() >= 4
    # Resolved by the re-check after the revision, not by the first run.
    assert all(f.resolved_run_id and f.resolved_run_id != f.first_run_id for f in resolved)
    assert Finding.objects.filter(status=FindingStatus.ACCEPTED).exists()
    dismissed = Finding.objects.get(status=FindingStatus.DISMISSED)
    assert dismissed.reason and dismissed.reviewed_by.username == "demo.koordinator.supd4"


def test_a_second_run_creates_nothing_new(demo):
    before = _state()
    out = io.StringIO()
    call_command("demo_data", stdout=out)
    assert "sync.review: 0 dibuat" in out.getvalue()
    assert "plans.check_examples: 0 dibuat" in out.getvalue()
    assert _state() == before


def test_the_demo_shows_central_and_regional_duplicates(demo):
    duplicates = Finding.objects.filter(category="duplication")
    central = duplicates.filter(other_activity__isnull=False)
    assert central.filter(activity__plan__owner__code="025", other_activity__plan__owner__code="068").exists() or (
        central.filter(activity__plan__owner__code="068", other_activity__plan__owner__code="025").exists()
    )
    assert duplicates.filter(regional_sub_activity__isnull=False).exists()
    assert Recommendation.objects.get().status == LetterStatus.ISSUED
    before = _state()
    call_command("demo_data", stdout=io.StringIO())
    assert _state() == before
