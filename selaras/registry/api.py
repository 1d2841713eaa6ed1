"""Read-only API over the reference data: regions, agencies, government
affairs, authority rules, target frameworks and development targets.

Reference data is public to read (open data); it is changed by
administrators through the admin and the loaders, not through the API yet.
"""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers, viewsets

from selaras.core.api import QueryFilter, ScopedViewSetMixin
from selaras.registry.models import (
    Affair,
    AffairLevel,
    Agency,
    AgencyKind,
    AuthorityRule,
    DevelopmentTarget,
    FrameworkKind,
    GovernmentLevel,
    Region,
    RegionLevel,
    TargetFramework,
)

# Official codes contain dots (33.02.01), so detail URLs accept them.
CODE_IN_URL = r"[0-9A-Za-z._-]+"


def _search(*fields: str):
    def apply(queryset, value: str):
        q = Q()
        for field in fields:
            q |= Q(**{f"{field}__icontains": value})
        return queryset.filter(q)

    return apply


def _year(raw: str) -> int:
    year = int(raw)
    if not 1900 <= year <= 2200:
        raise ValueError(raw)
    return year


class RegionSerializer(serializers.ModelSerializer):
    parent = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = Region
        fields = ["id", "code", "name", "level", "kind", "parent", "valid_from", "valid_until"]


class RegionViewSet(ScopedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    """Regions with their official Kemendagri codes."""

    queryset = Region.objects.select_related("parent")
    serializer_class = RegionSerializer
    lookup_field = "code"
    lookup_value_regex = CODE_IN_URL
    query_filters = (
        QueryFilter("level", "level", _("Tingkat wilayah"), enum=tuple(RegionLevel.values)),
        QueryFilter("parent", "parent__code", _("Kode wilayah induk langsung")),
        QueryFilter(
            "within", description=_("Wilayah dengan kode ini dan semua di bawahnya"), method=lambda qs, v: qs.within(v)
        ),
        QueryFilter("search", description=_("Cari pada nama atau kode"), method=_search("name", "code")),
        QueryFilter(
            "current",
            description=_("true: hanya wilayah yang masih berlaku"),
            enum=("true", "false"),
            method=lambda qs, v: qs.current() if v == "true" else qs,
        ),
    )


class AgencySerializer(serializers.ModelSerializer):
    parent = serializers.SlugRelatedField(slug_field="code", read_only=True)
    region = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = Agency
        fields = [
            "id",
            "code",
            "name",
            "short_name",
            "kind",
            "budget_code",
            "parent",
            "region",
            "valid_from_year",
            "valid_until_year",
        ]


class AgencyViewSet(ScopedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    """Ministries and agencies with their units, regional governments and
    their offices, and development partners."""

    queryset = Agency.objects.select_related("parent", "region")
    serializer_class = AgencySerializer
    lookup_field = "code"
    lookup_value_regex = CODE_IN_URL
    query_filters = (
        QueryFilter("kind", "kind", _("Jenis instansi"), enum=tuple(AgencyKind.values)),
        QueryFilter("parent", "parent__code", _("Kode instansi induk langsung")),
        QueryFilter("budget_code", "budget_code", _("Kode BA")),
        QueryFilter("region", "region__code", _("Kode wilayah pemerintah daerah")),
        QueryFilter(
            "valid_in",
            description=_("Hanya instansi yang berlaku pada tahun ini"),
            type=int,
            parse=_year,
            method=lambda qs, v: qs.valid_in(v),
        ),
        QueryFilter(
            "search", description=_("Cari pada nama, singkatan atau kode"), method=_search("name", "short_name", "code")
        ),
    )


class AffairSerializer(serializers.ModelSerializer):
    parent = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = Affair
        fields = ["id", "code", "name", "level", "group", "parent", "is_concurrent"]


class AffairViewSet(ScopedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    """Government affairs (urusan, bidang urusan, sub urusan)."""

    queryset = Affair.objects.select_related("parent")
    serializer_class = AffairSerializer
    lookup_field = "code"
    lookup_value_regex = CODE_IN_URL
    query_filters = (
        QueryFilter("level", "level", _("Tingkat urusan"), enum=tuple(AffairLevel.values)),
        QueryFilter("parent", "parent__code", _("Kode urusan induk langsung")),
        QueryFilter("search", description=_("Cari pada nama atau kode"), method=_search("name", "code")),
    )


class AuthorityRuleSerializer(serializers.ModelSerializer):
    affair = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = AuthorityRule
        fields = ["id", "affair", "level", "text", "has_authority", "position", "source"]


class AuthorityRuleViewSet(ScopedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    """The division of affairs between centre, provinces and districts."""

    queryset = AuthorityRule.objects.select_related("affair")
    serializer_class = AuthorityRuleSerializer
    query_filters = (
        QueryFilter("affair", "affair__code", _("Kode sub urusan")),
        QueryFilter("level", "level", _("Tingkat pemerintahan"), enum=tuple(GovernmentLevel.values)),
    )


class TargetFrameworkSerializer(serializers.ModelSerializer):
    region = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = TargetFramework
        fields = ["id", "code", "name", "kind", "start_year", "end_year", "region"]


class TargetFrameworkViewSet(ScopedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    """Sets of development targets (SDGs, RPJMN, RPJMD, programme results)."""

    queryset = TargetFramework.objects.select_related("region")
    serializer_class = TargetFrameworkSerializer
    lookup_field = "code"
    lookup_value_regex = CODE_IN_URL
    query_filters = (
        QueryFilter("kind", "kind", _("Jenis kerangka"), enum=tuple(FrameworkKind.values)),
        QueryFilter("region", "region__code", _("Kode wilayah (untuk RPJMD)")),
    )


class DevelopmentTargetSerializer(serializers.ModelSerializer):
    framework = serializers.SlugRelatedField(slug_field="code", read_only=True)
    parent = serializers.SlugRelatedField(slug_field="code", read_only=True)
    affairs = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)

    class Meta:
        model = DevelopmentTarget
        fields = ["id", "framework", "code", "name", "parent", "affairs"]


class DevelopmentTargetViewSet(ScopedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    """Goals, priorities and targets inside a framework."""

    queryset = DevelopmentTarget.objects.select_related("framework", "parent").prefetch_related("affairs")
    serializer_class = DevelopmentTargetSerializer
    query_filters = (
        QueryFilter("framework", "framework__code", _("Kode kerangka sasaran")),
        QueryFilter("parent", "parent__code", _("Kode sasaran induk")),
        QueryFilter(
            "affair", description=_("Kode urusan terkait"), method=lambda qs, v: qs.filter(affairs__code=v).distinct()
        ),
        QueryFilter("search", description=_("Cari pada nama atau kode"), method=_search("name", "code")),
    )


# The project's router (`selaras.api_urls`) registers these, so /api/ lists them.
routes = (
    ("regions", RegionViewSet, "region"),
    ("agencies", AgencyViewSet, "agency"),
    ("affairs", AffairViewSet, "affair"),
    ("authority-rules", AuthorityRuleViewSet, "authority-rule"),
    ("target-frameworks", TargetFrameworkViewSet, "target-framework"),
    ("development-targets", DevelopmentTargetViewSet, "development-target"),
)
views = ()
