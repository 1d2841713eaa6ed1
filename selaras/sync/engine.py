"""Runs the rules over a check run's scope and reconciles their findings with
earlier runs: a finding keeps the reviewer's decision while its records are
unchanged, is re-opened when they change, and is resolved when its cause is
gone."""

from __future__ import annotations

from collections.abc import Callable

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from selaras.sync.context import CheckContext
from selaras.sync.models import CheckRun, Finding, FindingStatus, RuleSetting, RunScope, RunStatus
from selaras.sync.rules.base import FindingDraft, Rule, all_rules

# Rules about a cycle as a whole (coverage, deadlines) make no sense for a
# single plan and are skipped in plan runs.
CYCLE_ONLY_CATEGORIES = {"coverage", "deadlines"}


def enabled_rules() -> list[Rule]:
    settings = {s.code: s for s in RuleSetting.objects.all()}
    rules = []
    for code, cls in all_rules().items():
        setting = settings.get(code)
        enabled = setting.enabled if setting else cls.verified
        if enabled:
            rules.append(cls(setting.params if setting else None))
    return rules


def _scope_q(run: CheckRun) -> Q:
    if run.scope == RunScope.PLAN:
        return Q(plan_id=run.plan_id)
    if run.scope == RunScope.CYCLE:
        return Q(cycle_id=run.cycle_id)
    return Q(cycle__year=run.year)


def execute(run: CheckRun, progress: Callable[[int, int, str], None] | None = None) -> CheckRun:
    """Run every enabled rule over the run's scope and store the findings."""
    run.status, run.started_at = RunStatus.RUNNING, timezone.now()
    run.save(update_fields=["status", "started_at", "updated_at"])
    context = CheckContext(run=run, progress=progress or (lambda done, total, message: None))
    rules = [r for r in enabled_rules() if not (run.scope == RunScope.PLAN and r.category in CYCLE_ONLY_CATEGORIES)]
    drafts: list[tuple[Rule, FindingDraft]] = []
    for index, rule in enumerate(rules):
        context.progress(index, len(rules) + 1, rule.title_id or rule.code)
        drafts.extend((rule, d) for d in rule.check(context))
    context.progress(len(rules), len(rules) + 1, "rekonsiliasi temuan")
    counts = reconcile(run, drafts)
    run.status, run.finished_at, run.counts = RunStatus.SUCCEEDED, timezone.now(), counts
    run.save(update_fields=["status", "finished_at", "counts", "updated_at"])
    context.progress(len(rules) + 1, len(rules) + 1, "selesai")
    return run


@transaction.atomic
def reconcile(run: CheckRun, drafts: list[tuple[Rule, FindingDraft]]) -> dict:
    counts = {"new": 0, "kept": 0, "reopened": 0, "resolved": 0, "total": 0}
    unique: dict[str, tuple[Rule, FindingDraft]] = {}
    for rule, draft in drafts:
        unique.setdefault(draft.key, (rule, draft))
    existing = {f.key: f for f in Finding.objects.filter(Q(key__in=list(unique)) | _scope_q(run))}
    now = timezone.now()
    for key, (rule, draft) in unique.items():
        digest = draft.content_hash()
        plan = draft.plan or (draft.activity.plan if draft.activity is not None else None)
        cycle = draft.cycle or (plan.cycle if plan is not None else None)
        values = {
            "rule": rule.code,
            "category": rule.category,
            "severity": draft.severity or rule.severity,
            "plan": plan,
            "cycle": cycle,
            "activity": draft.activity,
            "other_activity": draft.other_activity,
            "regional_sub_activity": draft.regional_sub_activity,
            "region_codes": sorted(draft.region_codes),
            "score": draft.score,
            "message_id": draft.message_id,
            "message_en": draft.message_en,
            "citation": rule.citation,
            "evidence": draft.evidence,
            "last_run": run,
        }
        finding = existing.get(key)
        if finding is None:
            Finding.objects.create(key=key, content_hash=digest, first_run=run, **values)
            counts["new"] += 1
            continue
        if finding.content_hash != digest or finding.status == FindingStatus.RESOLVED:
            # The records changed (or the cause came back): the earlier
            # decision was about something else, so the finding is open again.
            values.update(status=FindingStatus.OPEN, reason="", reviewed_by=None, reviewed_at=None, resolved_run=None)
            counts["reopened"] += 1
        else:
            counts["kept"] += 1
        for name, value in values.items():
            setattr(finding, name, value)
        finding.content_hash = digest
        finding.save()
    gone = [
        f for k, f in existing.items() if k not in unique and f.status != FindingStatus.RESOLVED and _in_scope(run, f)
    ]
    for finding in gone:
        finding.status, finding.resolved_run, finding.updated_at = FindingStatus.RESOLVED, run, now
        finding.save(update_fields=["status", "resolved_run", "updated_at"])
    counts["resolved"] = len(gone)
    counts["total"] = len(unique)
    return counts


def _in_scope(run: CheckRun, finding: Finding) -> bool:
    if run.scope == RunScope.PLAN:
        return finding.plan_id == run.plan_id and finding.category not in CYCLE_ONLY_CATEGORIES
    return True
