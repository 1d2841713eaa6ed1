from __future__ import annotations

from django import forms
from django.contrib.auth.forms import PasswordResetForm
from django.utils.translation import gettext_lazy as _

from selaras.accounts import services
from selaras.accounts.models import Membership


class LoginForm(forms.Form):
    username = forms.CharField(
        label=_("Nama pengguna atau e-mail"),
        max_length=254,
        widget=forms.TextInput(attrs={"autocomplete": "username", "autofocus": True}),
    )
    password = forms.CharField(
        label=_("Kata sandi"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, request=None, *args, **kwargs):
        self.request = request
        self.user = None
        super().__init__(*args, **kwargs)

    def clean(self):
        cleaned = super().clean()
        identifier, password = cleaned.get("username"), cleaned.get("password")
        if identifier and password:
            try:
                self.user = services.login_attempt(request=self.request, identifier=identifier, password=password)
            except services.LoginRefused as refused:
                raise forms.ValidationError(
                    refused.message, code="locked" if refused.locked_until else "invalid"
                ) from None
        return cleaned

    def get_user(self):
        return self.user


class TotpCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Kode verifikasi"),
        max_length=10,
        help_text=_("Enam angka dari aplikasi autentikator Anda."),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "pattern": "[0-9 ]*", "autofocus": True}
        ),
    )


class SelarasPasswordResetForm(PasswordResetForm):
    email = forms.EmailField(
        label=_("Alamat e-mail"), max_length=254, widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )


class MembershipAdminForm(forms.ModelForm):
    """Used by the admin so it refuses the same role/scope mistakes as the services."""

    class Meta:
        model = Membership
        fields = ["user", "role", "agency", "region", "is_active"]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("role"):
            try:
                services.membership_validate(
                    role=cleaned["role"], agency=cleaned.get("agency"), region=cleaned.get("region")
                )
            except forms.ValidationError as error:
                self.add_error(None, error)
        return cleaned
