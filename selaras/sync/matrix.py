"""The review workspace's region × field-of-affair matrix of one plan."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, Q
from django.db.models.functions import Left

from selaras.core.access import READ, restrict
from selaras.plans.models import ActivityLocation, Plan
from selaras.registry.models import Affair, Region
from selaras.sync.models import FindingStatus


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
    # The plan's places, and whether the rows are their provinces instead
    places: int = 0
    by_province: bool = False


# Above this many places a plan's rows are its provinces: a ministry's plan
# across four hundred kabupaten/kota is read by province, each row leading to
# that province's own matrix, not as a table four hundred rows long.
MAX_PLACE_ROWS = 60


def _ancestors(code: str) -> list[str]:
    """ "33.01.02" → ["33", "33.01", "33.01.02"]."""
    parts = code.split(".")
    return [".".join(parts[: i + 1]) for i in range(len(parts))]


def _field_code(code: str) -> str:
    return ".".join(code.split(".")[:2]) if code else ""


def review_matrix(user, plan: Plan) -> ReviewMatrix:
    """Rows: the regions the plan's activities land in (their provinces when
    there are more than `MAX_PLACE_ROWS`); columns: the fields of affair
    (bidang urusan) planned there by any readable plan of the same year;
    cells: activities, and open findings of this plan."""
    from selaras.sync.selectors import findings_for  # selectors imports this module

    regions = dict(
        ActivityLocation.objects.filter(activity__plan=plan)
        .order_by("region__code")
        .values_list("region__code", "region__name")
        .distinct()
    )
    if not regions:
        return ReviewMatrix(affairs=[], rows=[])
    place_count, by_province = len(regions), len(regions) > MAX_PLACE_ROWS
    if by_province:
        provinces = sorted({code.split(".")[0] for code in regions})
        names = dict(Region.objects.filter(code__in=provinces).values_list("code", "name"))
        regions = {code: names.get(code, code) for code in provinces}
    # A row inside another row adds nothing to the filter: fewer OR terms.
    outer = [c for c in regions if not any(a in regions for a in _ancestors(c)[:-1])]
    # one pattern, not two terms per row: a plan in 90 places compiled 180
    places = "|".join(re.escape(c) for c in sorted(outer))
    within = Q(region__code__regex=rf"^({places})(\.|$)")
    readable = restrict(Plan.objects.filter(cycle__year=plan.cycle.year), user, READ).values("pk")
    located = ActivityLocation.objects.filter(within, activity__plan_id__in=readable).order_by()
    field_of = {pk: _field_code(code) for pk, code in Affair.objects.values_list("pk", "code")}
    counts: dict[tuple[str, str], int] = defaultdict(int)
    fields: set[str] = set()
    # Counted in the database, one grouped query per level of the rows (a
    # row's code is the first characters of the codes of every place inside
    # it): a plan across the country meets tens of thousands of located
    # activities, a few thousand (row, affair) counts. An activity has one
    # affair, so its field's count is the sum of its affairs'.
    by_length: dict[int, list[str]] = defaultdict(list)
    for code in regions:
        by_length[len(code)].append(code)
    for length, codes in by_length.items():
        grouped = (
            located.annotate(row=Left("region__code", length))
            .filter(row__in=codes)
            .values_list("row", "activity__affair_id")
            .annotate(n=Count("activity_id", distinct=True))
        )
        for row_code, affair_id, n in grouped:
            fcode = field_of.get(affair_id, "")
            fields.add(fcode)
            counts[(row_code, fcode)] += n
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
    names = dict(Affair.objects.filter(code__in=[c for c in fields if c]).values_list("code", "name"))
    affairs = sorted(((c, names.get(c, c) if c else "—") for c in fields), key=lambda a: (a[0] == "", a[0]))
    rows = [
        MatrixRow(
            code=code,
            name=name,
            cells=[MatrixCell(counts[(code, a)], open_counts[(code, a)]) for a, _ in affairs],
        )
        for code, name in regions.items()
    ]
    return ReviewMatrix(affairs=affairs, rows=rows, places=place_count, by_province=by_province)
