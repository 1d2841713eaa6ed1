"""Loaders of the reference tables Selaras ships or depends on.

One module per kind (regions, agencies, affairs, targets, boundaries). Each
reads its source into plain rows, then `sync` compares them with the
database and writes only what changed, in batches: a second load of the same
source touches nothing, and editing one source row updates only that row.

Bulk writes bypass model signals on purpose (a national region load is
91,599 rows); the command records one audit entry summarising the load.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from django.db import models
from django.utils import timezone

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
BATCH_SIZE = 2000


class ReferenceDataError(ValueError):
    """A reference source that cannot be loaded; the message names where."""


@dataclass
class SyncResult:
    """What one sync did to one kind of record."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    retired: list[str] = field(default_factory=list)
    # Records whose many-to-many links (successors, affairs) changed.
    relinked: int = 0

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated or self.retired or self.relinked)

    def add(self, other: SyncResult) -> SyncResult:
        self.created += other.created
        self.updated += other.updated
        self.unchanged += other.unchanged
        self.retired.extend(other.retired)
        self.relinked += other.relinked
        return self

    def as_dict(self) -> dict:
        return {
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "retired": len(self.retired),
            "relinked": self.relinked,
        }


def existing_rows(queryset: models.QuerySet, key: Callable[[dict], object], fields: Iterable[str]) -> dict:
    """The current rows as plain dicts (id, version and `fields`), keyed for
    `sync`. Dicts, not instances: a national load compares 91,599 rows."""
    extra = ["version"] if hasattr(queryset.model, "version") else []
    return {key(row): row for row in queryset.values("id", *extra, *fields)}


def sync(
    model: type[models.Model],
    rows: dict,
    *,
    fields: Iterable[str],
    existing: dict[object, dict],
    make: Callable[[object, dict], models.Model] | None = None,
) -> SyncResult:
    """Create the rows whose key is not in `existing` and update those whose
    `fields` differ. `existing` maps key → current values (`existing_rows`),
    `rows` maps key → wanted values."""
    fields = list(fields)
    result = SyncResult()
    to_create: list[models.Model] = []
    to_update: list[models.Model] = []
    now = timezone.now()
    audited = hasattr(model, "version")
    # bulk_update skips auto_now and the audit signals: keep the bookkeeping
    # columns honest by hand.
    stamped = [f.name for f in model._meta.concrete_fields if getattr(f, "auto_now", False)]
    for key, values in rows.items():
        current = existing.get(key)
        if current is None:
            to_create.append(make(key, values) if make else model(**values))
            continue
        if all(current[name] == values[name] for name in fields):
            result.unchanged += 1
            continue
        obj = model(id=current["id"], **{name: values[name] for name in fields})
        for name in stamped:
            setattr(obj, name, now)
        if audited:
            obj.version = current["version"] + 1
        to_update.append(obj)
    model._default_manager.bulk_create(to_create, batch_size=BATCH_SIZE)
    if to_update:
        extra = [*stamped, "version"] if audited else stamped
        model._default_manager.bulk_update(to_update, [*fields, *extra], batch_size=BATCH_SIZE)
    result.created = len(to_create)
    result.updated = len(to_update)
    return result


def sync_m2m(relation, wanted: dict[int, set[int]]) -> int:
    """Make a many-to-many relation (e.g. `Agency.successors`) hold exactly
    `wanted` (source id → target ids) for the sources given; returns how many
    sources changed. Sources not in `wanted` are left alone."""
    through = relation.through
    source_col = f"{relation.field.m2m_field_name()}_id"
    target_col = f"{relation.field.m2m_reverse_field_name()}_id"
    current: dict[int, set[int]] = {}
    rows = through.objects.filter(**{f"{source_col}__in": list(wanted)}).values_list(source_col, target_col)
    for source_id, target_id in rows:
        current.setdefault(source_id, set()).add(target_id)
    changed = 0
    add, remove = [], []
    for source_id, targets in wanted.items():
        have = current.get(source_id, set())
        if have == targets:
            continue
        changed += 1
        add.extend(through(**{source_col: source_id, target_col: t}) for t in targets - have)
        remove.extend((source_id, t) for t in have - targets)
    through.objects.bulk_create(add, batch_size=BATCH_SIZE)
    for source_id, target_id in remove:
        through.objects.filter(**{source_col: source_id, target_col: target_id}).delete()
    return changed
