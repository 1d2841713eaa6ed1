"""Forms of the synchronisation pages. They only check and convert what a
person typed; every write goes through `selaras.sync.services` or
`selaras.sync.letters.services`, which validate again."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from selaras.sync.letters.services import EDITABLE_FIELDS
from selaras.sync.models import FindingStatus, Recommendation, Severity
from selaras.sync.selectors import CATEGORIES

CATEGORY_LABELS = {
    "authority": _("Kewenangan"),
    "duplication": _("Duplikasi"),
    "alignment": _("Keselarasan sasaran"),
    "consistency": _("Konsistensi"),
    "coverage": _("Cakupan"),
    "deadlines": _("Tenggat"),
}


class FindingFilterForm(forms.Form):
    category = forms.ChoiceField(
        label=_("Kelompok aturan"),
        required=False,
        choices=[("", _("Semua kelompok")), *((c, CATEGORY_LABELS[c]) for c in CATEGORIES)],
    )
    severity = forms.ChoiceField(
        label=_("Tingkat"), required=False, choices=[("", _("Semua tingkat")), *Severity.choices]
    )
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("Semua status")), *FindingStatus.choices]
    )
    region = forms.CharField(
        label=_("Kode wilayah"), required=False, max_length=20, widget=forms.TextInput(attrs={"placeholder": "33.02"})
    )


class DismissForm(forms.Form):
    reason = forms.CharField(
        label=_("Alasan penolakan"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2}), required=True
    )


class AcceptForm(forms.Form):
    note = forms.CharField(
        label=_("Catatan (opsional)"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class BulkForm(forms.Form):
    action = forms.ChoiceField(label=_("Tindakan"), choices=[("accept", _("Terima")), ("dismiss", _("Tolak"))])
    reason = forms.CharField(label=_("Alasan / catatan"), max_length=2000, required=False)
    finding = forms.TypedMultipleChoiceField(label=_("Temuan"), coerce=int, choices=(), required=False)
    # "filtered": every finding under the page's filters, not only those ticked.
    scope = forms.ChoiceField(choices=[("selected", "selected"), ("filtered", "filtered")], required=False)

    def __init__(self, *args, finding_ids=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["finding"].choices = [(pk, pk) for pk in finding_ids]

    def clean(self):
        data = super().clean()
        if data.get("scope") != "filtered" and not data.get("finding") and "finding" not in self.errors:
            self.add_error("finding", _("Pilih setidaknya satu temuan."))
        if data.get("action") == "dismiss" and not (data.get("reason") or "").strip():
            self.add_error("reason", _("Alasan penolakan wajib diisi."))
        return data


class NoteForm(forms.Form):
    text = forms.CharField(label=_("Catatan"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3}))
    include_in_letter = forms.BooleanField(label=_("Masukkan ke surat rekomendasi"), required=False, initial=True)


class LetterForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = Recommendation
        fields = EDITABLE_FIELDS
        widgets = {
            "date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "opening": forms.Textarea(attrs={"rows": 4}),
            "closing": forms.Textarea(attrs={"rows": 3}),
            "copies_to": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {"number": _("Kosongkan agar nomor diberikan saat surat diterbitkan.")}


class PointForm(forms.Form):
    text = forms.CharField(label=_("Isi butir"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000)
    citation = forms.CharField(label=_("Dasar"), max_length=300, required=False)
    version = forms.IntegerField(widget=forms.HiddenInput)


class ResponseForm(forms.Form):
    response = forms.CharField(label=_("Tanggapan instansi"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000)
