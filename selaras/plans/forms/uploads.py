"""Upload forms: a plan workbook, a region's own sub-activities."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

XLSX_ACCEPT = ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class UploadForm(forms.Form):
    """One uploaded file, refused early when its name says it is not a
    kind we read or it is over the upload limit. Its content is checked by
    the importer, which names every bad cell."""

    suffixes: tuple[str, ...] = (".xlsx",)
    wrong_type = _("Berkas %(name)s bukan berkas Excel (.xlsx). Unduh templat, isi, lalu unggah lagi.")

    file = forms.FileField(label=_("Berkas"))

    def upload_limit(self) -> int:
        from selaras.plans.spreadsheets.workbook import max_upload_bytes

        return max_upload_bytes()

    def clean_file(self):
        from pathlib import PurePath

        upload = self.cleaned_data["file"]
        if PurePath(upload.name).suffix.lower() not in self.suffixes:
            raise forms.ValidationError(self.wrong_type, params={"name": upload.name}, code="type")
        limit = self.upload_limit()
        if upload.size > limit:
            raise forms.ValidationError(
                _("Berkas terlalu besar (%(size)s MB); batas unggahan %(limit)s MB."),
                params={
                    "size": f"{upload.size / 1048576:.1f}".replace(".", ","),
                    "limit": f"{limit / 1048576:.1f}".replace(".", ","),
                },
                code="size",
            )
        return upload


class PlanImportForm(UploadForm):
    """A plan workbook replacing the plan's activities; `version` is the
    plan's version when the page was loaded."""

    file = forms.FileField(
        label=_("Berkas Excel (.xlsx)"), widget=forms.ClearableFileInput(attrs={"accept": XLSX_ACCEPT})
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class RegionalImportForm(UploadForm):
    suffixes = (".xlsx", ".csv")
    wrong_type = _("Berkas %(name)s bukan berkas Excel (.xlsx) atau CSV (.csv).")

    file = forms.FileField(
        label=_("Berkas Excel (.xlsx) atau CSV"),
        widget=forms.ClearableFileInput(attrs={"accept": f"{XLSX_ACCEPT},.csv,text/csv"}),
    )

    def upload_limit(self) -> int:
        # A region's whole RKPD export is far larger than one plan workbook;
        # the upload guard bounds what reading it may cost.
        from selaras.plans.spreadsheets.regional import max_upload_bytes

        return max_upload_bytes()
