"""Optimistic locking, once for every app: an edit carries the `version` it
was loaded with, and a stale one is refused with what changed meanwhile.

Every `AuditedModel` has a `version`; services call `check_version` before
changing a record and bump the version when they save. The API answers a
`StaleEdit` with 409 and the changes (`selaras.core.api`); the pages show
them beside the form.
"""

from __future__ import annotations

from django import forms
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


class StaleEdit(ValidationError):
    """The record changed since the user loaded it. Carries what changed
    meanwhile (audit field changes) so the user can see it before retrying."""

    def __init__(self, message, *, current_version: int, changes: list[dict]):
        super().__init__(message, code="stale")
        self.current_version = current_version
        self.changes = changes


def changes_since(obj, version: int) -> list[dict]:
    """Audit entries of `obj` made after the version the user loaded."""
    # The trail belongs to the audit app, which builds on core: looked up by
    # name so that core never imports it.
    entry_model = apps.get_model("audit", "AuditEntry")
    entries = entry_model.objects.filter(
        content_type=ContentType.objects.get_for_model(type(obj)), object_pk=obj.pk
    ).order_by("timestamp", "id")
    newer = []
    for entry in entries:
        v = entry.changes.get("version")
        if isinstance(v, list) and len(v) == 2 and isinstance(v[1], int) and v[1] > version:
            fields = {k: val for k, val in entry.changes.items() if k != "version"}
            newer.append({"at": entry.timestamp, "by": entry.actor_label, "changes": fields})
    return newer


def check_version(obj, expected_version: int | None) -> None:
    """Refuse an edit made on a stale copy, saying what changed meanwhile."""
    if expected_version is None:
        return
    if int(expected_version) != obj.version:
        changes = changes_since(obj, int(expected_version))
        who = ", ".join(sorted({c["by"] for c in changes if c["by"]})) or _("pengguna lain")
        raise StaleEdit(
            _(
                "Data ini telah diubah oleh %(who)s sejak Anda membukanya (versi %(yours)s, sekarang %(now)s). "
                "Perubahan Anda tidak disimpan; muat ulang dan periksa perubahan berikut."
            )
            % {"who": who, "yours": expected_version, "now": obj.version},
            current_version=obj.version,
            changes=changes,
        )


class VersionedAdminForm(forms.ModelForm):
    """An admin form that obeys optimistic locking like every other edit: it
    carries the version it was loaded with, refuses a stale one with what
    changed meanwhile, and the admin's save counts the edit
    (`VersionedAdminMixin`)."""

    loaded_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            self.fields["loaded_version"].required = True
            self.fields["loaded_version"].initial = self.instance.version

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk is not None and cleaned.get("loaded_version") is not None:
            # The instance was read from the database for this request: its
            # version is the current one.
            check_version(self.instance, cleaned["loaded_version"])
        return cleaned


class VersionedAdminMixin:
    """ModelAdmin mixin: the form checks the version, the save bumps it."""

    form = VersionedAdminForm

    def save_model(self, request, obj, form, change):
        if change:
            obj.version += 1
        super().save_model(request, obj, form, change)
