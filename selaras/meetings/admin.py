from django.contrib import admin

from selaras.core.versioning import VersionedAdminMixin
from selaras.meetings.models import (
    AgendaItem,
    Conclusion,
    Document,
    FollowUp,
    FollowUpUpdate,
    Meeting,
    Participant,
)


class ParticipantInline(admin.TabularInline):
    model = Participant
    extra = 0
    raw_id_fields = ("agency", "region")


class ConclusionInline(admin.TabularInline):
    model = Conclusion
    extra = 0


class DocumentInline(admin.TabularInline):
    model = Document
    extra = 0
    # Files arrive through the guarded upload service only.
    readonly_fields = ("original_name", "size", "content_type", "uploaded_by", "created_at")
    exclude = ("file",)
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Meeting)
class MeetingAdmin(VersionedAdminMixin, admin.ModelAdmin):
    list_display = ("title", "kind", "programme", "organiser", "starts_at", "status")
    list_filter = ("kind", "status")
    search_fields = ("title", "venue")
    raw_id_fields = ("programme", "cycle", "organiser")
    inlines = [ParticipantInline, ConclusionInline, DocumentInline]


@admin.register(AgendaItem)
class AgendaItemAdmin(VersionedAdminMixin, admin.ModelAdmin):
    list_display = ("meeting", "number", "title", "carried_followup")
    raw_id_fields = ("meeting", "carried_followup")
    filter_horizontal = ()
    autocomplete_fields = ()
    search_fields = ("title",)


class FollowUpUpdateInline(admin.TabularInline):
    model = FollowUpUpdate
    extra = 0
    readonly_fields = ("text", "status_from", "status_to", "by", "created_at", "evidence_name", "evidence_type")
    exclude = ("evidence",)
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(FollowUp)
class FollowUpAdmin(VersionedAdminMixin, admin.ModelAdmin):
    list_display = ("text", "meeting", "owner_agency", "owner_region", "due_date", "status")
    list_filter = ("status",)
    search_fields = ("text",)
    raw_id_fields = (
        "meeting",
        "conclusion",
        "owner_agency",
        "owner_region",
        "region",
        "plan",
        "activity",
        "finding",
        "letter_point",
        "verified_by",
    )
    readonly_fields = ("done_at", "verified_at", "verified_by", "reminded_at", "overdue_reminded_at")
    inlines = [FollowUpUpdateInline]
