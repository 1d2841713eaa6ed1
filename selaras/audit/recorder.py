"""Records an audit entry for every save and delete of an `AuditedModel`.

This is cross-cutting bookkeeping, not a business rule, so it hangs on model
signals: services, the admin, the API and commands are all covered without
each remembering to call it. Bulk loads that bypass signals (reference data)
record one summary entry with `record_event` instead.
"""

from __future__ import annotations

import datetime as dt
import decimal
import uuid

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save

from selaras.audit.models import AuditAction, AuditEntry
from selaras.core.context import current_actor
from selaras.core.models import AuditedModel


def _plain(value):
    if isinstance(value, (dt.date, dt.datetime, dt.time)):
        return value.isoformat()
    if isinstance(value, (decimal.Decimal, uuid.UUID)):
        return str(value)
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, models.fields.files.FieldFile):
        # A stored file is recorded by its name, not its content.
        return value.name or ""
    return value


def snapshot(instance: models.Model) -> dict:
    exclude = set(getattr(instance, "audit_exclude", ()))
    data = {}
    for f in instance._meta.concrete_fields:
        if f.name in exclude or f.primary_key:
            continue
        data[f.name] = _plain(getattr(instance, f.attname))
    return data


def diff(before: dict, after: dict) -> dict:
    return {k: [before.get(k), v] for k, v in after.items() if before.get(k) != v}


def _write(instance: models.Model, action: str, changes: dict, message: str = "") -> AuditEntry:
    actor = current_actor()
    user = actor.user if actor else None
    return AuditEntry.objects.create(
        actor=user if getattr(user, "pk", None) else None,
        actor_label=(str(getattr(user, "username", "")) if user else "") or ("system" if actor is None else actor.via),
        action=action,
        content_type=ContentType.objects.get_for_model(instance.__class__),
        object_pk=instance.pk,
        object_repr=str(instance)[:300],
        changes=changes,
        message=message[:500],
        via=actor.via if actor else "system",
    )


def record_event(instance: models.Model, message: str, changes: dict | None = None) -> AuditEntry:
    """An entry for something that is not a field change: a workflow
    transition, a bulk load, an export."""
    return _write(instance, AuditAction.EVENT, changes or {}, message)


def _before_save(sender, instance, raw=False, **kwargs):
    if raw:
        return
    if instance.pk is None:
        instance._audit_before = None
        return
    old = sender._default_manager.filter(pk=instance.pk).first()
    instance._audit_before = snapshot(old) if old is not None else None


def _after_save(sender, instance, created, raw=False, **kwargs):
    if raw:
        return
    after = snapshot(instance)
    before = getattr(instance, "_audit_before", None)
    if created or before is None:
        _write(instance, AuditAction.CREATE, {k: [None, v] for k, v in after.items() if v not in (None, "", [])})
        return
    changes = diff(before, after)
    if changes:
        _write(instance, AuditAction.UPDATE, changes)


def _after_delete(sender, instance, **kwargs):
    _write(instance, AuditAction.DELETE, {k: [v, None] for k, v in snapshot(instance).items() if v not in (None, "")})


def _m2m(sender, instance, action, model, pk_set, **kwargs):
    if not hasattr(instance, "audit_exclude") or action not in ("post_add", "post_remove", "post_clear"):
        return
    name = next((f.name for f in instance._meta.many_to_many if f.remote_field.through is sender), "relations")
    verb = {"post_add": "added", "post_remove": "removed", "post_clear": "cleared"}[action]
    _write(instance, AuditAction.UPDATE, {name: {verb: sorted(pk_set or [])}})


def audited_models() -> list[type[models.Model]]:
    from django.apps import apps

    # Users are not AuditedModel (they extend Django's AbstractUser) but
    # account changes are exactly what an auditor asks about first.
    return [m for m in apps.get_models() if issubclass(m, AuditedModel) or m._meta.label_lower == "accounts.user"]


def connect_signals() -> None:
    for model in audited_models():
        uid = f"audit-{model._meta.label_lower}"
        pre_save.connect(_before_save, sender=model, dispatch_uid=f"{uid}-pre")
        post_save.connect(_after_save, sender=model, dispatch_uid=f"{uid}-post")
        post_delete.connect(_after_delete, sender=model, dispatch_uid=f"{uid}-del")
    m2m_changed.connect(_m2m, dispatch_uid="audit-m2m")
