from django.contrib import admin

from selaras.flags.models import Flag, FlagMessage


class FlagMessageInline(admin.TabularInline):
    model = FlagMessage
    extra = 0
    readonly_fields = ("author", "text", "created_at")
    can_delete = False


@admin.register(Flag)
class FlagAdmin(admin.ModelAdmin):
    list_display = ("id", "region", "reason", "status", "activity", "author", "created_at")
    list_filter = ("status", "reason")
    search_fields = ("comment", "activity__title")
    raw_id_fields = ("activity", "region", "author")
    readonly_fields = ("finding_raised_at",)
    inlines = [FlagMessageInline]
