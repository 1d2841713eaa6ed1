"""Base classes every domain model builds on."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class TimeStampedModel(models.Model):
    """A record that knows when it was created and last changed.

    Who changed it, and what, is kept by the audit app for every subclass of
    `AuditedModel`; these two columns only make lists sortable cheaply.
    """

    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    updated_at = models.DateTimeField(_("diubah"), auto_now=True)

    class Meta:
        abstract = True


class AuditedModel(TimeStampedModel):
    """A domain record whose every create, update and delete is audited.

    `version` supports optimistic concurrency: an edit form carries the
    version it was loaded with and the service refuses a stale one.
    """

    version = models.PositiveIntegerField(_("versi"), default=1, editable=False)

    # Fields whose changes are not worth an audit line (derived or bookkeeping).
    audit_exclude: tuple[str, ...] = ("created_at", "updated_at", "version")

    class Meta:
        abstract = True
