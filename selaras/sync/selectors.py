"""Reads for the synchronisation pages and API: findings grouped for review,
the review workspace of one plan, the region × affair matrix, check runs,
cycle overviews and letters. Every read starts from `restrict`."""

from __future__ import annotations

import re
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
from django.utils import translation
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from selaras.core.access import READ, WRITE, can, holds_any, restrict
from selaras.plans.models import Activity, ActivityLocation, Cycle, Plan, RegionalSubActivity
from selaras.plans.policies import COORDINATE
from selaras.registry.models import Region
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


# --- what one reader sees of a finding ----------------------------------------------
# A finding is read with its plan, but its other side (another agency's
# activity, a region's own sub-activity, activities listed as evidence) has
# readers of its own. Pages, API and letters take a finding's message,
# evidence and other side only from here.

# Evidence about the finding's own activity and place; any other key may
# describe the other side.
OWN_EVIDENCE = ("text_a", "owner_a", "score", "regions", "year")


@dataclass(frozen=True)
class FindingEvidence:
    """A finding as one reader may see it. `hidden_other` describes, without
    its details, an other side the reader may not read ("" when none)."""

    message_id: str
    message_en: str
    evidence: dict
    other_activity: Activity | None = None
    regional_sub_activity: RegionalSubActivity | None = None
    hidden_other: str = ""

    @property
    def message(self) -> str:
        lang = (get_language() or "id")[:2]
        return self.message_en if lang == "en" and self.message_en else self.message_id


def _user_key(user) -> int | None:
    return getattr(user, "pk", None) if getattr(user, "is_authenticated", False) else None


def _place_phrase(codes: list[str]) -> str:
    depth = min((len(c.split(".")) for c in codes), default=0)
    return {
        1: _("di provinsi yang sama"),
        2: _("di kabupaten/kota yang sama"),
        3: _("di kecamatan yang sama"),
    }.get(depth, _("di desa/kelurahan yang sama") if depth >= 4 else _("di wilayah yang sama"))


def _hidden_description(finding: Finding) -> str:
    place = _place_phrase(finding.region_codes or [])
    if finding.regional_sub_activity_id:
        return _("Sebuah sub kegiatan pemerintah daerah %(place)s, tahun yang sama.") % {"place": place}
    return _("Sebuah kegiatan instansi lain %(place)s, tahun yang sama.") % {"place": place}


def _hidden_messages(finding: Finding) -> tuple[str, str]:
    """The message without the other side: composed by the rule from its
    structured evidence, or else the rule's title and the description."""
    from selaras.sync.rules.base import all_rules

    rule = all_rules().get(finding.rule)
    compose = getattr(rule, "compose_message", None)
    if compose is not None:
        try:
            return compose(finding.evidence, "id", hidden=True), compose(finding.evidence, "en", hidden=True)
        except (KeyError, TypeError, ValueError):
            pass  # evidence of an older shape: fall back below
    with translation.override("id"):
        text_id = _hidden_description(finding)
    with translation.override("en"):
        text_en = _hidden_description(finding)
    title_id, title_en = getattr(rule, "title_id", ""), getattr(rule, "title_en", "")
    return (f"{title_id}: {text_id}" if title_id else text_id), (f"{title_en}: {text_en}" if title_en else text_en)


def _listed_uids(finding: Finding) -> list[str]:
    rows = finding.evidence.get("activities") if isinstance(finding.evidence, dict) else None
    return [str(row["uid"]) for row in rows or () if isinstance(row, dict) and row.get("uid")]


def findings_evidence_for(user, findings: Iterable[Finding]) -> None:
    """Work out, in a few queries, what `user` sees of each finding; kept on
    the finding for `finding_evidence_for`."""
    findings = [f for f in findings if _cached(user, f) is None]
    if not findings:
        return
    activity_ids = {f.other_activity_id for f in findings if f.other_activity_id}
    sub_ids = {f.regional_sub_activity_id for f in findings if f.regional_sub_activity_id}
    uids = {uid for f in findings for uid in _listed_uids(f)}
    activities = restrict(Activity.objects.all(), user, READ)
    readable_ids = set(activities.filter(pk__in=activity_ids).values_list("pk", flat=True)) if activity_ids else set()
    readable_subs = (
        set(restrict(RegionalSubActivity.objects.filter(pk__in=sub_ids), user, READ).values_list("pk", flat=True))
        if sub_ids
        else set()
    )
    readable_uids = {str(u) for u in activities.filter(uid__in=uids).values_list("uid", flat=True)} if uids else set()
    for f in findings:
        shown = _evidence(f, readable_ids, readable_subs, readable_uids)
        cache = f.__dict__.setdefault("_evidence_for", {})
        cache[_user_key(user)] = shown


def _cached(user, finding: Finding) -> FindingEvidence | None:
    return finding.__dict__.get("_evidence_for", {}).get(_user_key(user))


def _evidence(f: Finding, readable_ids: set[int], readable_subs: set[int], readable_uids: set[str]) -> FindingEvidence:
    evidence = dict(f.evidence) if isinstance(f.evidence, dict) else {}
    if "activities" in evidence and isinstance(evidence["activities"], list):
        evidence["activities"] = [
            row if str(row.get("uid")) in readable_uids else {"agency": row.get("agency", "")}
            for row in evidence["activities"]
            if isinstance(row, dict)
        ]
    hidden = (f.other_activity_id and f.other_activity_id not in readable_ids) or (
        f.regional_sub_activity_id and f.regional_sub_activity_id not in readable_subs
    )
    if not hidden:
        return FindingEvidence(
            message_id=f.message_id,
            message_en=f.message_en,
            evidence=evidence,
            other_activity=f.other_activity if f.other_activity_id else None,
            regional_sub_activity=f.regional_sub_activity if f.regional_sub_activity_id else None,
        )
    message_id, message_en = _hidden_messages(f)
    return FindingEvidence(
        message_id=message_id,
        message_en=message_en,
        evidence={k: v for k, v in evidence.items() if k in OWN_EVIDENCE},
        hidden_other=_hidden_description(f),
    )


def finding_evidence_for(user, finding: Finding) -> FindingEvidence:
    """What `user` sees of this finding: its other side only as far as they
    may read it. `user=None` sees no other side at all (a letter's automatic
    text)."""
    shown = _cached(user, finding)
    if shown is None:
        findings_evidence_for(user, [finding])
        shown = _cached(user, finding)
    return shown


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
@dataclass(slots=True)
class MatrixCell:
    activities: int = 0
    open_findings: int = 0


@dataclass
class MatrixRow:
    code: str
    name: str
    cells: list[MatrixCell]


@dataclass
class ReviewMatrix:
    affairs: list[tuple[str, str]]  # (code, name) of the bidang urusan
    rows: list[MatrixRow]


def _ancestors(code: str) -> list[str]:
    """ "33.01.02" → ["33", "33.01", "33.01.02"]."""
    parts = code.split(".")
    return [".".join(parts[: i + 1]) for i in range(len(parts))]


def _field_code(code: str) -> str:
    return ".".join(code.split(".")[:2]) if code else ""


def review_matrix(user, plan: Plan) -> ReviewMatrix:
    """Rows: the regions the plan's activities land in; columns: the fields
    of affair (bidang urusan) planned there by any readable plan of the same
    year; cells: activities, and open findings of this plan."""
    plan_locations = (
        ActivityLocation.objects.filter(activity__plan=plan).select_related("region").order_by("region__code")
    )
    regions = {loc.region.code: loc.region.name for loc in plan_locations}
    if not regions:
        return ReviewMatrix(affairs=[], rows=[])
    # A row inside another row adds nothing to the filter: fewer OR terms.
    outer = [c for c in regions if not any(a in regions for a in _ancestors(c)[:-1])]
    # one pattern, not two terms per row: a plan in 90 places compiled 180
    places = "|".join(re.escape(c) for c in sorted(outer))
    within = Q(region__code__regex=rf"^({places})(\.|$)")
    readable = restrict(Plan.objects.filter(cycle__year=plan.cycle.year), user, READ).values("pk")
    located = (
        ActivityLocation.objects.filter(within, activity__plan_id__in=readable)
        # no default ordering: its joins would widen the DISTINCT
        .order_by()
        .values_list("region__code", "activity_id", "activity__affair__code")
        .distinct()
    )
    counts: dict[tuple[str, str], set[int]] = defaultdict(set)
    fields: set[str] = set()
    for region_code, activity_id, affair_code in located:
        fcode = _field_code(affair_code or "")
        fields.add(fcode)
        # the rows holding this place: the place or its ancestors (a
        # look-up per ancestor, not a scan of every row)
        for row_code in _ancestors(region_code):
            if row_code in regions:
                counts[(row_code, fcode)].add(activity_id)
    open_counts: dict[tuple[str, str], int] = defaultdict(int)
    # counted in the database: a plan's open findings share a few places
    open_findings = (
        findings_for(user)
        .filter(plan=plan, status=FindingStatus.OPEN, activity__isnull=False)
        .order_by()
        .values_list("region_codes", "activity__affair__code")
        .annotate(n=Count("pk"))
    )
    below: dict[str, list[str]] = defaultdict(list)  # a region → the rows inside it
    for row_code in regions:
        for ancestor in _ancestors(row_code)[:-1]:
            below[ancestor].append(row_code)
    for region_codes, affair_code, n in open_findings:
        fcode = _field_code(affair_code or "")
        touched = set()  # the rows `_touches` would match, by look-up
        for code in region_codes or ():
            touched.update(a for a in _ancestors(code) if a in regions)
            touched.update(below.get(code, ()))
        for row_code in touched:
            open_counts[(row_code, fcode)] += n
    from selaras.registry.models import Affair

    names = dict(Affair.objects.filter(code__in=[c for c in fields if c]).values_list("code", "name"))
    affairs = sorted(((c, names.get(c, c) if c else "—") for c in fields), key=lambda a: (a[0] == "", a[0]))
    rows = [
        MatrixRow(
            code=code,
            name=name,
            cells=[MatrixCell(len(counts[(code, a)]), open_counts[(code, a)]) for a, _ in affairs],
        )
        for code, name in regions.items()
    ]
    return ReviewMatrix(affairs=affairs, rows=rows)


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
