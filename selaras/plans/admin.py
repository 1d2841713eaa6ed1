"""Admin for plans: for administrators to look and correct, not the daily
workplace (planners use the pages and the API, which go through the
services). Revisions and workflow history are read-only: they are the record."""

from __future__ import annotations

from django.contrib import admin

from selaras.plans.models import (
    Activity,
    ActivityLocation,
    Cycle,
    IndicatorTarget,
    Plan,
    PlanRevision,
    PlanTransition,
    Programme,
    RegionalPlan,
    RegionalSubActivity,
)


class CycleInline(admin.TabularInline):
    model = Cycle
    extra = 0
    fields = ["year", "submission_deadline", "review_deadline", "regulation_deadline", "decree_deadline", "is_open"]


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "kind", "coordinator", "start_year", "end_year"]
    list_filter = ["kind"]
    search_fields = ["code", "name"]
    autocomplete_fields = ["coordinator", "partner", "assigner"]
    filter_horizontal = ["participants", "loci"]
    inlines = [CycleInline]


@admin.register(Cycle)
class CycleAdmin(admin.ModelAdmin):
    list_display = ["programme", "year", "is_open", "submission_deadline", "regulation_deadline"]
    list_filter = ["year", "is_open"]
    list_select_related = ["programme"]


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class TransitionInline(ReadOnlyInline):
    model = PlanTransition
    fields = ["at", "action", "from_status", "to_status", "by", "comment", "revision"]
    readonly_fields = fields


class RevisionInline(ReadOnlyInline):
    model = PlanRevision
    fields = ["number", "created_at", "created_by"]
    readonly_fields = fields


@admin.register(Plan)
class PlanAdmin(admin.ModelAdmin):
    list_display = ["__str__", "owner", "cycle", "status", "revision"]
    list_filter = ["status", "cycle__year", "cycle__programme"]
    list_select_related = ["owner", "cycle__programme"]
    search_fields = ["title", "owner__name", "owner__code"]
    raw_id_fields = ["owner", "cycle"]
    readonly_fields = ["status", "revision"]
    inlines = [TransitionInline, RevisionInline]


class LocationInline(admin.TabularInline):
    model = ActivityLocation
    extra = 0
    raw_id_fields = ["region"]


class IndicatorInline(admin.TabularInline):
    model = IndicatorTarget
    extra = 0


@admin.register(Activity)
class ActivityAdmin(admin.ModelAdmin):
    list_display = ["title", "plan", "affair", "funding_source", "budget"]
    list_filter = ["funding_source", "executing_level"]
    list_select_related = ["plan__owner", "plan__cycle__programme", "affair"]
    search_fields = ["title", "code"]
    raw_id_fields = ["plan", "affair", "implementing_agency", "recipient"]
    filter_horizontal = ["targets"]
    inlines = [LocationInline, IndicatorInline]


@admin.register(RegionalPlan)
class RegionalPlanAdmin(admin.ModelAdmin):
    list_display = ["region", "year", "source_name"]
    list_filter = ["year"]
    list_select_related = ["region"]
    search_fields = ["region__name", "region__code"]
    raw_id_fields = ["region"]


@admin.register(RegionalSubActivity)
class RegionalSubActivityAdmin(admin.ModelAdmin):
    list_display = ["name", "regional_plan", "implementing_office", "budget"]
    list_select_related = ["regional_plan__region"]
    search_fields = ["name", "code"]
    raw_id_fields = ["regional_plan", "location", "affair"]
    show_full_result_count = False  # a million rows at national scale
