"""Reads of the audit trail; every one goes through the permission layer."""

from __future__ import annotations

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models import QuerySet

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


def field_label(model: type[models.Model] | None, name: str) -> str:
    """The verbose name of a field, for showing a change to a person."""
    if model is None:
        return name
    try:
        return str(model._meta.get_field(name).verbose_name)
    except FieldDoesNotExist:
        return name


def change_rows(entry: AuditEntry, model: type[models.Model] | None = None) -> list[dict]:
    """An entry's changes as rows of field label, before and after."""
    model = model or entry.content_type.model_class()
    rows = []
    for name, change in (entry.changes or {}).items():
        if isinstance(change, (list, tuple)) and len(change) == 2:
            before, after = change
        else:
            # Many-to-many changes are {"added": [...]} or similar.
            before, after = None, change
        rows.append({"field": name, "label": field_label(model, name), "before": before, "after": after})
    return rows


def with_change_rows(entries) -> list[AuditEntry]:
    """The entries as a list, each with `change_rows` for the
    `audit/_history.html` include."""
    entries = list(entries)
    for entry in entries:
        entry.change_rows = change_rows(entry)
    return entries
