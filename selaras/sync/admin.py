"""Admin: rule settings are edited here (switching rules that rest on points
the sources could not verify); findings, runs, notes and letters are shown
read-only — they change only through the review services."""

from __future__ import annotations

from django.contrib import admin

from selaras.sync.models import CheckRun, Finding, Recommendation, RecommendationPoint, ReviewNote, RuleSetting


@admin.register(RuleSetting)
class RuleSettingAdmin(admin.ModelAdmin):
    list_display = ("code", "enabled", "note")
    list_editable = ("enabled",)
    search_fields = ("code", "note")


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Finding)
class FindingAdmin(ReadOnlyAdmin):
    list_display = ("rule", "category", "severity", "status", "plan", "activity", "score", "updated_at")
    list_filter = ("category", "severity", "status", "rule")
    search_fields = ("key", "message_id", "message_en", "citation")
    list_select_related = ("plan", "activity")


@admin.register(CheckRun)
class CheckRunAdmin(ReadOnlyAdmin):
    list_display = ("__str__", "scope", "status", "started_by", "started_at", "finished_at")
    list_filter = ("scope", "status")


@admin.register(ReviewNote)
class ReviewNoteAdmin(ReadOnlyAdmin):
    list_display = ("plan", "author", "include_in_letter", "created_at")


class PointInline(admin.TabularInline):
    model = RecommendationPoint
    extra = 0
    can_delete = False
    fields = ("position", "text", "citation", "response")
    readonly_fields = fields

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Recommendation)
class RecommendationAdmin(ReadOnlyAdmin):
    list_display = ("number", "subject", "addressee", "status", "date")
    list_filter = ("status",)
    search_fields = ("number", "subject")
    inlines = [PointInline]
