"""Reads of the audit trail; every one goes through the permission layer."""

from __future__ import annotations

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from selaras.audit.models import AuditEntry
from selaras.core.access import READ, restrict


def audit_entries(*, user) -> QuerySet[AuditEntry]:
    """Every audit entry `user` may read, newest first."""
    return restrict(AuditEntry.objects.select_related("actor", "content_type"), user, READ)


def history_for(user, obj: models.Model) -> QuerySet[AuditEntry]:
    """The changes to `obj` that `user` may read, newest first. Empty when
    the user may not read the record itself."""
    ct = ContentType.objects.get_for_model(type(obj))
    return audit_entries(user=user).filter(content_type=ct, object_pk=obj.pk)


def audited_model(label: str) -> type[models.Model] | None:
    """The model named `app_label.model` if it is a kind the permission
    layer knows, else None (so URLs cannot name arbitrary tables)."""
    from selaras.core.access import registered_models

    label = (label or "").lower()
    if label not in registered_models() or label == "audit.auditentry":
        return None
    try:
        return apps.get_model(label)
    except (LookupError, ValueError):
        return None


# Keys that audit entries carry besides model fields: summaries of imports,
# bulk loads and events. Labelled here so any entry reads as a sentence
# fragment in the interface language, not as an internal key.
EVENT_LABELS = {
    "activities": _("jumlah kegiatan"),
    "locations": _("jumlah lokasi"),
    "indicators": _("jumlah indikator"),
    "replaced_activities": _("kegiatan yang diganti"),
    "rows": _("jumlah baris"),
    "located": _("baris dengan lokasi wilayah"),
    "failed_logins": _("gagal masuk berturut-turut"),
    "relations": _("keterkaitan"),
    "bench": _("data uji skala"),
    "created": _("dibuat"),
    "updated": _("diubah"),
    "unchanged": _("tetap"),
    "retired": _("tidak berlaku lagi"),
    "added": _("ditambahkan"),
    "removed": _("dihapus"),
    "cleared": _("dikosongkan"),
}


def _field(model: type[models.Model] | None, name: str):
    if model is None:
        return None
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:
        return None


def field_label(model: type[models.Model] | None, name: str) -> str:
    """A readable label for any key of an entry's changes: a field's verbose
    name, a known event key, a reverse relation's plural, or else the key
    with its underscores turned to spaces."""
    field = _field(model, name)
    verbose = getattr(field, "verbose_name", None)
    if verbose:
        return str(verbose)
    if name in EVENT_LABELS:
        return str(EVENT_LABELS[name])
    if field is not None and getattr(field, "related_model", None) is not None:
        # A reverse relation (e.g. a plan's revisions) has no verbose name of its own.
        return str(field.related_model._meta.verbose_name_plural)
    return str(name).replace("_", " ").replace(".", " · ")


class _Names:
    """Names of related records, fetched once per model for a whole page of
    entries; a record deleted since is named by its id."""

    def __init__(self):
        self.wanted: dict[type[models.Model], set] = {}
        self.found: dict[type[models.Model], dict] = {}

    def want(self, model: type[models.Model], pks) -> None:
        self.wanted.setdefault(model, set()).update(pk for pk in pks if isinstance(pk, (int, str)) and pk != "")

    def fetch(self) -> None:
        for model, pks in self.wanted.items():
            try:
                self.found[model] = model._default_manager.in_bulk(list(pks))
            except (ValueError, TypeError):
                self.found[model] = {}

    def name(self, model: type[models.Model], pk) -> str:
        obj = self.found.get(model, {}).get(pk)
        if obj is None and isinstance(pk, str) and pk.isdigit():
            obj = self.found.get(model, {}).get(int(pk))
        if obj is not None:
            return str(obj)
        return _("#%(id)s (sudah dihapus)") % {"id": pk}


def _related_model(field) -> type[models.Model] | None:
    if field is None or not (field.many_to_one or field.one_to_one or field.many_to_many):
        return None
    return field.related_model


def _plain_text(value) -> str | None:
    """Any stored value as text for a person: lists joined, dicts as
    `label: value`, booleans as ya/tidak."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return str(_("ya") if value else _("tidak"))
    if isinstance(value, (list, tuple)):
        return ", ".join(t for t in (_plain_text(v) for v in value) if t is not None) or None
    if isinstance(value, dict):
        parts = []
        for key, inner in value.items():
            text = _plain_text(inner)
            parts.append(f"{field_label(None, str(key))}: {text if text is not None else '—'}")
        return "; ".join(parts) or None
    return str(value)


def _display(field, value, names: _Names):
    """A stored value shown by its meaning: the choice's label, the related
    record's name, the many-to-many change as names."""
    related = _related_model(field)
    if related is not None:
        if isinstance(value, dict):
            return "; ".join(
                f"{field_label(None, str(verb))}: "
                + (", ".join(names.name(related, pk) for pk in pks) if isinstance(pks, list) else str(pks))
                for verb, pks in value.items()
            )
        if isinstance(value, list):
            return ", ".join(names.name(related, pk) for pk in value)
        if value is None or value == "":
            return None
        return names.name(related, value)
    choices = getattr(field, "flatchoices", None)
    if choices:
        labels = {k: v for k, v in choices}
        if isinstance(value, list):
            return ", ".join(str(labels.get(v, v)) for v in value)
        if isinstance(value, (str, int)) and value in labels:
            return str(labels[value])
    return _plain_text(value)


def _pairs(entry: AuditEntry):
    changes = entry.changes
    if not isinstance(changes, dict):
        # Entries are written by this app as dicts; anything else is shown whole.
        changes = {"changes": changes}
    for name, change in changes.items():
        if isinstance(change, (list, tuple)) and len(change) == 2:
            yield str(name), change[0], change[1]
        else:
            # Many-to-many changes are {"added": [...]}; event summaries a plain value.
            yield str(name), None, change


def _want_names(names: _Names, model, entries) -> None:
    for entry in entries:
        for name, before, after in _pairs(entry):
            related = _related_model(_field(model or entry.content_type.model_class(), name))
            if related is None:
                continue
            for value in (before, after):
                if isinstance(value, dict):
                    for pks in value.values():
                        names.want(related, pks if isinstance(pks, list) else [])
                elif isinstance(value, list):
                    names.want(related, value)
                elif value is not None:
                    names.want(related, [value])


def change_rows(entry: AuditEntry, model: type[models.Model] | None = None, names: _Names | None = None) -> list[dict]:
    """An entry's changes as rows of label, before and after, each value
    shown by its meaning (choice labels, names of related records)."""
    model = model or entry.content_type.model_class()
    if names is None:
        names = _Names()
        _want_names(names, model, [entry])
        names.fetch()
    rows = []
    for name, before, after in _pairs(entry):
        field = _field(model, name)
        rows.append(
            {
                "field": name,
                "label": field_label(model, name),
                "before": _display(field, before, names),
                "after": _display(field, after, names),
            }
        )
    return rows


def with_change_rows(entries) -> list[AuditEntry]:
    """The entries as a list, each with `change_rows` for the
    `audit/_history.html` include; related names are fetched once for all."""
    entries = list(entries)
    names = _Names()
    _want_names(names, None, entries)
    names.fetch()
    for entry in entries:
        entry.change_rows = change_rows(entry, names=names)
    return entries
