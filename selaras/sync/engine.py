"""Runs the rules over a check run's scope and reconciles their findings with
earlier runs: a finding keeps the reviewer's decision while its records are
unchanged, is re-opened when they change, and is resolved when its cause is
gone."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable

from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone

from selaras.core.bulk import insert_rows
from selaras.core.statistics import refresh_statistics
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


# Rules about the whole scope rather than its activities one by one: a
# national run gives them a shard of their own (`WHOLE_SCOPE`), which runs
# beside the provinces' instead of lengthening one of them.
WHOLE_SCOPE_RULES = {"consistency.cycle_outside_period"}
WHOLE_SCOPE = "*"


def is_whole_scope(rule: Rule) -> bool:
    return rule.category in CYCLE_ONLY_CATEGORIES or rule.code in WHOLE_SCOPE_RULES


def execute_shard(run: CheckRun, *, province: str, takes_rest: bool, progress: Callable[[int, int, str], None]) -> dict:
    """One shard of a national run: a province's rules (and, when it
    `takes_rest`, the activities located nowhere), or with `province` equal to
    `WHOLE_SCOPE` the rules about the whole scope. Its findings are saved,
    nothing resolved (that is `finalise`, once every shard is done)."""
    whole = province == WHOLE_SCOPE
    if whole:
        context = CheckContext(run=run, progress=progress)
    else:
        context = CheckContext(run=run, progress=progress, province=province, takes_rest=takes_rest)
    rules = [r for r in enabled_rules() if is_whole_scope(r) == whole]
    drafts: list[tuple[Rule, FindingDraft]] = []
    for index, rule in enumerate(rules):
        progress(index, len(rules) + 1, rule.title_id or rule.code)
        drafts.extend((rule, d) for d in rule.check(context))
    progress(len(rules), len(rules) + 1, "rekonsiliasi temuan")
    return reconcile(run, drafts, resolve=False)


def finalise(run: CheckRun, counts: dict) -> CheckRun:
    """End a sharded run: what no shard found again is resolved, in one
    UPDATE (every finding a shard found carries this run as its last)."""
    now = timezone.now()
    gone = Finding.objects.filter(_scope_q(run)).exclude(status=FindingStatus.RESOLVED).exclude(last_run=run)
    counts = {**counts, "resolved": gone.update(status=FindingStatus.RESOLVED, resolved_run=run, updated_at=now)}
    if counts.get("new", 0) >= STATISTICS_AFTER:
        refresh_statistics(Finding)  # the review pages plan on them next
    run.status, run.finished_at, run.counts = RunStatus.SUCCEEDED, now, counts
    run.save(update_fields=["status", "finished_at", "counts", "updated_at"])
    return run


# New findings from which a national run refreshes the planner's statistics
# (`selaras.core.statistics`).
STATISTICS_AFTER = 10_000
# Keys per look-up of earlier findings, and ids per UPDATE of those found again.
KEYS_PER_QUERY = 2000
# Rows per executemany of the UPDATE of findings found again with changes.
UPDATE_BATCH = 5000
# Every field a re-run rewrites on a finding it finds again.
WRITTEN = (
    "rule",
    "category",
    "severity",
    "plan",
    "cycle",
    "activity",
    "other_activity",
    "regional_sub_activity",
    "region_codes",
    "score",
    "message_id",
    "message_en",
    "citation",
    "evidence",
    "content_hash",
    "stored_hash",
    "last_run",
)
REOPENED = ("status", "reason", "reviewed_by", "reviewed_at", "resolved_run")


def _pk(value):
    """A record or its id (rules reading plain rows give ids)."""
    return getattr(value, "pk", value)


def _values(run: CheckRun, rule: Rule, draft: FindingDraft) -> dict:
    """The finding's columns as this run sees them, by attribute name."""
    plan = draft.plan or (draft.activity.plan if draft.activity is not None else None)
    cycle = draft.cycle or (plan.cycle if plan is not None else None)
    return {
        "rule": rule.code,
        "category": rule.category,
        "severity": draft.severity or rule.severity,
        "plan_id": _pk(plan),
        "cycle_id": _pk(cycle),
        "activity_id": _pk(draft.activity),
        "other_activity_id": _pk(draft.other_activity),
        "regional_sub_activity_id": _pk(draft.regional_sub_activity),
        "region_codes": sorted(draft.region_codes),
        "score": draft.score,
        "message_id": draft.message_id,
        "message_en": draft.message_en,
        "citation": rule.citation,
        "evidence": draft.evidence,
        "content_hash": draft.content_hash(),
        "last_run_id": run.pk,
    }


def _stored_hash(values: dict) -> str:
    """A fingerprint of everything a run writes on a finding but the run
    itself: equal, and the finding found again needs no rewrite."""
    payload = json.dumps(
        [values[name] for name in sorted(values) if name != "last_run_id"], sort_keys=True, default=str
    )
    return hashlib.sha256(payload.encode()).hexdigest()


# What reconciliation reads of an earlier finding: its fingerprints, not its
# messages and evidence (a national run finds a hundred thousand).
EXISTING_FIELDS = ("key", "status", "content_hash", "stored_hash", "plan", "category")


def _existing(run: CheckRun, keys: list[str], *, whole_scope: bool = True) -> dict[str, Finding]:
    """Earlier findings of the run's scope (unless not `whole_scope`), and
    any other finding holding one of `keys`, by key: one query, plus one per
    few thousand new keys."""
    findings = Finding.objects.only(*EXISTING_FIELDS)
    existing = {f.key: f for f in findings.filter(_scope_q(run))} if whole_scope else {}
    missing = [k for k in keys if k not in existing]
    for start in range(0, len(missing), KEYS_PER_QUERY):
        existing.update((f.key, f) for f in findings.filter(key__in=missing[start : start + KEYS_PER_QUERY]))
    return existing


def _write(findings: list[Finding], names: list[str]) -> None:
    """One UPDATE statement run for many rows (`bulk_update` builds a CASE
    per column and row: 80 s for 20,000 re-opened findings)."""
    if not findings:
        return
    fields = [Finding._meta.get_field(name) for name in names]
    qn = connection.ops.quote_name
    columns = ", ".join(f"{qn(f.column)} = %s" for f in fields)
    sql = f"UPDATE {qn(Finding._meta.db_table)} SET {columns} WHERE {qn(Finding._meta.pk.column)} = %s"
    rows = [[f.get_db_prep_save(getattr(obj, f.attname), connection) for f in fields] + [obj.pk] for obj in findings]
    with connection.cursor() as cursor:
        for start in range(0, len(rows), UPDATE_BATCH):
            cursor.executemany(sql, rows[start : start + UPDATE_BATCH])


def _update_ids(ids: list[int], **values) -> None:
    for start in range(0, len(ids), KEYS_PER_QUERY):
        Finding.objects.filter(pk__in=ids[start : start + KEYS_PER_QUERY]).update(**values)


@transaction.atomic
def reconcile(run: CheckRun, drafts: list[tuple[Rule, FindingDraft]], *, resolve: bool = True) -> dict:
    """Store a run's findings in bulk: new ones inserted, those found again
    updated (keeping the reviewer's decision unless what they rest on
    changed), those no longer found resolved. Decisions are audited by the
    services that take them; a run writes no entry per finding. A shard
    (`resolve=False`) reads and writes only the findings it found."""
    counts = {"new": 0, "kept": 0, "reopened": 0, "resolved": 0, "total": 0}
    unique: dict[str, tuple[Rule, FindingDraft]] = {}
    for rule, draft in drafts:
        unique.setdefault(draft.key, (rule, draft))
    existing = _existing(run, list(unique), whole_scope=resolve)
    now = timezone.now()
    created: list[tuple] = []
    changed: list[Finding] = []
    reopened: list[Finding] = []
    seen_again: list[int] = []  # nothing but the run changed
    columns: tuple[str, ...] = ()  # of a new finding's row
    for key, (rule, draft) in unique.items():
        values = _values(run, rule, draft)
        values["stored_hash"] = _stored_hash(values)
        finding = existing.get(key)
        if finding is None:
            # a plain row, inserted in bulk (`core.bulk`): no instance per finding
            created.append((key, run.pk, now, now, FindingStatus.OPEN, "", *values.values()))
            columns = columns or ("key", "first_run_id", "created_at", "updated_at", "status", "reason", *values)
            counts["new"] += 1
            continue
        reopen = finding.content_hash != values["content_hash"] or finding.status == FindingStatus.RESOLVED
        if reopen:
            # The records changed (or the cause came back): the earlier
            # decision was about something else, so the finding is open again.
            values.update(
                status=FindingStatus.OPEN, reason="", reviewed_by_id=None, reviewed_at=None, resolved_run_id=None
            )
            counts["reopened"] += 1
        else:
            counts["kept"] += 1
        if not reopen and finding.stored_hash == values["stored_hash"]:
            seen_again.append(finding.pk)
            continue
        for name, value in values.items():
            setattr(finding, name, value)
        finding.updated_at = now
        (reopened if reopen else changed).append(finding)
    if created:
        insert_rows(Finding, columns, created)
    # a kept finding's decision is never written back: only what the rule says
    _write(changed, [*WRITTEN, "updated_at"])
    _write(reopened, [*WRITTEN, *REOPENED, "updated_at"])
    _update_ids(seen_again, last_run=run, updated_at=now)
    gone = [
        f.pk
        for k, f in existing.items()
        if resolve and k not in unique and f.status != FindingStatus.RESOLVED and _in_scope(run, f)
    ]
    _update_ids(gone, status=FindingStatus.RESOLVED, resolved_run=run, updated_at=now)
    counts["resolved"] = len(gone)
    counts["total"] = len(unique)
    return counts


def _in_scope(run: CheckRun, finding: Finding) -> bool:
    if run.scope == RunScope.PLAN:
        return finding.plan_id == run.plan_id and finding.category not in CYCLE_ONLY_CATEGORIES
    return True
