"""Forms of the meeting pages. They only collect input; every write goes
through `selaras.meetings.services`, which checks permissions and rules.
Choice lists show what the user may read; the services refuse the rest."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from selaras.core.access import READ, restrict
from selaras.flags.models import Flag
from selaras.meetings.models import Attendance, MeetingKind, MeetingStatus, ParticipantRole
from selaras.plans.models import Cycle, Plan, Programme
from selaras.registry.models import Agency, Region, RegionLevel
from selaras.sync.models import Finding, Recommendation, RecommendationPoint

_SEARCHABLE = {"data-searchable": ""}
_FILTERABLE = {"data-filterable": ""}


def _version() -> forms.IntegerField:
    return forms.IntegerField(widget=forms.HiddenInput, required=False)


def _upper_regions():
    # Meetings invite provinces and regencies/cities, not villages.
    return Region.objects.filter(level__in=(RegionLevel.PROVINCE, RegionLevel.REGENCY)).order_by("code")


class DateTimeLocalInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%dT%H:%M")


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class MeetingFilterForm(forms.Form):
    kind = forms.ChoiceField(label=_("Jenis"), required=False, choices=[("", _("Semua jenis")), *MeetingKind.choices])
    programme = forms.ModelChoiceField(
        label=_("Program"), required=False, queryset=Programme.objects.none(), empty_label=_("Semua program")
    )
    year = forms.IntegerField(
        label=_("Tahun"),
        required=False,
        min_value=2000,
        max_value=2100,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("Semua status")), *MeetingStatus.choices]
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programme"].queryset = restrict(Programme.objects.all(), user, READ).order_by("code")


class MeetingForm(forms.Form):
    """A new meeting (with programme and organiser) or an edit of one
    (those two are fixed once it exists)."""

    kind = forms.ChoiceField(label=_("Jenis rapat"), choices=MeetingKind.choices)
    title = forms.CharField(label=_("Judul"), max_length=300)
    programme = forms.ModelChoiceField(
        label=_("Program"), required=False, queryset=Programme.objects.none(), empty_label=_("Tanpa program")
    )
    cycle = forms.ModelChoiceField(
        label=_("Siklus"),
        required=False,
        queryset=Cycle.objects.none(),
        empty_label=_("Tanpa siklus"),
        help_text=_("Siklus program yang dibahas; tahunnya menjadi tahun rapat."),
    )
    organiser = forms.ModelChoiceField(
        label=_("Penyelenggara"), queryset=Agency.objects.none(), widget=forms.Select(attrs=_SEARCHABLE)
    )
    starts_at = forms.DateTimeField(label=_("Mulai"), widget=DateTimeLocalInput())
    ends_at = forms.DateTimeField(label=_("Selesai"), required=False, widget=DateTimeLocalInput())
    venue = forms.CharField(label=_("Tempat"), required=False, max_length=300)
    online_url = forms.URLField(
        label=_("Tautan daring"), required=False, max_length=500, assume_scheme="https", help_text=_("Zoom, Meet, dll.")
    )
    minutes = forms.CharField(label=_("Notula"), required=False, widget=forms.Textarea(attrs={"rows": 8}))
    version = _version()

    def __init__(self, *args, user=None, editing: bool = False, programme=None, **kwargs):
        super().__init__(*args, **kwargs)
        programmes = restrict(Programme.objects.all(), user, READ).order_by("code")
        self.fields["programme"].queryset = programmes
        cycles = Cycle.objects.filter(programme__in=programmes).select_related("programme").order_by("-year")
        if programme is not None:
            cycles = cycles.filter(programme=programme)
        self.fields["cycle"].queryset = cycles
        self.fields["organiser"].queryset = Agency.objects.order_by("code")
        if editing:
            del self.fields["programme"]
            del self.fields["organiser"]
        else:
            del self.fields["version"]
            del self.fields["minutes"]


class ParticipantForm(forms.Form):
    agency = forms.ModelChoiceField(
        label=pgettext_lazy("satu instansi", "Instansi"),
        required=False,
        queryset=Agency.objects.order_by("code"),
        widget=forms.Select(attrs=_SEARCHABLE),
    )
    region = forms.ModelChoiceField(
        label=_("Wilayah"), required=False, queryset=_upper_regions(), widget=forms.Select(attrs=_SEARCHABLE)
    )
    name = forms.CharField(label=_("Nama"), required=False, max_length=200)
    position = forms.CharField(label=_("Jabatan"), required=False, max_length=200)
    email = forms.EmailField(label=_("Surel"), required=False)
    role = forms.ChoiceField(label=_("Peran"), choices=ParticipantRole.choices, initial=ParticipantRole.PARTICIPANT)
    attended = forms.ChoiceField(label=_("Kehadiran"), choices=Attendance.choices, initial=Attendance.UNKNOWN)


class AttendanceForm(forms.Form):
    attended = forms.ChoiceField(label=_("Kehadiran"), choices=Attendance.choices)
    version = _version()


def _programme_plans(user, meeting):
    plans = restrict(Plan.objects.select_related("owner", "cycle"), user, READ)
    if meeting.programme_id:
        plans = plans.filter(cycle__programme_id=meeting.programme_id)
    return plans.order_by("-cycle__year", "owner__code")


class AgendaForm(forms.Form):
    title = forms.CharField(label=_("Judul butir agenda"), max_length=500)
    notes = forms.CharField(label=_("Catatan"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    plans = forms.ModelMultipleChoiceField(
        label=_("Rencana yang dibahas"),
        required=False,
        queryset=Plan.objects.none(),
        widget=forms.CheckboxSelectMultiple(attrs=_FILTERABLE),
    )
    regions = forms.ModelMultipleChoiceField(
        label=_("Wilayah yang dibahas"),
        required=False,
        queryset=_upper_regions(),
        widget=forms.SelectMultiple(attrs=_SEARCHABLE),
    )
    findings = forms.ModelMultipleChoiceField(
        label=_("Temuan"), required=False, queryset=Finding.objects.none(), widget=forms.SelectMultiple()
    )
    flags = forms.ModelMultipleChoiceField(
        label=_("Tanda daerah"), required=False, queryset=Flag.objects.none(), widget=forms.SelectMultiple()
    )
    letters = forms.ModelMultipleChoiceField(
        label=_("Surat rekomendasi"),
        required=False,
        queryset=Recommendation.objects.none(),
        widget=forms.SelectMultiple(),
    )

    def __init__(self, *args, user=None, meeting=None, **kwargs):
        super().__init__(*args, **kwargs)
        plans = _programme_plans(user, meeting)
        self.fields["plans"].queryset = plans
        self.fields["findings"].queryset = restrict(Finding.objects.filter(plan__in=plans), user, READ).order_by("pk")
        self.fields["flags"].queryset = restrict(
            Flag.objects.filter(activity__plan__in=plans).select_related("activity"), user, READ
        ).order_by("pk")
        self.fields["letters"].queryset = restrict(Recommendation.objects.filter(plan__in=plans), user, READ).order_by(
            "pk"
        )


class ConclusionForm(forms.Form):
    text = forms.CharField(label=_("Rumusan"), widget=forms.Textarea(attrs={"rows": 3}))
    is_public = forms.BooleanField(label=_("Terbuka untuk publik"), required=False)


class ConclusionPublicForm(forms.Form):
    is_public = forms.BooleanField(required=False)
    version = _version()


class DocumentForm(forms.Form):
    title = forms.CharField(label=_("Judul dokumen"), required=False, max_length=300)
    file = forms.FileField(
        label=_("Berkas"), help_text=_("PDF, gambar PNG/JPEG, Word, Excel, PowerPoint atau teks; paling besar 20 MB.")
    )


class FollowUpForm(forms.Form):
    text = forms.CharField(label=_("Tindak lanjut"), widget=forms.Textarea(attrs={"rows": 3}))
    owner_agency = forms.ModelChoiceField(
        label=_("Instansi penanggung jawab"),
        required=False,
        queryset=Agency.objects.order_by("code"),
        widget=forms.Select(attrs=_SEARCHABLE),
        help_text=_("Isi instansi atau wilayah penanggung jawab, salah satu saja."),
    )
    owner_region = forms.ModelChoiceField(
        label=_("Wilayah penanggung jawab"),
        required=False,
        queryset=_upper_regions(),
        widget=forms.Select(attrs=_SEARCHABLE),
    )
    due_date = forms.DateField(label=_("Tenggat"), required=False, widget=DateInput())
    conclusion = forms.ModelChoiceField(label=_("Rumusan"), required=False, queryset=None)
    region = forms.ModelChoiceField(
        label=_("Wilayah terkait"), required=False, queryset=_upper_regions(), widget=forms.Select(attrs=_SEARCHABLE)
    )
    plan = forms.ModelChoiceField(label=_("Rencana terkait"), required=False, queryset=Plan.objects.none())
    finding = forms.ModelChoiceField(label=_("Temuan terkait"), required=False, queryset=Finding.objects.none())
    letter_point = forms.ModelChoiceField(
        label=_("Butir surat rekomendasi"), required=False, queryset=RecommendationPoint.objects.none()
    )
    version = _version()

    def __init__(self, *args, user=None, meeting=None, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["conclusion"].queryset = meeting.conclusions.all()
        plans = _programme_plans(user, meeting)
        self.fields["plan"].queryset = plans
        self.fields["finding"].queryset = restrict(Finding.objects.filter(plan__in=plans), user, READ).order_by("pk")
        self.fields["letter_point"].queryset = restrict(
            RecommendationPoint.objects.filter(recommendation__plan__in=plans), user, READ
        ).order_by("pk")
        if not editing:
            del self.fields["version"]


class FollowUpActForm(forms.Form):
    """A status move with an optional note (and, for "done", evidence)."""

    text = forms.CharField(label=_("Catatan"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    evidence = forms.FileField(label=_("Berkas bukti"), required=False)
    version = _version()


class FollowUpDropForm(forms.Form):
    reason = forms.CharField(label=_("Alasan pembatalan"), widget=forms.Textarea(attrs={"rows": 2}))
    version = _version()


class FollowUpUpdateForm(forms.Form):
    """A progress note; its own ids, as it shares the page with the move forms."""

    text = forms.CharField(label=_("Perkembangan"), widget=forms.Textarea(attrs={"rows": 3}))
    evidence = forms.FileField(
        label=_("Berkas bukti"),
        required=False,
        help_text=_("PDF, gambar PNG/JPEG, Word, Excel, PowerPoint atau teks; paling besar 20 MB."),
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "perkembangan_%s")
        super().__init__(*args, **kwargs)
