"""Admin for plans: for administrators to look and correct, not the daily
workplace (planners use the pages and the API, which go through the
services). Revisions and workflow history are read-only: they are the record.
A frozen plan (submitted and beyond, see `PlanStatus.editable`) and its
activities are read-only here too, and every edit here checks and bumps
`version` like an edit through the services."""

from __future__ import annotations

from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from selaras.core.versioning import VersionedAdminForm, VersionedAdminMixin
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
class ProgrammeAdmin(VersionedAdminMixin, admin.ModelAdmin):
    list_display = ["code", "name", "kind", "coordinator", "start_year", "end_year"]
    list_filter = ["kind"]
    search_fields = ["code", "name"]
    autocomplete_fields = ["coordinator", "partner", "assigner"]
    filter_horizontal = ["participants", "loci"]
    inlines = [CycleInline]


@admin.register(Cycle)
class CycleAdmin(VersionedAdminMixin, admin.ModelAdmin):
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


def _frozen(plan: Plan | None) -> bool:
    return plan is not None and not plan.is_editable


@admin.register(Plan)
class PlanAdmin(VersionedAdminMixin, admin.ModelAdmin):
    list_display = ["__str__", "owner", "cycle", "status", "revision"]
    list_filter = ["status", "cycle__year", "cycle__programme"]
    list_select_related = ["owner", "cycle__programme"]
    search_fields = ["title", "owner__name", "owner__code"]
    raw_id_fields = ["owner", "cycle"]
    readonly_fields = ["status", "revision"]
    inlines = [TransitionInline, RevisionInline]

    def has_change_permission(self, request, obj=None):
        return not _frozen(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not _frozen(obj) and super().has_delete_permission(request, obj)


class ActivityPartInline(admin.TabularInline):
    """Locations and indicators: read-only once the plan is frozen."""

    extra = 0

    def _frozen(self, obj) -> bool:
        return obj is not None and _frozen(obj.plan)

    def has_add_permission(self, request, obj=None):
        return not self._frozen(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return not self._frozen(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not self._frozen(obj) and super().has_delete_permission(request, obj)


class LocationInline(ActivityPartInline):
    model = ActivityLocation
    raw_id_fields = ["region"]


class IndicatorInline(ActivityPartInline):
    model = IndicatorTarget


class ActivityAdminForm(VersionedAdminForm):
    def clean_plan(self):
        plan = self.cleaned_data["plan"]
        if _frozen(plan):
            raise ValidationError(_("Rencana ini sudah dibekukan; kegiatannya tidak dapat diubah."))
        return plan


@admin.register(Activity)
class ActivityAdmin(VersionedAdminMixin, admin.ModelAdmin):
    list_display = ["title", "plan", "affair", "funding_source", "budget"]
    list_filter = ["funding_source", "executing_level"]
    list_select_related = ["plan__owner", "plan__cycle__programme", "affair"]
    search_fields = ["title", "code"]
    raw_id_fields = ["plan", "affair", "implementing_agency", "recipient"]
    filter_horizontal = ["targets"]
    inlines = [LocationInline, IndicatorInline]
    form = ActivityAdminForm

    def has_change_permission(self, request, obj=None):
        return not (obj is not None and _frozen(obj.plan)) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not (obj is not None and _frozen(obj.plan)) and super().has_delete_permission(request, obj)


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
