"""Forms of the programme and cycle pages."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from selaras.core.access import READ, restrict
from selaras.plans.models import Cycle, Programme
from selaras.registry.models import Agency, AgencyKind, Region


class ProgrammeForm(forms.ModelForm):
    """A programme's header, its locus regions (provinces and kabupaten/kota)
    and its participating agencies."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Programme
        fields = [
            "code",
            "name",
            "kind",
            "description",
            "coordinator",
            "partner",
            "assigner",
            "start_year",
            "end_year",
            "partner_currency",
            "loci",
            "participants",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "start_year": forms.NumberInput(attrs={"min": "2000", "max": "2100", "inputmode": "numeric"}),
            "end_year": forms.NumberInput(attrs={"min": "2000", "max": "2100", "inputmode": "numeric"}),
            # Ticked by name in a list with a filter box (searchable.js).
            "loci": forms.CheckboxSelectMultiple(attrs={"data-filterable": ""}),
            "participants": forms.CheckboxSelectMultiple(attrs={"data-filterable": ""}),
        }

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        from selaras.plans.policies import COORDINATE
        from selaras.registry.models import RegionLevel

        agencies = restrict(Agency.objects.all(), user, READ).order_by("code")
        # Only ministries and their units coordinate programmes; which of
        # them this user may name is the agency's `coordinate` policy.
        self.fields["coordinator"].queryset = restrict(agencies, user, COORDINATE).filter(
            kind__in=[AgencyKind.MINISTRY, AgencyKind.UNIT]
        )
        self.fields["partner"].queryset = agencies.filter(kind=AgencyKind.PARTNER)
        self.fields["assigner"].queryset = agencies.filter(kind=AgencyKind.REGIONAL_GOVERNMENT)
        self.fields["participants"].queryset = agencies.exclude(kind=AgencyKind.REGIONAL_OFFICE)
        self.fields["loci"].queryset = (
            restrict(Region.objects.current(), user, READ)
            .filter(level__in=[RegionLevel.PROVINCE, RegionLevel.REGENCY])
            .order_by("code")
        )
        self.fields["loci"].label_from_instance = lambda r: f"{r.code} {r.name}"
        for name in ("coordinator", "partner", "participants", "assigner"):
            self.fields[name].label_from_instance = lambda a: f"{a.name} ({a.code})"
        for name in ("coordinator", "partner", "assigner"):
            self.fields[name].empty_label = _("— pilih —")
            self.fields[name].widget.attrs["data-searchable"] = ""
        self.fields["loci"].help_text = _("Provinsi dan kabupaten/kota. Ketik untuk menyaring, centang untuk memilih.")
        self.fields["participants"].help_text = _("Ketik untuk menyaring, centang untuk memilih.")
        if not self.is_bound:
            self.initial["version"] = self.instance.version if self.instance.pk else None

    def _post_clean(self):
        # Validated and saved by the services, which also check permission.
        pass

    def header(self) -> dict:
        """The cleaned header fields, in the shape the services take."""
        return {k: v for k, v in self.cleaned_data.items() if k not in ("loci", "participants", "version")}


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


def date_field(model_field: str, **kwargs) -> forms.DateField:
    from django.utils.text import capfirst

    label = capfirst(Cycle._meta.get_field(model_field).verbose_name)
    return forms.DateField(label=label, required=False, widget=DateInput, **kwargs)


class CycleForm(forms.Form):
    """A cycle's deadlines and whether it takes new plans."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    submission_deadline = date_field("submission_deadline")
    review_deadline = date_field("review_deadline")
    regulation_deadline = date_field("regulation_deadline")
    decree_deadline = date_field("decree_deadline")
    is_open = forms.BooleanField(label=_("Terbuka untuk pengajuan rencana"), required=False, initial=True)

    def deadlines(self) -> dict:
        return {
            name: self.cleaned_data.get(name)
            for name in ("submission_deadline", "review_deadline", "regulation_deadline", "decree_deadline")
        }


class CycleOpenForm(CycleForm):
    """Opening a year of a programme; the year is one of the period's years
    that has no cycle yet."""

    field_order = ["year"]
    year = forms.TypedChoiceField(label=_("Tahun"), coerce=int)

    def __init__(self, *args, years: list[int] = (), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(y, str(y)) for y in years]
        del self.fields["is_open"]
        del self.fields["version"]


class CycleLegalActsForm(forms.Form):
    """When the regulation and the regional decrees of a delegation cycle
    were issued (blank while not yet issued)."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    regulation_recorded_on = date_field("regulation_recorded_on")
    decree_recorded_on = date_field("decree_recorded_on")
