"""Reads for the synchronisation pages and API: findings grouped for review,
the review workspace of one plan, the region × affair matrix, check runs,
cycle overviews and letters. Every read starts from `restrict`."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import reduce
from operator import or_
from urllib.parse import urlencode

from django.core.paginator import Page, Paginator
from django.db.models import Case, Count, IntegerField, Prefetch, Q, QuerySet, TextField, Value, When
from django.db.models.fields.json import KeyTextTransform
from django.db.models.functions import Cast
from django.db.models.lookups import Contains

from selaras.core.access import READ, WRITE, can, holds_any, restrict
from selaras.plans.models import ActivityLocation, Cycle, Plan
from selaras.plans.policies import COORDINATE
from selaras.registry.models import Region

# what one reader sees of a finding, and the region matrix: their own
# modules, their names kept importable from here
from selaras.sync.evidence import (  # noqa: F401
    OWN_EVIDENCE,
    FindingEvidence,
    finding_evidence_for,
    findings_evidence_for,
)
from selaras.sync.matrix import MatrixCell, MatrixRow, ReviewMatrix, review_matrix  # noqa: F401
from selaras.sync.models import (
    CheckRun,
    Finding,
    FindingStatus,
    Recommendation,
    RecommendationPoint,
    ReviewNote,
    Severity,
)

CATEGORIES = ("authority", "duplication", "alignment", "consistency", "coverage", "deadlines")
NO_REGION = ""
PAGE_SIZE = 50


@dataclass(frozen=True)
class FindingFilters:
    """Filters of the finding lists. Empty means "any"."""

    category: str = ""
    severity: str = ""
    status: str = ""
    region: str = ""  # region code: findings touching it or a region below
    rule: str = ""

    @classmethod
    def from_params(cls, params: Mapping[str, str]) -> FindingFilters:
        """Build from query parameters; raises ValueError naming the bad one."""
        values = {
            name: (params.get(name) or "").strip() for name in ("category", "severity", "status", "region", "rule")
        }
        if values["severity"] and values["severity"] not in Severity.values:
            raise ValueError("severity")
        if values["status"] and values["status"] not in FindingStatus.values:
            raise ValueError("status")
        return cls(**values)

    def params(self) -> dict[str, str]:
        """The filters that are set, as query parameters."""
        return {name: value for name, value in vars(self).items() if value}

    def query_string(self) -> str:
        """ "?category=…&region=…" for the filters that are set, or ""."""
        params = self.params()
        return "?" + urlencode(params) if params else ""

    def apply(self, findings: QuerySet[Finding]) -> QuerySet[Finding]:
        if self.category:
            findings = findings.filter(category=self.category)
        if self.severity:
            findings = findings.filter(severity=self.severity)
        if self.status:
            findings = findings.filter(status=self.status)
        if self.rule:
            findings = findings.filter(rule=self.rule)
        if self.region:
            findings = findings.filter(touching_region_q(self.region))
        return findings


def touching_region_q(code: str) -> Q:
    """Findings whose regions are `code`, lie below it or contain it.

    `region_codes` is a JSON list of codes made of digits and dots, so its
    text holds each code between quotes on SQLite and PostgreSQL alike: the
    database filters, without a JSON containment lookup SQLite lacks."""
    text = Cast("region_codes", output_field=TextField())
    parts = code.split(".")
    needles = [f'"{code}"', f'"{code}.']
    needles += [f'"{".".join(parts[:i])}"' for i in range(1, len(parts))]
    return reduce(or_, (Q(Contains(text, needle)) for needle in needles))


def _touches(codes: list[str], code: str) -> bool:
    return any(c == code or c.startswith(f"{code}.") or code.startswith(f"{c}.") for c in codes or ())


def findings_for(user, filters: FindingFilters | None = None) -> QuerySet[Finding]:
    qs = restrict(Finding.objects.all(), user, READ).select_related(
        "plan__owner",
        "plan__cycle__programme",
        "activity__affair",
        "activity__plan__owner",
        "other_activity__affair",
        "other_activity__plan__owner",
        "regional_sub_activity__regional_plan__region",
        "regional_sub_activity__affair",
        "regional_sub_activity__location",
        "reviewed_by",
    )
    return (filters or FindingFilters()).apply(qs)


def finding_records():
    """Prefetches that show a finding's records side by side."""
    return (
        Prefetch(
            "activity__locations", queryset=ActivityLocation.objects.select_related("region").order_by("region__code")
        ),
        Prefetch(
            "other_activity__locations",
            queryset=ActivityLocation.objects.select_related("region").order_by("region__code"),
        ),
    )


@dataclass
class RegionGroup:
    code: str
    name: str
    findings: list[Finding] = field(default_factory=list)


@dataclass
class RuleGroup:
    rule: str
    category: str
    citation: str
    regions: list[RegionGroup] = field(default_factory=list)
    count: int = 0
    open_count: int = 0


def group_findings(findings: list[Finding], totals: Mapping[str, tuple[int, int]] | None = None) -> list[RuleGroup]:
    """By rule, then by the first region each finding touches. `totals`
    (rule → all, open) counts a rule's findings beyond the ones given, e.g.
    the other pages."""
    codes = {f.region_codes[0] for f in findings if f.region_codes}
    names = dict(Region.objects.filter(code__in=codes).values_list("code", "name")) if codes else {}
    groups: dict[str, RuleGroup] = {}
    for f in findings:
        group = groups.get(f.rule)
        if group is None:
            group = groups[f.rule] = RuleGroup(rule=f.rule, category=f.category, citation=f.citation)
        code = f.region_codes[0] if f.region_codes else NO_REGION
        region = next((r for r in group.regions if r.code == code), None)
        if region is None:
            region = RegionGroup(code=code, name=names.get(code, code))
            group.regions.append(region)
        region.findings.append(f)
        group.count += 1
        group.open_count += f.status == FindingStatus.OPEN
    for rule, (count, open_count) in (totals or {}).items():
        if rule in groups:
            groups[rule].count, groups[rule].open_count = count, open_count
    ordered = sorted(
        groups.values(), key=lambda g: (CATEGORIES.index(g.category) if g.category in CATEGORIES else 99, g.rule)
    )
    for group in ordered:
        group.regions.sort(key=lambda r: (r.code == NO_REGION, r.code))
    return ordered


def review_order(findings: QuerySet[Finding]) -> QuerySet[Finding]:
    """The order of the review page, so that pages cut the groups of
    `group_findings` (category, rule, first region) without mixing them."""
    category_rank = Case(
        *(When(category=c, then=Value(i)) for i, c in enumerate(CATEGORIES)),
        default=Value(len(CATEGORIES)),
        output_field=IntegerField(),
    )
    first_region = KeyTextTransform("0", "region_codes")
    return findings.order_by(category_rank, "rule", first_region.asc(nulls_last=True), "id")


def paginate(findings: QuerySet[Finding], number, *, count: int | None = None, per_page: int = PAGE_SIZE) -> Page:
    """One page of `findings`, evaluated. The page's ids are picked first
    from the narrow table and only those rows are read with their records:
    sorting every finding with its joined records costs more than both.
    `count` saves the COUNT query when an aggregate already knows it."""
    paginator = Paginator(findings.values_list("pk", flat=True), per_page)
    if count is not None:
        paginator.__dict__["count"] = count  # a cached_property on Paginator
    page = paginator.get_page(number)
    ids = list(page.object_list)
    rows = {f.pk: f for f in findings.filter(pk__in=ids).order_by()} if ids else {}
    page.object_list = [rows[pk] for pk in ids if pk in rows]
    return page


# --- the review workspace ---------------------------------------------------------
@dataclass
class Workspace:
    plan: Plan
    groups: list[RuleGroup]
    page: Page
    counts: dict[str, int]
    notes: list[ReviewNote]
    letters: list[Recommendation]
    runs: list[CheckRun]
    matrix: ReviewMatrix
    can_review: bool
    rules: list[str]
    decidable: int = 0  # findings under the filters a bulk decision may take (not resolved)

    @property
    def findings(self) -> list[Finding]:
        """The findings of this page."""
        return self.page.object_list


def may_review(user, plan: Plan) -> bool:
    """Whether `user` reviews this plan as its coordinator."""
    return can(user, COORDINATE, plan)


def _status_counts(rows: Iterable[tuple[str, int]]) -> dict[str, int]:
    counts: dict[str, int] = defaultdict(int)
    for status, n in rows:
        counts[status] += n
    counts["total"] = sum(counts.values())
    return dict(counts)


def finding_counts(user, plan: Plan) -> dict[str, int]:
    """The plan's findings by status, and their total."""
    rows = findings_for(user).filter(plan=plan).order_by().values_list("status").annotate(n=Count("pk"))
    return _status_counts(rows)


def _rule_counts(findings: QuerySet[Finding]) -> dict[tuple[str, str], int]:
    """(rule, status) → count, in one aggregate query."""
    rows = findings.order_by().values_list("rule", "status").annotate(n=Count("pk"))
    return {(rule, status): n for rule, status, n in rows}


def _rule_totals(by_rule: Mapping[tuple[str, str], int]) -> dict[str, tuple[int, int]]:
    totals: dict[str, tuple[int, int]] = {}
    for (rule, status), n in by_rule.items():
        count, open_count = totals.get(rule, (0, 0))
        totals[rule] = (count + n, open_count + (n if status == FindingStatus.OPEN else 0))
    return totals


def plan_workspace(user, plan: Plan, filters: FindingFilters | None = None, page=1) -> Workspace:
    """One page of the plan's findings under `filters`, grouped; the counters
    count every finding of the plan, the group headers every finding under
    the filters, all in the database."""
    filters = filters or FindingFilters()
    base = findings_for(user).filter(plan=plan)
    everything = _rule_counts(base)
    counts = _status_counts((status, n) for (_rule, status), n in everything.items())
    chosen = everything if filters == FindingFilters() else _rule_counts(filters.apply(base))
    totals = _rule_totals(chosen)
    shown = paginate(
        review_order(filters.apply(base)).prefetch_related(*finding_records()),
        page,
        count=sum(n for n, _open in totals.values()),
    )
    findings_evidence_for(user, shown.object_list)
    return Workspace(
        plan=plan,
        groups=group_findings(shown.object_list, totals),
        page=shown,
        counts=counts,
        notes=list(restrict(ReviewNote.objects.filter(plan=plan), user, READ).select_related("author")),
        letters=list(letters_for(user).filter(plan=plan)),
        runs=list(runs_for(user).filter(Q(plan=plan) | Q(cycle=plan.cycle_id))[:5]),
        matrix=review_matrix(user, plan),
        can_review=may_review(user, plan),
        rules=sorted({rule for rule, _status in everything}),
        decidable=sum(n for (_rule, status), n in chosen.items() if status != FindingStatus.RESOLVED),
    )


def finding_detail(user, pk: int) -> Finding:
    finding = findings_for(user).prefetch_related(*finding_records()).get(pk=pk)
    findings_evidence_for(user, [finding])
    return finding


def run_findings(user, run: CheckRun, filters: FindingFilters | None = None, page=1) -> Page:
    """One page of the findings a run found last, under `filters`, as
    `user` may see them."""
    findings = (filters or FindingFilters()).apply(findings_for(user).filter(last_run=run))
    shown = paginate(findings.order_by("severity", "rule", "id"), page)
    findings_evidence_for(user, shown.object_list)
    return shown


# --- runs, cycles, letters ---------------------------------------------------------
def runs_for(user) -> QuerySet[CheckRun]:
    return restrict(CheckRun.objects.all(), user, READ).select_related(
        "plan__owner", "cycle__programme", "started_by", "job"
    )


@dataclass
class CyclePlanRow:
    plan: Plan
    counts: dict[str, int]


@dataclass
class CycleOverview:
    cycle: Cycle
    rows: list[CyclePlanRow]
    by_category: list[tuple[str, int, int]]  # category, total, open
    cycle_findings: Page


def cycle_overview(user, cycle: Cycle, page=1) -> CycleOverview:
    findings = findings_for(user).filter(cycle=cycle)
    per_plan: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for plan_id, status, n in findings.order_by().values_list("plan_id", "status").annotate(n=Count("pk")):
        if plan_id is not None:
            per_plan[plan_id][status] += n
            per_plan[plan_id]["total"] += n
    plans = restrict(Plan.objects.filter(cycle=cycle), user, READ).select_related("owner").order_by("owner__code")
    rows = [CyclePlanRow(plan=p, counts=dict(per_plan.get(p.pk, {}))) for p in plans]
    by_category = []
    for category, total, open_n in (
        findings.order_by()
        .values_list("category")
        .annotate(total=Count("pk"), open=Count("pk", filter=Q(status=FindingStatus.OPEN)))
    ):
        by_category.append((category, total, open_n))
    by_category.sort(key=lambda c: CATEGORIES.index(c[0]) if c[0] in CATEGORIES else 99)
    cycle_findings = paginate(findings.filter(plan__isnull=True).order_by("severity", "rule", "id"), page)
    findings_evidence_for(user, cycle_findings.object_list)
    return CycleOverview(cycle=cycle, rows=rows, by_category=by_category, cycle_findings=cycle_findings)


def letters_for(user) -> QuerySet[Recommendation]:
    return restrict(Recommendation.objects.all(), user, READ).select_related(
        "plan__cycle__programme", "addressee", "issuer", "issued_by"
    )


def letter_points(user, letter: Recommendation) -> list[RecommendationPoint]:
    """The letter's points with the current status of each point's finding
    (resolved by a re-check, still open, …)."""
    return list(
        restrict(RecommendationPoint.objects.filter(recommendation=letter), user, READ)
        .select_related("finding", "responded_by")
        .order_by("position", "id")
    )


def point_status_summary(points: list[RecommendationPoint]) -> dict[str, int]:
    """How many points a re-check resolved, how many are still open, and how
    many came from notes (no finding to re-check)."""
    summary = {"resolved": 0, "open": 0, "note": 0}
    for p in points:
        if not p.finding_id:
            summary["note"] += 1
        elif p.finding.status == FindingStatus.RESOLVED:
            summary["resolved"] += 1
        else:
            summary["open"] += 1
    return summary


def review_plans(user) -> QuerySet[Plan]:
    """For the overview page: the plans the user reviews as coordinator, or
    (for everyone else) the readable plans that have findings."""
    if holds_any(user, COORDINATE, Plan):
        plans = restrict(Plan.objects.all(), user, COORDINATE)
    else:
        plans = restrict(Plan.objects.all(), user, READ).filter(findings__isnull=False).distinct()
    return (
        plans.select_related("owner", "cycle__programme")
        .annotate(
            finding_total=Count("findings", distinct=True),
            finding_open=Count("findings", filter=Q(findings__status=FindingStatus.OPEN), distinct=True),
        )
        .order_by("-cycle__year", "cycle__programme__code", "owner__code")
    )


def can_write(user, obj) -> bool:
    return can(user, WRITE, obj)
