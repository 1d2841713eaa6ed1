"""Reads of plans for pages and the API: the plan list with its totals, the
regional matrix (what every agency plans in one region and year) and an
agency's page. Every read starts from `restrict`, so nothing outside the
user's scope is ever returned."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property

from django.db.models import Count, DecimalField, IntegerField, OuterRef, Q, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.urls import reverse

from selaras.core.access import READ, agency_subtree_ids, restrict
from selaras.plans.models import Activity, ActivityLocation, FundingSource, Plan, PlanStatus, PlanTransition
from selaras.registry.models import Agency, Region

_MONEY = DecimalField(max_digits=20, decimal_places=2)


def within_q(lookup: str, code: str) -> Q:
    """Records whose region (or agency) code at `lookup` is `code` or below it."""
    return Q(**{lookup: code}) | Q(**{f"{lookup}__startswith": f"{code}."})


@dataclass(frozen=True)
class PlanFilters:
    """The filters of the plan list. Empty means "any"."""

    programme: str = ""  # programme code
    year: int | None = None
    owner: str = ""  # agency code; its units' plans are included
    status: str = ""
    region: str = ""  # region code: plans with a location in it or below
    affair: str = ""  # affair code: plans with an activity of that affair or below
    q: str = ""

    @classmethod
    def from_params(cls, params: Mapping[str, str]) -> PlanFilters:
        """Build from query parameters; raises ValueError naming the bad one."""
        year_raw = (params.get("year") or "").strip()
        year = None
        if year_raw:
            try:
                year = int(year_raw)
            except ValueError:
                raise ValueError("year") from None
        status = (params.get("status") or "").strip()
        if status and status not in PlanStatus.values:
            raise ValueError("status")
        return cls(
            programme=(params.get("programme") or "").strip(),
            year=year,
            owner=(params.get("owner") or "").strip(),
            status=status,
            region=(params.get("region") or "").strip(),
            affair=(params.get("affair") or "").strip(),
            q=(params.get("q") or "").strip(),
        )


def with_totals(plans: QuerySet[Plan]) -> QuerySet[Plan]:
    """Annotate `budget_total` and `activity_count` with subqueries, so the
    totals stay right whatever joins the filters add."""
    activities = Activity.objects.filter(plan=OuterRef("pk")).order_by().values("plan")
    return plans.annotate(
        budget_total=Coalesce(
            Subquery(activities.annotate(s=Sum("budget")).values("s")[:1], output_field=_MONEY),
            Value(Decimal("0")),
            output_field=_MONEY,
        ),
        activity_count=Coalesce(
            Subquery(activities.annotate(c=Count("pk")).values("c")[:1], output_field=IntegerField()),
            Value(0),
        ),
    )


def plans_for(user, filters: PlanFilters | None = None) -> QuerySet[Plan]:
    """The plans `user` may read, filtered, with totals, ready to list."""
    f = filters or PlanFilters()
    plans = restrict(Plan.objects.all(), user, READ)
    if f.programme:
        plans = plans.filter(cycle__programme__code=f.programme)
    if f.year is not None:
        plans = plans.filter(cycle__year=f.year)
    if f.owner:
        roots = set(Agency.objects.filter(code=f.owner).values_list("pk", flat=True))
        plans = plans.filter(owner_id__in=agency_subtree_ids(roots))
    if f.status:
        plans = plans.filter(status=f.status)
    if f.region:
        located = ActivityLocation.objects.filter(within_q("region__code", f.region)).values("activity__plan_id")
        plans = plans.filter(pk__in=located)
    if f.affair:
        of_affair = Activity.objects.filter(within_q("affair__code", f.affair)).values("plan_id")
        plans = plans.filter(pk__in=of_affair)
    if f.q:
        matching = Activity.objects.filter(Q(title__icontains=f.q) | Q(code__icontains=f.q)).values("plan_id")
        plans = plans.filter(
            Q(title__icontains=f.q)
            | Q(owner__name__icontains=f.q)
            | Q(owner__short_name__icontains=f.q)
            | Q(cycle__programme__name__icontains=f.q)
            | Q(pk__in=matching)
        )
    return with_totals(plans.select_related("cycle__programme", "owner")).order_by(*Plan._meta.ordering)


# --- the regional matrix -------------------------------------------------------
@dataclass
class MatrixLocation:
    code: str
    name: str
    level: str
    budget: Decimal


@dataclass
class MatrixPlan:
    """What a matrix row needs of its plan (the matrix reads plain values,
    not whole records: a province holds thousands of rows)."""

    pk: int
    status: str

    @cached_property
    def url(self) -> str:
        return reverse("plans:plan_detail", args=[self.pk])


@dataclass
class MatrixActivity:
    pk: int
    code: str
    title: str
    q1: bool
    q2: bool
    q3: bool
    q4: bool

    @property
    def quarters(self) -> list[int]:
        return [n for n, on in enumerate((self.q1, self.q2, self.q3, self.q4), start=1) if on]


@dataclass
class MatrixRow:
    """One activity of one agency, as it lands in the region."""

    agency: Agency
    plan: MatrixPlan
    activity: MatrixActivity
    affair_code: str
    affair_name: str
    funding_source: str
    funding_source_label: str
    locations: list[MatrixLocation]
    budget_in_region: Decimal
    status: str
    status_label: str
    agency_url: str = ""


@dataclass
class RegionMatrix:
    region: Region
    year: int
    rows: list[MatrixRow] = field(default_factory=list)
    total_budget: Decimal = Decimal("0")
    agency_count: int = 0
    activity_count: int = 0
    budget_by_affair: dict[str, Decimal] = field(default_factory=dict)


_MATRIX_FIELDS = (
    "activity_id",
    "activity__code",
    "activity__title",
    "activity__q1",
    "activity__q2",
    "activity__q3",
    "activity__q4",
    "activity__funding_source",
    "activity__affair__code",
    "activity__affair__name",
    "activity__plan_id",
    "activity__plan__status",
    "activity__plan__owner_id",
    "region__code",
    "region__name",
    "region__level",
    "budget",
)
# The owner comes whole in the same query (pages and exports use any of its fields).
_OWNER_FIELDS = tuple(f.attname for f in Agency._meta.concrete_fields)


def region_matrix(user, region: Region | str, year: int) -> RegionMatrix:
    """Every activity of every agency planned in `region` (and below) for
    `year`, from the plans `user` may read, ordered by affair then agency.
    A row's budget is the share of its locations inside the region."""
    if isinstance(region, str):
        region = Region.objects.get(code=region)
    readable = restrict(Plan.objects.filter(cycle__year=year), user, READ).values("pk")
    locations = (
        ActivityLocation.objects.filter(within_q("region__code", region.code), activity__plan_id__in=readable)
        .order_by(
            Coalesce("activity__affair__code", Value("~")),
            "activity__plan__owner__code",
            "activity__plan__cycle__programme__code",
            "activity__position",
            "activity_id",
            "region__code",
        )
        .values_list(*_MATRIX_FIELDS, *(f"activity__plan__owner__{name}" for name in _OWNER_FIELDS))
    )
    # Labels once per value, not once per row: a lazy choice label costs a
    # translation lookup each time it is read.
    status_labels = {value: str(label) for value, label in PlanStatus.choices}
    funding_labels = {value: str(label) for value, label in FundingSource.choices}
    matrix = RegionMatrix(region=region, year=year)
    by_activity: dict[int, MatrixRow] = {}
    plans: dict[int, MatrixPlan] = {}
    owners: dict[int, tuple[Agency, str]] = {}
    width = len(_MATRIX_FIELDS)
    for values in locations:
        (
            activity_id, code, title, q1, q2, q3, q4, funding, affair_code, affair_name,
            plan_id, status, owner_id, region_code, region_name, region_level, budget,
        ) = values[:width]  # fmt: skip
        row = by_activity.get(activity_id)
        if row is None:
            plan = plans.get(plan_id)
            if plan is None:
                plan = plans[plan_id] = MatrixPlan(plan_id, status)
            owner = owners.get(owner_id)
            if owner is None:
                agency = Agency.from_db(locations.db, _OWNER_FIELDS, values[width:])
                owner = owners[owner_id] = (agency, reverse("plans:agency_plans", args=[agency.code]))
            row = MatrixRow(
                agency=owner[0],
                agency_url=owner[1],
                plan=plan,
                activity=MatrixActivity(activity_id, code, title, q1, q2, q3, q4),
                affair_code=affair_code or "",
                affair_name=affair_name or "",
                funding_source=funding,
                funding_source_label=funding_labels.get(funding, funding),
                locations=[],
                budget_in_region=Decimal("0"),
                status=status,
                status_label=status_labels.get(status, status),
            )
            by_activity[activity_id] = row
            matrix.rows.append(row)
        row.locations.append(MatrixLocation(region_code, region_name, region_level, budget))
        row.budget_in_region += budget
    for row in matrix.rows:
        matrix.total_budget += row.budget_in_region
        matrix.budget_by_affair[row.affair_code] = (
            matrix.budget_by_affair.get(row.affair_code, Decimal("0")) + row.budget_in_region
        )
    matrix.activity_count = len(matrix.rows)
    matrix.agency_count = len(owners)
    return matrix


# --- an agency's page ------------------------------------------------------------
@dataclass
class AgencyPlans:
    agency: Agency
    plans: list[Plan]
    budget_total: Decimal
    activity_count: int
    budget_by_province: list[tuple[str, str, Decimal]]  # (code, name, budget)


def agency_plans(user, agency: Agency) -> AgencyPlans:
    """The plans of `agency` and its units that `user` may read, newest
    cycle first, with totals and where the money lands by province."""
    plans = list(
        with_totals(restrict(Plan.objects.filter(owner_id__in=agency_subtree_ids({agency.pk})), user, READ))
        .select_related("cycle__programme", "owner")
        .order_by("-cycle__year", "cycle__programme__code", "owner__code")
    )
    plan_ids = [p.pk for p in plans]
    by_province: dict[str, Decimal] = {}
    rows = (
        ActivityLocation.objects.filter(activity__plan_id__in=plan_ids)
        .values_list("region__code")
        .annotate(total=Sum("budget"))
        .order_by()
    )
    for code, total in rows:
        province = code.split(".")[0]
        by_province[province] = by_province.get(province, Decimal("0")) + (total or Decimal("0"))
    names = dict(Region.objects.filter(code__in=by_province).values_list("code", "name"))
    return AgencyPlans(
        agency=agency,
        plans=plans,
        budget_total=sum((p.budget_total for p in plans), Decimal("0")),
        activity_count=sum(p.activity_count for p in plans),
        budget_by_province=[(c, names.get(c, c), by_province[c]) for c in sorted(by_province)],
    )


def return_reason(user, plan: Plan) -> PlanTransition | None:
    """Why a returned plan was sent back: its last "return" transition (who,
    when, the comment), or None when the plan is not returned now."""
    if plan.status != PlanStatus.RETURNED:
        return None
    returns = restrict(PlanTransition.objects.filter(plan=plan, action="return"), user, READ)
    return returns.select_related("by").order_by("-at", "-id").first()
