from __future__ import annotations

from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from selaras.accounts import services, throttle
from selaras.accounts.forms import MembershipAdminForm
from selaras.accounts.models import LoginThrottle, Membership, User
from selaras.core.access import forget_grants


class MembershipInline(admin.TabularInline):
    model = Membership
    form = MembershipAdminForm
    fk_name = "user"
    extra = 0
    fields = ["role", "agency", "region", "is_active"]
    raw_id_fields = ["agency", "region"]


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    inlines = [MembershipInline]
    list_display = ["username", "full_name", "email", "is_active", "totp_enabled", "locked_everywhere_until"]
    list_filter = ["is_active", "is_staff", "is_superuser", "totp_enabled", "memberships__role"]
    search_fields = ["username", "full_name", "email"]
    readonly_fields = ["last_login", "date_joined", "locked_everywhere_until", "totp_enabled"]
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("Data diri"), {"fields": ("full_name", "position", "email")}),
        (_("Keamanan"), {"fields": ("is_active", "locked_everywhere_until", "totp_enabled")}),
        (_("Hak akses admin Django"), {"fields": ("is_staff", "is_superuser"), "classes": ["collapse"]}),
        (_("Waktu"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (None, {"classes": ("wide",), "fields": ("username", "email", "full_name", "password1", "password2")}),
    )
    actions = ["unlock_accounts"]

    @admin.display(description=_("terkunci di semua alamat sampai"))
    def locked_everywhere_until(self, user):
        return throttle.account_locked_until(user)

    @admin.action(description=_("Buka kunci akun terpilih"))
    def unlock_accounts(self, request, queryset):
        for user in queryset:
            services.login_lock_clear(user=user)
        messages.success(request, _("Akun terpilih sudah dibuka kuncinya."))

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        forget_grants(form.instance)


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    form = MembershipAdminForm
    list_display = ["user", "role", "agency", "region", "is_active"]
    list_filter = ["role", "is_active"]
    search_fields = [
        "user__username",
        "user__full_name",
        "agency__name",
        "agency__code",
        "region__name",
        "region__code",
    ]
    raw_id_fields = ["user", "agency", "region"]
    list_select_related = ["user", "agency", "region"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        forget_grants(obj.user)


@admin.register(LoginThrottle)
class LoginThrottleAdmin(admin.ModelAdmin):
    """Counts and locks of failed sign-ins; deleting a row lifts its lock
    (an address lock has no other way out before it runs out)."""

    list_display = ["factor", "scope", "account", "address", "failures", "last_failure_at", "locked_until"]
    list_filter = ["factor", "scope"]
    search_fields = ["account", "address"]
    readonly_fields = list_display

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
