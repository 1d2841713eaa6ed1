"""Forms of the reference browsers."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy

from selaras.registry.models import AgencyKind


class AgencyFilterForm(forms.Form):
    q = forms.CharField(label=gettext_lazy("Cari"), required=False, max_length=100)
    kind = forms.ChoiceField(
        label=gettext_lazy("Jenis"),
        required=False,
        choices=[("", gettext_lazy("Semua jenis utama")), *AgencyKind.choices],
    )
    year = forms.IntegerField(
        label=gettext_lazy("Berlaku pada tahun"),
        required=False,
        min_value=1945,
        max_value=2100,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
