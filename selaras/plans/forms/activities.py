"""Forms of the plan pages: the list filters, a plan's header, the activity
form with its indicator and location rows, and the workflow action form.

Forms only check and convert what a person typed; every write goes through
`selaras.plans.services`, which validates again and refuses stale edits.
"""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from selaras.core.access import READ, restrict
from selaras.core.forms import RupiahField
from selaras.core.templatetags.selaras_format import region_label
from selaras.plans import services
from selaras.plans.models import Activity, DelegatedContent, Plan, PlanStatus, Programme, RecipientLevel
from selaras.plans.services import ActivityData, IndicatorData, LocationData
from selaras.registry.models import Affair, Agency, AgencyKind, AuthorityRule, DevelopmentTarget, Region

QUARTER_CHOICES = [(1, _("Triwulan I")), (2, _("Triwulan II")), (3, _("Triwulan III")), (4, _("Triwulan IV"))]


class PlanFilterForm(forms.Form):
    """The plan list's filters; names match `selectors.PlanFilters`."""

    q = forms.CharField(label=_("Cari"), required=False, max_length=100)
    programme = forms.ChoiceField(label=_("Program"), required=False)
    year = forms.IntegerField(
        label=_("Tahun"),
        required=False,
        min_value=2000,
        max_value=2100,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    owner = forms.ChoiceField(label=pgettext_lazy("satu instansi", "Instansi"), required=False)
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("Semua status")), *PlanStatus.choices]
    )
    region = forms.CharField(
        label=_("Kode wilayah"), required=False, max_length=20, widget=forms.TextInput(attrs={"placeholder": "33.02"})
    )
    affair = forms.CharField(
        label=_("Kode urusan"), required=False, max_length=30, widget=forms.TextInput(attrs={"placeholder": "1.02"})
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        programmes = restrict(Programme.objects.all(), user, READ).order_by("code").values_list("code", "name")
        self.fields["programme"].choices = [("", _("Semua program")), *programmes]
        from selaras.plans.models import Plan

        owners = (
            Agency.objects.filter(pk__in=restrict(Plan.objects.all(), user, READ).values("owner_id"))
            .order_by("code")
            .values_list("code", "name")
        )
        self.fields["owner"].choices = [("", _("Semua instansi")), *owners]


class ActivityForm(forms.ModelForm):
    """The activity itself. `version` carries the version the form was
    loaded with, so a save over someone else's change is refused."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    quarters = forms.TypedMultipleChoiceField(
        label=_("Triwulan pelaksanaan"),
        choices=QUARTER_CHOICES,
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Activity
        fields = [
            "code",
            "title",
            "description",
            "affair",
            "funding_source",
            "budget",
            "partner_budget",
            "output",
            "executing_level",
            "implementing_agency",
            "implementing_office",
            "recipient",
            "recipient_level",
            "authority_item",
            "delegated_content",
            "requires_matching_funds",
            "targets",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "partner_budget": forms.NumberInput(attrs={"step": "0.01", "min": "0"}),
            # Chosen by name with a filter box (searchable.js), not Ctrl-click.
            "targets": forms.CheckboxSelectMultiple(attrs={"data-filterable": ""}),
        }
        field_classes = {"budget": RupiahField}

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["affair"].queryset = restrict(Affair.objects.all(), user, READ).order_by("code")
        self.fields["affair"].label_from_instance = lambda a: f"{a.code} {a.name}"
        agencies = restrict(Agency.objects.all(), user, READ).order_by("code")
        if self.instance.plan_id:
            # Ministries are restructured: offer those that exist in the plan's year.
            agencies = agencies.valid_in(self.instance.plan.cycle.year)
        self.fields["implementing_agency"].queryset = agencies
        self.fields["recipient"].queryset = (
            services.eligible_recipients(self.instance.plan.cycle.programme, agencies)
            if self.instance.plan_id
            else agencies.filter(kind=AgencyKind.REGIONAL_GOVERNMENT)
        )
        self.fields["targets"].queryset = (
            restrict(DevelopmentTarget.objects.all(), user, READ)
            .select_related("framework")
            .order_by("framework__code", "code")
        )
        for name in ("affair", "implementing_agency", "recipient"):
            self.fields[name].empty_label = _("— pilih —")
            self.fields[name].widget.attrs["data-searchable"] = ""
        self.fields["delegated_content"].choices = [("", _("— tidak ada —")), *DelegatedContent.choices]
        self.fields["targets"].label_from_instance = target_label
        self._authority_fields()
        if self.instance.pk and not self.is_bound:
            self.initial["quarters"] = self.instance.quarters
        if not self.is_bound:
            self.initial["version"] = self.instance.version if self.instance.pk else None

    def _authority_fields(self) -> None:
        """The recipient level only means something for deconcentration and
        co-administration; the matrix item is offered from the activity's
        affair only (the suggestion beside it may replace the list as the
        affair changes)."""
        programme = self.instance.plan.cycle.programme if self.instance.plan_id else None
        if programme is None or not programme.is_delegation:
            del self.fields["recipient_level"]
        else:
            self.fields["recipient_level"].choices = [("", _("— pilih —")), *RecipientLevel.choices]
        item = self.fields["authority_item"]
        item.queryset = authority_items(self._affair_id())
        item.empty_label = _("— belum dikonfirmasi —")
        item.label_from_instance = lambda i: f"{i.get_level_display()}: {i.text}"
        item.error_messages["invalid_choice"] = _(
            "Butir kewenangan tidak termasuk urusan kegiatan ini. Pilih butir dari urusan yang dipilih."
        )

    def _affair_id(self) -> int | None:
        if self.is_bound:
            value = self.data.get(self.add_prefix("affair"))
            return int(value) if str(value or "").isdigit() else None
        return self.instance.affair_id

    def _post_clean(self):
        # The model is validated by the service on save; building the
        # instance here would only mutate the loaded activity in place.
        pass


def target_label(target: DevelopmentTarget) -> str:
    """A development target by its name, then its framework:
    "Menurunkan stunting (RPJMN 2025–2029)"; codes are for machines."""
    return f"{target.name} ({target.framework.name})"


def authority_items(affair_id: int | None):
    """The matrix items an activity of this affair may carry out: its sub
    urusan's, or every sub urusan's when a whole field was chosen."""
    if affair_id is None:
        return AuthorityRule.objects.none()
    return (
        AuthorityRule.objects.filter(has_authority=True)
        .filter(Q(affair_id=affair_id) | Q(affair__parent_id=affair_id))
        .select_related("affair")
        .order_by("affair__code", "level", "position")
    )


class IndicatorForm(forms.Form):
    indicator = forms.CharField(label=_("Indikator"), max_length=500)
    unit = forms.CharField(label=_("Satuan"), max_length=60, required=False)
    baseline = forms.DecimalField(label=_("Nilai dasar"), max_digits=18, decimal_places=2, required=False)
    target = forms.DecimalField(label=_("Target"), max_digits=18, decimal_places=2, required=False)


class LocationForm(forms.Form):
    """One location: a current region by its official code, with its share
    of the budget and of the target. The type-ahead fills in the code."""

    region = forms.CharField(
        label=_("Kode wilayah"),
        max_length=20,
        widget=forms.TextInput(attrs={"class": "location-code", "autocomplete": "off", "spellcheck": "false"}),
    )
    budget = RupiahField(label=_("Anggaran lokasi (Rp)"), required=False)
    target_share = forms.DecimalField(
        label=_("Bagian target lokasi"), max_digits=18, decimal_places=2, min_value=Decimal("0"), required=False
    )

    def __init__(self, *args, regions: dict[str, Region] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self._regions = regions if regions is not None else {}

    def clean_region(self) -> Region:
        code = self.cleaned_data["region"].strip()
        region = self._regions.get(code)
        if region is None:
            region = Region.objects.current().filter(code=code).first()
        if region is None or region.valid_until is not None:
            raise forms.ValidationError(
                _("Wilayah dengan kode %(code)s tidak ada atau sudah tidak berlaku."), params={"code": code}
            )
        return region

    @property
    def region_name(self) -> str:
        if self.is_bound and hasattr(self, "cleaned_data") and isinstance(self.cleaned_data.get("region"), Region):
            return self.cleaned_data["region"].name
        return self.initial.get("region_name", "")


class BaseLocationFormSet(forms.BaseFormSet):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # One query for every code typed, instead of one per row.
        codes = set()
        if self.is_bound:
            for i in range(min(self.total_form_count(), self.absolute_max)):
                code = (self.data.get(f"{self.prefix}-{i}-region") or "").strip()
                if code:
                    codes.add(code)
        self._regions = {r.code: r for r in Region.objects.current().filter(code__in=codes)} if codes else {}

    def get_form_kwargs(self, index):
        return {**super().get_form_kwargs(index), "regions": self._regions}

    def clean(self):
        if any(self.errors):
            return
        seen: set[str] = set()
        for form in self.forms:
            if self._should_delete_form(form):
                continue
            region = form.cleaned_data.get("region")
            if region is None:
                continue
            if region.code in seen:
                raise forms.ValidationError(
                    _("Wilayah %(code)s dicantumkan lebih dari sekali."), params={"code": region.code}
                )
            seen.add(region.code)


IndicatorFormSet = forms.formset_factory(IndicatorForm, extra=1, can_delete=True, max_num=50)
LocationFormSet = forms.formset_factory(
    LocationForm, formset=BaseLocationFormSet, extra=1, can_delete=True, max_num=600
)


def _kept(formset, key: str) -> list[dict]:
    # Untouched extra rows clean to {}; rows marked for deletion are dropped.
    return [f.cleaned_data for f in formset.forms if f.cleaned_data.get(key) and not f.cleaned_data.get("DELETE")]


def activity_data(form: ActivityForm, indicators, locations) -> ActivityData:
    """What the three valid forms say, in the shape the services take."""
    c = form.cleaned_data
    return ActivityData(
        title=c["title"],
        funding_source=c["funding_source"],
        budget=c.get("budget") or Decimal("0"),
        code=c.get("code") or "",
        description=c.get("description") or "",
        affair=c.get("affair"),
        partner_budget=c.get("partner_budget"),
        output=c.get("output") or "",
        quarters=c.get("quarters") or [],
        executing_level=c["executing_level"],
        implementing_agency=c.get("implementing_agency"),
        implementing_office=c.get("implementing_office") or "",
        recipient=c.get("recipient"),
        # Without the field (not a delegation programme) the stored level stays.
        recipient_level=c.get("recipient_level", form.instance.recipient_level) or "",
        authority_item=c.get("authority_item"),
        delegated_content=c.get("delegated_content") or "",
        requires_matching_funds=bool(c.get("requires_matching_funds")),
        targets=list(c.get("targets") or []),
        locations=[
            LocationData(region=d["region"], budget=d.get("budget") or Decimal("0"), target_share=d.get("target_share"))
            for d in _kept(locations, "region")
        ],
        indicators=[
            IndicatorData(
                indicator=d["indicator"], unit=d.get("unit") or "", baseline=d.get("baseline"), target=d.get("target")
            )
            for d in _kept(indicators, "indicator")
        ],
    )


def indicator_initial(activity: Activity) -> list[dict]:
    return [
        {"indicator": i.indicator, "unit": i.unit, "baseline": i.baseline, "target": i.target}
        for i in activity.indicators.all()
    ]


def location_initial(activity: Activity) -> list[dict]:
    return [
        {
            "region": loc.region.code,
            "region_name": region_label(loc.region),
            "budget": loc.budget,
            "target_share": loc.target_share,
        }
        for loc in activity.locations.select_related("region__parent__parent").order_by("region__code")
    ]


class TransitionForm(forms.Form):
    comment = forms.CharField(label=_("Komentar"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class PlanCreateForm(forms.Form):
    """A new plan of one agency the user may plan for, in one cycle."""

    owner = forms.ModelChoiceField(label=_("Instansi pemilik"), queryset=Agency.objects.none())
    title = forms.CharField(label=_("Judul"), max_length=255, required=False)
    notes = forms.CharField(label=_("Catatan"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, owners=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = owners if owners is not None else Agency.objects.none()
        self.fields["owner"].empty_label = _("— pilih —")
        self.fields["owner"].label_from_instance = lambda a: f"{a.name} ({a.code})"


class PlanHeaderForm(forms.ModelForm):
    """A plan's title and notes; `version` as in the activity form."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Plan
        fields = ["title", "notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["version"] = self.instance.version

    def _post_clean(self):
        # The service validates and saves; leave the loaded plan untouched.
        pass
