"""The home page and the error pages of the whole site."""

from __future__ import annotations

from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from selaras.core.access import READ, restrict
from selaras.registry.models import Affair, AffairLevel, Agency, AgencyKind, AuthorityRule, Region, RegionLevel


def reference_counts(user) -> dict[str, int]:
    """How much reference data is loaded, as the user may see it."""
    by_level = dict(
        restrict(Region.objects.current(), user, READ)
        .values_list("level")
        .annotate(n=Count("pk"))
        .values_list("level", "n")
    )
    by_kind = dict(
        restrict(Agency.objects.all(), user, READ).values_list("kind").annotate(n=Count("pk")).values_list("kind", "n")
    )
    return {
        "provinces": by_level.get(RegionLevel.PROVINCE, 0),
        "regencies": by_level.get(RegionLevel.REGENCY, 0),
        "districts": by_level.get(RegionLevel.DISTRICT, 0),
        "villages": by_level.get(RegionLevel.VILLAGE, 0),
        "ministries": by_kind.get(AgencyKind.MINISTRY, 0),
        "regional_governments": by_kind.get(AgencyKind.REGIONAL_GOVERNMENT, 0),
        "partners": by_kind.get(AgencyKind.PARTNER, 0),
        "affairs": restrict(Affair.objects.filter(level=AffairLevel.SUB), user, READ).count(),
        "authority_rules": restrict(AuthorityRule.objects.filter(has_authority=True), user, READ).count(),
    }


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "core/home.html", {"counts": reference_counts(request.user)})
