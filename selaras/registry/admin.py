"""Admin for reference data. Codes of regions come from Kemendagri's list
and are read-only here; everything else an administrator may correct
(a reload of the shipped tables writes the shipped values back)."""

from __future__ import annotations

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from selaras.registry.models import (
    Affair,
    Agency,
    AuthorityRule,
    DevelopmentTarget,
    Region,
    RegionBoundary,
    TargetFramework,
)


class CurrentFilter(admin.SimpleListFilter):
    title = _("masa berlaku")
    parameter_name = "berlaku"

    def lookups(self, request, model_admin):
        return [("ya", _("Masih berlaku")), ("tidak", _("Tidak berlaku lagi"))]

    def queryset(self, request, queryset):
        if self.value() == "ya":
            return queryset.filter(valid_until__isnull=True)
        if self.value() == "tidak":
            return queryset.filter(valid_until__isnull=False)
        return queryset


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "level", "kind", "parent", "valid_from", "valid_until")
    list_filter = ("level", "kind", CurrentFilter)
    search_fields = ("code", "name")
    readonly_fields = ("code", "level", "source", "created_at", "updated_at", "version")
    autocomplete_fields = ("parent", "successors")
    list_select_related = ("parent",)
    show_full_result_count = False  # 91,599 rows: skip the second COUNT(*)

    def has_add_permission(self, request):
        # Regions come from the official code list (`selaras load-reference`).
        return False


@admin.register(RegionBoundary)
class RegionBoundaryAdmin(admin.ModelAdmin):
    list_display = ("region", "source", "loaded_at")
    list_filter = ("region__level",)
    search_fields = ("region__code", "region__name", "source")
    autocomplete_fields = ("region",)
    readonly_fields = ("loaded_at",)
    list_select_related = ("region",)


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    list_display = (
        "code",
        "name",
        "short_name",
        "kind",
        "budget_code",
        "parent",
        "valid_from_year",
        "valid_until_year",
    )
    list_filter = ("kind", "valid_until_year")
    search_fields = ("code", "name", "short_name", "budget_code")
    autocomplete_fields = ("parent", "region", "successors")
    readonly_fields = ("created_at", "updated_at", "version")
    list_select_related = ("parent",)


class AuthorityRuleInline(admin.TabularInline):
    model = AuthorityRule
    fields = ("level", "position", "text", "has_authority")
    extra = 0


@admin.register(Affair)
class AffairAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "level", "group", "parent")
    list_filter = ("level", "group")
    search_fields = ("code", "name")
    autocomplete_fields = ("parent",)
    readonly_fields = ("created_at", "updated_at", "version")
    list_select_related = ("parent",)
    inlines = [AuthorityRuleInline]


@admin.register(AuthorityRule)
class AuthorityRuleAdmin(admin.ModelAdmin):
    list_display = ("affair", "level", "position", "has_authority", "text")
    list_filter = ("level", "has_authority", "affair__parent")
    search_fields = ("text", "affair__code", "affair__name")
    autocomplete_fields = ("affair",)
    readonly_fields = ("created_at", "updated_at", "version")
    list_select_related = ("affair",)


class DevelopmentTargetInline(admin.TabularInline):
    model = DevelopmentTarget
    fields = ("code", "name", "parent")
    extra = 0
    show_change_link = True


@admin.register(TargetFramework)
class TargetFrameworkAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "kind", "start_year", "end_year", "region")
    list_filter = ("kind",)
    search_fields = ("code", "name")
    autocomplete_fields = ("region",)
    readonly_fields = ("created_at", "updated_at", "version")
    inlines = [DevelopmentTargetInline]


@admin.register(DevelopmentTarget)
class DevelopmentTargetAdmin(admin.ModelAdmin):
    list_display = ("framework", "code", "name", "parent")
    list_filter = ("framework",)
    search_fields = ("code", "name")
    autocomplete_fields = ("parent", "affairs")
    readonly_fields = ("created_at", "updated_at", "version")
    list_select_related = ("framework", "parent")
