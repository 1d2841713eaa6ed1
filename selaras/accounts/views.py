from __future__ import annotations

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from selaras.accounts import selectors, services, throttle
from selaras.accounts.forms import LoginForm, SelarasPasswordResetForm, TotpCodeForm
from selaras.accounts.middleware import mark_verified, needs_second_factor


def _safe_next(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
        return target
    return resolve_url(settings.LOGIN_REDIRECT_URL)


def _oidc_context() -> dict:
    if not getattr(settings, "OIDC_ENABLED", False):
        return {"oidc_enabled": False}
    return {"oidc_enabled": True, "oidc_provider": getattr(settings, "OIDC_PROVIDER_NAME", "SSO")}


@sensitive_post_parameters("password")
@csrf_protect
@never_cache
def login_view(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated and not needs_second_factor(request):
        return redirect(_safe_next(request))
    form = LoginForm(request, data=request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.get_user()
        login(request, user)
        if user.totp_enabled:
            # The middleware now holds the session at the code page.
            return redirect(f"{reverse('accounts:two_factor_verify')}?{urlencode({'next': _safe_next(request)})}")
        return redirect(_safe_next(request))
    context = {"form": form, "next": request.POST.get("next") or request.GET.get("next", ""), **_oidc_context()}
    return render(request, "accounts/login.html", context)


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    logout(request)
    messages.info(request, _("Anda telah keluar."))
    return redirect(settings.LOGOUT_REDIRECT_URL)


@sensitive_post_parameters("code")
@never_cache
@login_required
def two_factor_verify(request: HttpRequest) -> HttpResponse:
    """The second step of a login for a user with two-factor enabled."""
    if not needs_second_factor(request):
        return redirect(_safe_next(request))
    form = TotpCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.totp_check(
                user=request.user, code=form.cleaned_data["code"], address=throttle.client_address(request)
            )
        except services.LoginRefused as refused:
            form.add_error("code", refused.message)
        else:
            # A new session key: what an onlooker saw before the code is worthless.
            request.session.cycle_key()
            mark_verified(request)
            return redirect(_safe_next(request))
    return render(request, "accounts/two_factor_verify.html", {"form": form, "next": request.GET.get("next", "")})


def _qr_svg(data: str) -> str:
    # Drawn on the server as inline SVG: no image service, no script, and
    # nothing the content security policy has to allow.
    image = qrcode.make(data, image_factory=qrcode.image.svg.SvgPathFillImage, box_size=14, border=4)
    return image.to_string(encoding="unicode")


@never_cache
@login_required
def two_factor_setup(request: HttpRequest) -> HttpResponse:
    user = request.user
    if user.totp_enabled:
        return redirect("accounts:two_factor_disable")
    secret = services.totp_setup_begin(user=user)
    form = TotpCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.totp_enable(user=user, code=form.cleaned_data["code"], address=throttle.client_address(request))
        except ValidationError as error:
            form.add_error(None, error)
        else:
            # The user just proved the code: do not send them to the code page.
            mark_verified(request)
            messages.success(request, _("Verifikasi dua langkah telah diaktifkan."))
            return redirect("accounts:profile")
    uri = services.totp_provisioning_uri(user)
    context = {
        "form": form,
        "secret": secret,
        "secret_grouped": " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
        "qr_svg": mark_safe(_qr_svg(uri)),  # generated by qrcode from our own data: path data only
    }
    return render(request, "accounts/two_factor_setup.html", context)


@never_cache
@login_required
def two_factor_disable(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not user.totp_enabled:
        return redirect("accounts:two_factor_setup")
    form = TotpCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.totp_disable(user=user, code=form.cleaned_data["code"], address=throttle.client_address(request))
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Verifikasi dua langkah telah dinonaktifkan."))
            return redirect("accounts:profile")
    return render(request, "accounts/two_factor_disable.html", {"form": form})


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    memberships = selectors.memberships_of(user=request.user, viewer=request.user)
    return render(request, "accounts/profile.html", {"profile_user": request.user, "memberships": memberships})


# --- Password reset: Django's views, our templates and URL names -------------


class PasswordResetView(auth_views.PasswordResetView):
    form_class = SelarasPasswordResetForm
    template_name = "accounts/password_reset_form.html"
    email_template_name = "accounts/password_reset_email.txt"
    subject_template_name = "accounts/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")

    def form_valid(self, form):
        response = super().form_valid(form)
        # Whoever can read the mailbox may get back in without waiting out a lock.
        services.login_lock_clear(user=form.user)
        return response


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"
