"""Reads of reference data. Reference data is public to read, but every
read still goes through the one permission layer."""

from __future__ import annotations

from django.db.models import QuerySet

from selaras.core.access import READ, restrict
from selaras.registry.models import (
    Affair,
    AffairLevel,
    Agency,
    AuthorityRule,
    DevelopmentTarget,
    Region,
    RegionLevel,
)


def region_list(
    *, user, level: str | None = None, within: str | None = None, include_retired: bool = False
) -> QuerySet[Region]:
    """Regions, optionally of one level and inside one region; current ones
    unless `include_retired`."""
    qs = restrict(Region.objects.all(), user, READ)
    if not include_retired:
        qs = qs.current()
    if level:
        qs = qs.filter(level=level)
    if within:
        qs = qs.within(within).exclude(code=within)
    return qs.select_related("parent")


def region_children(*, user, region: Region | None) -> QuerySet[Region]:
    """The current regions directly below `region` (provinces for None)."""
    qs = restrict(Region.objects.current(), user, READ)
    if region is None:
        return qs.filter(level=RegionLevel.PROVINCE)
    return qs.filter(parent=region)


def agency_list(*, user, kind: str | None = None, year: int | None = None) -> QuerySet[Agency]:
    """Agencies, optionally of one kind and valid in one year."""
    qs = restrict(Agency.objects.all(), user, READ)
    if kind:
        qs = qs.filter(kind=kind)
    if year:
        qs = qs.valid_in(year)
    return qs.select_related("parent", "region")


def agency_for_region(*, user, region: Region) -> Agency | None:
    """The regional government of a province or kabupaten/kota."""
    return restrict(Agency.objects.filter(code=f"pemda.{region.code}"), user, READ).first()


def affair_list(*, user, level: str | None = None, parent: Affair | None = None) -> QuerySet[Affair]:
    qs = restrict(Affair.objects.all(), user, READ)
    if level:
        qs = qs.filter(level=level)
    if parent is not None:
        qs = qs.filter(parent=parent)
    return qs.select_related("parent")


def authority_rules_for(*, user, affair: Affair) -> QuerySet[AuthorityRule]:
    """The annex items of a sub urusan, or of every sub urusan of a field."""
    qs = restrict(AuthorityRule.objects.all(), user, READ)
    if affair.level == AffairLevel.SUB:
        return qs.filter(affair=affair)
    return qs.filter(affair__parent=affair).select_related("affair")


def target_list(*, user, framework_code: str | None = None) -> QuerySet[DevelopmentTarget]:
    qs = restrict(DevelopmentTarget.objects.all(), user, READ)
    if framework_code:
        qs = qs.filter(framework__code=framework_code)
    return qs.select_related("framework").prefetch_related("affairs")
