"""What a check run looks at: the subject activities in its scope and the
records rules compare them against, loaded once with bounded queries."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import NamedTuple

from django.db.models import Count, Max, Q

from selaras.plans.models import Activity, ActivityLocation, Cycle, Plan, PlanStatus, RegionalSubActivity
from selaras.registry.models import AuthorityRule
from selaras.sync.models import CheckRun, RunScope

# Prefetched rather than joined: a national shard reads thousands of
# activities sharing a few hundred plans, affairs and agencies, and a join
# builds each of them again for every row (a third of the loading time).
ACTIVITY_PREFETCH = (
    "plan__cycle__programme__loci",
    "plan__owner",
    "affair__parent",
    "recipient__region",
    "implementing_agency",
    "authority_item__affair",
    "locations__region",
    "indicators",
    "targets__framework",
    "targets__affairs",
)


class SubActivityRow(NamedTuple):
    """A region's own sub-activity as the duplication rule reads it."""

    pk: int
    code: str
    name: str
    region: str  # where it takes place: its location, else its plan's region
    plan_region_id: int
    plan_region: str  # the region whose own plan it is


@dataclass
class PeerRow:
    """An activity as the central duplication rule compares against it."""

    pk: int
    uid: str
    title: str
    owner_id: int
    owner: str
    regions: set[str]


def activities_qs():
    return Activity.objects.prefetch_related(*ACTIVITY_PREFETCH)


@dataclass
class CheckContext:
    run: CheckRun
    progress: Callable[[int, int, str], None] = field(default=lambda done, total, message: None)
    # A shard of a national run (`selaras.sync.shards`): its subjects are the
    # activities whose first province is this one (and, for the shard that
    # `takes_rest`, those without a location); what is compared is read for
    # this province only. None: the whole scope.
    province: str | None = None
    takes_rest: bool = False

    # --- scope ---------------------------------------------------------------
    @cached_property
    def plans(self) -> list[Plan]:
        qs = Plan.objects.select_related("cycle__programme", "owner")
        if self.run.scope == RunScope.PLAN:
            return list(qs.filter(pk=self.run.plan_id))
        # Cycle and national runs look at submitted plans only: a draft is the
        # owner's private work until it is submitted.
        qs = qs.exclude(status=PlanStatus.DRAFT)
        if self.run.scope == RunScope.CYCLE:
            return list(qs.filter(cycle_id=self.run.cycle_id))
        return list(qs.filter(cycle__year=self.run.year))

    @cached_property
    def cycles(self) -> list[Cycle]:
        if self.run.scope == RunScope.CYCLE:
            return [self.run.cycle]
        if self.run.scope == RunScope.NATIONAL:
            return list(
                Cycle.objects.filter(year=self.run.year).select_related("programme").prefetch_related("programme__loci")
            )
        return []

    @cached_property
    def activities(self) -> list[Activity]:
        qs = activities_qs().filter(plan__in=[p.pk for p in self.plans])
        if self.province is not None:
            qs = qs.filter(pk__in=self._home_ids)
        return list(qs.order_by("plan_id", "position", "id"))

    @cached_property
    def screened_activities(self) -> list[Activity]:
        """The subjects of the duplication rules: in a shard, every activity
        with a place in its province (its findings there are the shard's)."""
        if self.province is None:
            return self.activities
        located = set(
            ActivityLocation.objects.filter(
                Q(region__code=self.province) | Q(region__code__startswith=f"{self.province}."),
                activity__plan__in=[p.pk for p in self.plans],
            ).values_list("activity_id", flat=True)
        )
        # most are the shard's own subjects, already read
        loaded = {a.pk: a for a in self.activities if a.pk in located}
        rest = list(activities_qs().filter(pk__in=located - loaded.keys()))
        return sorted([*loaded.values(), *rest], key=lambda a: (a.plan_id, a.position, a.pk))

    @cached_property
    def _home_ids(self) -> set[int]:
        plan_ids = [p.pk for p in self.plans]
        home = home_provinces(plan_ids)
        ids = {pk for pk, prov in home.items() if prov == self.province}
        if self.takes_rest:
            every = Activity.objects.filter(plan__in=plan_ids).values_list("pk", flat=True)
            ids |= {pk for pk in every.iterator(chunk_size=10000) if pk not in home}
        return ids

    def _outside(self, province: str) -> bool:
        return self.province is not None and province != self.province

    @cached_property
    def years(self) -> set[int]:
        years = {p.cycle.year for p in self.plans}
        if self.run.year:
            years.add(self.run.year)
        return years

    # --- what subjects are compared against ------------------------------------
    @cached_property
    def peer_activities(self) -> list[Activity]:
        """Submitted activities of every agency in the same years (drafts of
        other agencies are never compared: they are not shared yet)."""
        subject_ids = {a.pk for a in self.activities}
        peers = list(
            activities_qs()
            .filter(plan__cycle__year__in=self.years)
            .exclude(plan__status=PlanStatus.DRAFT)
            .exclude(pk__in=subject_ids)
        )
        return self.activities + peers

    def regional_sub_activity_rows(self, year: int, province: str) -> Iterator[SubActivityRow]:
        """A province's own budgeted sub-activities in `year` (its own plan and
        its kabupaten/kota's), read as plain rows, streamed: a country holds
        a million of them, too many to build as records."""
        if self._outside(province):
            return
        qs = (
            RegionalSubActivity.objects.filter(regional_plan__year=year)
            .filter(Q(regional_plan__region__code=province) | Q(regional_plan__region__code__startswith=f"{province}."))
            .order_by()
            .values_list(
                "pk", "code", "name", "location__code", "regional_plan__region_id", "regional_plan__region__code"
            )
        )
        for pk, code, name, location, region_id, region_code in qs.iterator(chunk_size=5000):
            yield SubActivityRow(pk, code, name, location or region_code, region_id, region_code)

    def peer_activity_rows(self, year: int, province: str) -> list[PeerRow]:
        """Activities of `year` located in a province that the subjects are
        compared against: the subjects themselves and every other submitted
        plan's (drafts of other agencies are never compared), read as plain
        rows, one per activity with its region codes there."""
        if self._outside(province):
            return []
        # a draft subject (its owner checking it) is read beside the shared plans
        drafts = [a.pk for a in self.activities if a.plan.cycle.year == year and a.plan.status == PlanStatus.DRAFT]
        in_province = Q(region__code=province) | Q(region__code__startswith=f"{province}.")
        shared = Q(activity__plan__cycle__year=year) & ~Q(activity__plan__status=PlanStatus.DRAFT)
        qs = (
            ActivityLocation.objects.filter(in_province)
            .filter(shared | Q(activity_id__in=drafts))
            .order_by("activity_id")
            .values_list(
                "activity_id",
                "region__code",
                "activity__uid",
                "activity__title",
                "activity__plan__owner_id",
                "activity__plan__owner__name",
            )
        )
        rows: dict[int, PeerRow] = {}
        for pk, code, uid, title, owner_id, owner_name in qs.iterator(chunk_size=5000):
            row = rows.get(pk)
            if row is None:
                row = rows[pk] = PeerRow(pk, str(uid), title, owner_id, owner_name, set())
            row.regions.add(code)
        return list(rows.values())

    @cached_property
    def authority(self) -> dict[str, dict[str, list[AuthorityRule]]]:
        """Authority matrix: affair code → level → rules."""
        return authority_matrix()[0]

    @cached_property
    def item_index(self):
        """The matrix items, indexed for inferring an activity's item."""
        return authority_matrix()[1]


# The matrix and its item index, kept by the process while the matrix is
# unchanged: every shard of a national run, and every run a worker takes,
# would otherwise read and index the same few hundred items again.
_MATRIX: dict[str, object] = {}


def authority_matrix():
    """(affair code → level → rules, their item index), rebuilt only when an
    item or an affair changed (an edit bumps `updated_at`, an added or
    removed row the count and the largest id)."""
    from selaras.registry.models import Affair
    from selaras.sync.authority.matcher import ItemIndex

    stamp = lambda qs: tuple(qs.aggregate(n=Count("pk"), top=Max("pk"), last=Max("updated_at")).values())  # noqa: E731
    key = (stamp(AuthorityRule.objects.all()), stamp(Affair.objects.all()))
    if _MATRIX.get("key") != key:
        table: dict[str, dict[str, list[AuthorityRule]]] = defaultdict(lambda: defaultdict(list))
        for rule in AuthorityRule.objects.select_related("affair"):
            table[rule.affair.code][rule.level].append(rule)
        index = ItemIndex.build(rule for rows in table.values() for level in rows.values() for rule in level)
        _MATRIX.update(key=key, value=(table, index))
    return _MATRIX["value"]


def home_provinces(plan_ids: list[int]) -> dict[int, str]:
    """Each located activity of these plans by its first province (the
    lowest code): the shard of a national run that checks it."""
    home: dict[int, str] = {}
    rows = (
        ActivityLocation.objects.filter(activity__plan__in=plan_ids)
        .order_by()
        .values_list("activity_id", "region__code")
    )
    for pk, code in rows.iterator(chunk_size=10000):
        prov = code.split(".")[0]
        if pk not in home or prov < home[pk]:
            home[pk] = prov
    return home


def activity_regions(activity: Activity) -> set[str]:
    return {loc.region.code for loc in activity.locations.all()}


def overlaps(codes_a: set[str], codes_b: set[str]) -> set[str]:
    """Codes of `codes_a` overlapping `codes_b` (same region, or one inside the other)."""
    shared = set()
    for a in codes_a:
        for b in codes_b:
            if a == b or a.startswith(f"{b}.") or b.startswith(f"{a}."):
                shared.add(a if len(a) >= len(b) else b)
    return shared
