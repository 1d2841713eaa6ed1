"""Forms of the flag pages."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from selaras.flags.models import FlagReason


class FlagForm(forms.Form):
    reason = forms.ChoiceField(label=_("Alasan"), choices=FlagReason.choices, widget=forms.RadioSelect)
    comment = forms.CharField(
        label=_("Komentar"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Jelaskan bagi instansi pemilik dan koordinator apa yang perlu diperhatikan."),
    )


class MessageForm(forms.Form):
    text = forms.CharField(label=_("Pesan"), widget=forms.Textarea(attrs={"rows": 3}))
