"""Everything that writes synchronisation records: starting check runs,
reviewing findings, notes. Letters are in `selaras.sync.letters`."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from selaras.audit.recorder import record_event
from selaras.core import access, events
from selaras.core.access import WRITE
from selaras.core.text import clean_text, clean_text_fields
from selaras.flags import services as flag_services
from selaras.flags.models import Flag
from selaras.plans.models import Cycle, Plan
from selaras.plans.policies import COORDINATE
from selaras.sync import engine
from selaras.sync.models import CheckRun, Finding, FindingStatus, ReviewNote, RunScope

if TYPE_CHECKING:
    from selaras.accounts.models import User


def check_run_create(
    *, by: User, scope: str, plan: Plan | None = None, cycle: Cycle | None = None, year: int | None = None
) -> CheckRun:
    if (
        (scope == RunScope.PLAN and plan is None)
        or (scope == RunScope.CYCLE and cycle is None)
        or (scope == RunScope.NATIONAL and not year)
    ):
        raise ValidationError(_("Cakupan pemeriksaan tidak lengkap."))
    if not access.can_create(by, CheckRun, plan=plan, cycle=cycle):
        raise PermissionDenied(_("Anda tidak berwenang menjalankan pemeriksaan ini."))
    return CheckRun.objects.create(
        scope=scope,
        plan=plan,
        cycle=cycle,
        year=year or (plan.cycle.year if plan else cycle.year if cycle else None),
        started_by=by if getattr(by, "is_authenticated", False) else None,
    )


def check_run_start(
    *, by: User, scope: str, plan: Plan | None = None, cycle: Cycle | None = None, year: int | None = None
) -> CheckRun:
    """Create a run and queue it as a background job with progress."""
    from selaras.core.jobs import job_start
    from selaras.sync.tasks import run_checks

    with transaction.atomic():
        run = check_run_create(by=by, scope=scope, plan=plan, cycle=cycle, year=year)
        job = job_start(
            kind="sync.check",
            label=_("Pemeriksaan sinkronisasi: %(run)s") % {"run": run},
            task=run_checks,
            by=by,
            run_id=run.pk,
        )
        run.job = job
        run.save(update_fields=["job", "updated_at"])
    return run


def check_run_now(
    *, by: User, scope: str, plan: Plan | None = None, cycle: Cycle | None = None, year: int | None = None
) -> CheckRun:
    """Run in this process (commands, tests of rules, small plans)."""
    run = check_run_create(by=by, scope=scope, plan=plan, cycle=cycle, year=year)
    return engine.execute(run)


def _reviewable(user, finding: Finding) -> Finding:
    if not access.can(user, WRITE, finding):
        raise PermissionDenied(_("Anda tidak berwenang menelaah temuan ini."))
    return finding


@transaction.atomic
def finding_accept(*, finding: Finding, by: User, note: str = "") -> Finding:
    finding = _reviewable(by, Finding.objects.select_for_update().get(pk=finding.pk))
    if finding.status == FindingStatus.RESOLVED:
        raise ValidationError(_("Temuan ini sudah selesai dan tidak dapat diterima."))
    finding.status, finding.reason, finding.reviewed_by, finding.reviewed_at = (
        FindingStatus.ACCEPTED,
        note,
        by,
        timezone.now(),
    )
    clean_text_fields(finding)  # saved without full_clean, where text is cleaned elsewhere
    finding.save()
    record_event(finding.plan or finding.cycle, f"finding {finding.pk} accepted")
    events.emit("finding.decided", finding_ids=[finding.pk])
    return finding


@transaction.atomic
def finding_dismiss(*, finding: Finding, by: User, reason: str) -> Finding:
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Alasan penolakan wajib diisi.")})
    finding = _reviewable(by, Finding.objects.select_for_update().get(pk=finding.pk))
    if finding.status == FindingStatus.RESOLVED:
        raise ValidationError(_("Temuan ini sudah selesai dan tidak dapat ditolak."))
    finding.status, finding.reason, finding.reviewed_by, finding.reviewed_at = (
        FindingStatus.DISMISSED,
        reason.strip(),
        by,
        timezone.now(),
    )
    clean_text_fields(finding)  # saved without full_clean, where text is cleaned elsewhere
    finding.save()
    record_event(finding.plan or finding.cycle, f"finding {finding.pk} dismissed: {reason.strip()}")
    events.emit("finding.decided", finding_ids=[finding.pk])
    return finding


@transaction.atomic
def finding_reopen(*, finding: Finding, by: User) -> Finding:
    finding = _reviewable(by, Finding.objects.select_for_update().get(pk=finding.pk))
    if finding.status == FindingStatus.RESOLVED:
        raise ValidationError(
            _("Temuan yang sudah selesai dibuka kembali oleh pemeriksaan ulang, bukan secara manual.")
        )
    finding.status, finding.reason, finding.reviewed_by, finding.reviewed_at = (
        FindingStatus.OPEN,
        "",
        by,
        timezone.now(),
    )
    finding.save()
    return finding


BULK_STATUS = {"accept": FindingStatus.ACCEPTED, "dismiss": FindingStatus.DISMISSED}
BULK_CHUNK = 5000  # ids per UPDATE: below every database's parameter limit


@transaction.atomic
def findings_bulk(*, findings: QuerySet[Finding] | Iterable[Finding], by: User, action: str, reason: str = "") -> int:
    """Accept or dismiss many findings at once; all or nothing. A constant
    number of queries whatever their number: one read that locks them, one
    permission check, one UPDATE, one audit entry per plan listing them."""
    status = BULK_STATUS.get(action)
    if status is None:
        raise ValidationError(_("Tindakan tidak dikenal."))
    reason = clean_text((reason or "").strip(), multiline=True)
    if status == FindingStatus.DISMISSED and not reason:
        raise ValidationError({"reason": _("Alasan penolakan wajib diisi.")})
    if isinstance(findings, QuerySet):
        chosen = Finding.objects.filter(pk__in=findings.order_by().values("pk"))
    else:
        chosen = Finding.objects.filter(pk__in=[f.pk for f in findings])
    rows = list(chosen.select_for_update().order_by("pk").values_list("pk", "status", "plan_id", "cycle_id"))
    if not rows:
        return 0
    ids = [pk for pk, *_rest in rows]
    writable = access.restrict(Finding.objects.filter(pk__in=chosen.values("pk")), by, WRITE)
    if writable.count() != len(ids):
        raise PermissionDenied(_("Anda tidak berwenang menelaah temuan ini."))
    if any(row_status == FindingStatus.RESOLVED for _pk, row_status, *_rest in rows):
        raise ValidationError(_("Temuan yang sudah selesai tidak dapat diterima atau ditolak."))
    now = timezone.now()
    for start in range(0, len(ids), BULK_CHUNK):
        Finding.objects.filter(pk__in=ids[start : start + BULK_CHUNK]).update(
            status=status, reason=reason, reviewed_by=by, reviewed_at=now, updated_at=now
        )
    _record_bulk(rows, action=action, status=status, reason=reason)
    events.emit("finding.decided", finding_ids=ids)
    return len(ids)


def _record_bulk(rows: list[tuple], *, action: str, status: str, reason: str) -> None:
    # One entry on each plan (or cycle, for cycle-wide findings) listing its findings.
    by_target: dict[tuple[str, int], list[int]] = {}
    for pk, _status, plan_id, cycle_id in rows:
        target = ("plan", plan_id) if plan_id else ("cycle", cycle_id)
        by_target.setdefault(target, []).append(pk)
    plans = Plan.objects.in_bulk([pk for kind, pk in by_target if kind == "plan"])
    cycles = Cycle.objects.in_bulk([pk for kind, pk in by_target if kind == "cycle" and pk])
    verb = {"accept": "accepted", "dismiss": "dismissed"}[action]
    for (kind, pk), ids in by_target.items():
        target = plans.get(pk) if kind == "plan" else cycles.get(pk)
        if target is None:
            continue
        message = f"{len(ids)} findings {verb} in bulk" + (f": {reason}" if reason else "")
        record_event(target, message, changes={"findings": ids, "status": [None, status], "reason": reason})


@transaction.atomic
def review_note_add(*, plan: Plan, by: User, text: str, include_in_letter: bool = True) -> ReviewNote:
    if not access.can(by, COORDINATE, plan):
        raise PermissionDenied(_("Hanya koordinator program yang dapat menambah catatan penelaahan."))
    note = ReviewNote(plan=plan, author=by, text=text.strip(), include_in_letter=include_in_letter)
    note.full_clean()
    note.save()
    return note


@transaction.atomic
def finding_from_flag(*, flag: Flag, by: User) -> Finding:
    """A coordinator makes a region's flag a finding of the plan's review
    (rule `flag.region`, which finds it again on every re-run)."""
    from selaras.sync.rules.flag_region import RegionFlag

    flag = flag_services.flag_mark_finding(flag=flag, by=by)
    rule = RegionFlag()
    draft = rule.draft_for(flag)
    plan = flag.activity.plan
    finding = Finding.objects.create(
        key=draft.key,
        rule=rule.code,
        category=rule.category,
        severity=rule.severity,
        plan=plan,
        cycle=plan.cycle,
        activity=flag.activity,
        region_codes=draft.region_codes,
        message_id=draft.message_id,
        message_en=draft.message_en,
        citation=rule.citation,
        evidence=draft.evidence,
        content_hash=draft.content_hash(),
    )
    record_event(plan, f"finding {finding.pk} from flag {flag.pk}")
    return finding
